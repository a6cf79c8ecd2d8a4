// End-to-end tests of the registry, the bank of practices, requests and the live collaboration
// matrix (docs/matrix.md), in headless Chromium at 390 and 1920 px. Run by MatrixUiIntegrationTests,
// which prepares a network with its schools, practices, requests and accounts; skipped without them.
//
//   CENTRIK_MATRIX_NETWORK, CENTRIK_MATRIX_YEAR   the network and the school year of its matrix
//   CENTRIK_MATRIX_COORDINATOR                    the network's coordinator (the wall screen, the registry)
//   CENTRIK_MATRIX_EXECUTOR                       admin of the executor school, who accepts CENTRIK_MATRIX_REQUEST
//   CENTRIK_MATRIX_APPLICANT                      admin of the applicant school, who searches the bank and files a request
//   CENTRIK_MATRIX_LAPSED_REQUEST                 a request to a school whose agreement lapsed: accepting it is refused
//   CENTRIK_MATRIX_PRACTICE                       id of the practice «Организация проектной деятельности школьников»
//   CENTRIK_MATRIX_PASSWORD                       the accounts' password
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { base, launchBrowser, loggedInPage, screenshot, SIZES } from './support.js';

const env = process.env;
const network = Number(env.CENTRIK_MATRIX_NETWORK);
const year = Number(env.CENTRIK_MATRIX_YEAR);
const request = Number(env.CENTRIK_MATRIX_REQUEST);
const lapsedRequest = Number(env.CENTRIK_MATRIX_LAPSED_REQUEST);
const practice = Number(env.CENTRIK_MATRIX_PRACTICE);
const password = env.CENTRIK_MATRIX_PASSWORD;
const ready = [network, year, request, lapsedRequest, practice].every((n) => Number.isSafeInteger(n) && n > 0)
  && Boolean(password && env.CENTRIK_MATRIX_COORDINATOR && env.CENTRIK_MATRIX_EXECUTOR && env.CENTRIK_MATRIX_APPLICANT
);
const [PHONE, SCREEN] = SIZES;

const matrixUrl = () => `${base}/#/matrix/${network}?year=${year}`;

/** The page does not scroll sideways (the matrix scrolls inside its own box). */
async function assertNoPageOverflow(page, what) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${what}: the page is ${scroll} px wide in a ${width} px window`);
}

describe('registry, bank, requests and the live matrix', { skip: ready ? false : 'CENTRIK_MATRIX_* not set (run by MatrixUiIntegrationTests)' }, () => {
  let browser;
  const errors = [];

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    assert.deepEqual(errors, [], 'no page errors');
  });

  test('the bank finds a practice by another word form on a phone, and the admin requests it', async () => {
    const phone = await loggedInPage(browser, PHONE, env.CENTRIK_MATRIX_APPLICANT, password, errors);
    await phone.click('[data-nav="bank"]');
    await phone.waitForSelector('#bank-query');
    await phone.fill('#bank-query', 'проектная деятельность');
    await phone.waitForFunction(
      (id) => document.querySelector('[data-test="practices"] li')?.dataset.practiceId === String(id)
        && document.querySelectorAll('[data-test="practices"] li').length === 2,
      practice,
    );
    assert.match(await phone.textContent('[data-test="found"]'), /Найдено 2 практики/);
    assert.match(await phone.textContent('[data-test="practices"] li:first-child h2'), /проектной деятельности/);
    await assertNoPageOverflow(phone, 'bank on a phone');
    await screenshot(phone, PHONE, 'bank-search');

    await phone.click('[data-test="practices"] li:first-child h2 a');
    await phone.waitForSelector('[data-test="request-form"]');
    await phone.selectOption('#rq-format', 'master_class');
    await phone.fill('#rq-teachers', '5');
    await phone.fill('#rq-from', `${year}-10-01`);
    await phone.fill('#rq-to', `${year}-11-30`);
    await phone.fill('#rq-comment', 'Для учителей истории и обществознания');
    await screenshot(phone, PHONE, 'practice-request-form');
    await phone.click('[data-test="request-form"] button[type="submit"]');
    await phone.waitForSelector('[data-test="state"] [data-state="submitted"]');
    assert.match(await phone.textContent('[data-test="executor"]'), /Лицей-исполнитель/);
    assert.match(await phone.textContent('.request'), /Мастер-класс/);
    assert.match(await phone.textContent('.request'), /Для учителей истории и обществознания/);
    // the applicant may withdraw it, not answer it
    await phone.waitForSelector('[data-test="withdraw"]');
    assert.equal(await phone.$('[data-test="accept"]'), null);
    await screenshot(phone, PHONE, 'request-filed');
    await phone.close();
  });

  test('an admin accepts a request on a phone; the wall screen of the coordinator shows it within a second', async () => {
    const wall = await loggedInPage(browser, SCREEN, env.CENTRIK_MATRIX_COORDINATOR, password, errors);
    const phone = await loggedInPage(browser, PHONE, env.CENTRIK_MATRIX_EXECUTOR, password, errors);
    const chip = `table.matrix a[data-request-id="${request}"]`;

    // both on the matrix, live: the request is submitted, in its applicant's row and executor's column
    await wall.goto(matrixUrl());
    await wall.waitForSelector(`${chip}[data-state="submitted"]`);
    await wall.waitForSelector('[data-state="live"][data-test="connection"]');
    await phone.goto(matrixUrl());
    await phone.waitForSelector(`${chip}[data-state="submitted"]`);
    assert.match(await wall.textContent('h1'), /Матрица сетевого взаимодействия/);
    assert.match(await wall.textContent(chip), /Подана/);
    const cell = await wall.$eval(chip, (a) => {
      const td = a.closest('td');
      const row = Number(td.dataset.applicant);
      return { row, column: Number(td.dataset.column), rowTotal: Number(document.querySelector(`[data-row-total="${row}"]`).textContent) };
    });
    assert.ok(cell.rowTotal >= 1, 'the row has its total');
    await assertNoPageOverflow(phone, 'matrix on a phone');
    await screenshot(wall, SCREEN, 'matrix-wall');
    await screenshot(phone, PHONE, 'matrix-phone');

    // the executor's admin opens the request from its cell and accepts it
    await phone.click(chip);
    await phone.waitForSelector(`[data-test="state"] [data-state="submitted"]`);
    assert.match(await phone.textContent('h1'), new RegExp(`Заявка № ${request}`));
    await phone.waitForSelector('[data-test="accept"]');
    await screenshot(phone, PHONE, 'request-before-accept');

    // the wall notes (its own clock is the machine's) when the cell shows the new state
    await wall.evaluate((selector) => {
      window.centrikChangedAt = null;
      new MutationObserver(() => {
        if (!window.centrikChangedAt && document.querySelector(selector)?.dataset.state === 'accepted') window.centrikChangedAt = Date.now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    }, chip);
    // and the phone when the admin's click lands on «Принять» (not when the test driver starts
    // looking for the button)
    await phone.evaluate(() => {
      window.centrikClickedAt = null;
      document.addEventListener('click', (event) => {
        if (event.target.closest('[data-test="accept"]')) window.centrikClickedAt ??= Date.now();
      }, { capture: true });
    });
    const answered = phone.waitForResponse((r) => r.url().endsWith(`/api/requests/${request}/accept`)).then(() => Date.now());
    await phone.click('[data-test="accept"]');
    await wall.waitForSelector(`${chip}[data-state="accepted"]`, { timeout: 5000 });
    const clickedAt = await phone.evaluate(() => window.centrikClickedAt);
    const elapsed = (await wall.evaluate(() => window.centrikChangedAt)) - clickedAt;
    console.log(`after the click on «Принять»: the phone had the answer in ${(await answered) - clickedAt} ms, the wall's cell changed in ${elapsed} ms`);
    assert.ok(clickedAt > 0 && elapsed < 1000, `the cell changed ${elapsed} ms after the click`);

    assert.match(await wall.textContent(chip), /Принята/);
    const moved = await wall.$eval(chip, (a) => ({ row: Number(a.closest('td').dataset.applicant), column: Number(a.closest('td').dataset.column) }));
    assert.deepEqual(moved, { row: cell.row, column: cell.column }, 'the request stays in its cell');
    // accepted with no event yet: it needs attention
    await wall.waitForSelector(`[data-test="attention"] [data-request-id="${request}"]`);
    assert.match(await wall.textContent(`[data-test="attention"] [data-request-id="${request}"]`), /мероприятия нет/);

    await phone.waitForSelector('[data-test="done"]');
    assert.match(await phone.textContent('[data-test="done"]'), /Заявка принята/);
    await phone.waitForSelector('[data-test="state"] [data-state="accepted"]');
    await phone.waitForFunction(() => document.querySelectorAll('[data-test="history"] li').length === 2);
    assert.match(await phone.textContent('[data-test="history"]'), /Подана → Принята/);
    assert.equal(await phone.$('[data-test="accept"]'), null, 'no second accept');
    await assertNoPageOverflow(phone, 'request page on a phone');
    await screenshot(phone, PHONE, 'request-accepted');
    await screenshot(wall, SCREEN, 'matrix-wall-accepted');

    // switch the columns to practices: the request is in its practice's column
    await wall.click('[data-test="by-practices"]');
    await wall.waitForSelector(`table.matrix[data-by="practices"] td[data-column="${practice}"] a[data-request-id="${request}"]`);
    await wall.close();
    await phone.close();
  });

  test('a refused action shows its reason in Russian, and a decline needs a reason', async () => {
    // the coordinator may answer for the executor, but not while its agreement has lapsed
    const phone = await loggedInPage(browser, PHONE, env.CENTRIK_MATRIX_COORDINATOR, password, errors);
    await phone.goto(`${base}/#/requests/${lapsedRequest}`);
    await phone.waitForSelector('[data-test="accept"]');
    await phone.click('[data-test="decline"]');
    await phone.click('[data-test="decline-form"] button[type="submit"]');
    await phone.waitForSelector('[data-test="error"]');
    assert.match(await phone.textContent('[data-test="error"]'), /Напишите причину отказа/);
    await phone.click('[data-test="decline-form"] button.button--quiet');

    await phone.click('[data-test="accept"]');
    await phone.waitForFunction(() => /договора/.test(document.querySelector('[data-test="error"]')?.textContent ?? ''));
    const message = await phone.textContent('[data-test="error"]');
    assert.match(message, /Срок договора организации с сетью истёк/);
    assert.doesNotMatch(message, /agreement|lapsed|HTTP/);
    assert.match(await phone.textContent('[data-test="state"]'), /Подана/);
    await screenshot(phone, PHONE, 'request-refused');
    await phone.close();
  });

  test('the coordinator adds an organisation and its agreement on the big screen', async () => {
    const page = await loggedInPage(browser, SCREEN, env.CENTRIK_MATRIX_COORDINATOR, password, errors);
    await page.click('[data-nav="registry"]');
    await page.waitForSelector('[data-test="organisation-form"]');
    await page.goto(`${base}/#/registry/${network}`);
    await page.waitForSelector('[data-test="agreements"]');
    const name = `МБДОУ «Детский сад № ${Date.now() % 100000}»`;
    await page.fill('#ao-name', name);
    await page.selectOption('#ao-kind', 'kindergarten');
    await page.fill('#ao-municipality', 'Пушкинский район');
    await page.check('[data-test="organisation-form"] input[value="rop"]');
    await page.click('[data-test="organisation-form"] button[type="submit"]');
    await page.waitForSelector('[data-test="notice"]');
    assert.match(await page.textContent('[data-test="notice"]'), /добавлена/);

    // the new organisation is picked in the agreement form
    const number = `СМ-${Date.now() % 1000000}`;
    await page.fill('#ag-number', number);
    await page.fill('#ag-purpose', 'Методическое взаимодействие');
    await page.click('[data-test="agreement-form"] button[type="submit"]');
    await page.waitForFunction((n) => document.querySelector('[data-test="agreements"]')?.textContent.includes(n), number);
    const entry = await page.textContent(`[data-test="agreements"] li:has-text("${number}")`);
    assert.match(entry, new RegExp(name.replace(/[«»]/g, '.')));
    assert.match(entry, /Действует/);

    // the same number again: a clear refusal
    await page.selectOption('#ag-organisation', { index: 1 });
    await page.fill('#ag-number', number);
    await page.click('[data-test="agreement-form"] button[type="submit"]');
    await page.waitForSelector('[data-test="agreement-form"] [data-test="error"]');
    assert.match(await page.textContent('[data-test="agreement-form"] [data-test="error"]'), /Договор с таким номером уже есть/);
    await screenshot(page, SCREEN, 'registry');
    await page.close();
  });
});
