// End-to-end tests of recognition in headless Chromium: the activity card, live as the host marks
// the teacher; the organisation's teachers; the coordinator's year-end wizard; the public
// verification page opened anonymously. Run by CardUiIntegrationTests with its data; skipped
// without these variables (e.g. `npm run e2e` against the demo server):
//
//   CENTRIK_URL                    the server (required by ./support.js)
//   CENTRIK_E2E_CARD_TEACHERS      two teacher logins (comma-separated), each one centrik short
//   CENTRIK_E2E_CARD_TEACHER_IDS   their teacher ids, in the same order
//   CENTRIK_E2E_CARD_HOST          a host of the live event CENTRIK_E2E_CARD_EVENT
//   CENTRIK_E2E_CARD_EVENT         the live event the host marks them in
//   CENTRIK_E2E_CARD_COORDINATOR   a coordinator of the network CENTRIK_E2E_CARD_NETWORK
//   CENTRIK_E2E_CARD_YEAR          the school year the coordinator closes
//   CENTRIK_E2E_CARD_ADMIN         the admin of the teachers' organisation
//   CENTRIK_E2E_ACCOUNT_PASSWORD   the password of all of them
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SIZES, api, base, contextAt, launchBrowser, loggedInPage, screenshot, tokenOf } from './support.js';

const env = process.env;
const teachers = (env.CENTRIK_E2E_CARD_TEACHERS ?? '').split(',').filter(Boolean);
const teacherIds = (env.CENTRIK_E2E_CARD_TEACHER_IDS ?? '').split(',').filter(Boolean).map(Number);
const host = env.CENTRIK_E2E_CARD_HOST;
const eventId = Number(env.CENTRIK_E2E_CARD_EVENT);
const coordinator = env.CENTRIK_E2E_CARD_COORDINATOR;
const networkId = Number(env.CENTRIK_E2E_CARD_NETWORK);
const year = Number(env.CENTRIK_E2E_CARD_YEAR);
const admin = env.CENTRIK_E2E_CARD_ADMIN;
const password = env.CENTRIK_E2E_ACCOUNT_PASSWORD;
const skip =
  teachers.length < SIZES.length || teacherIds.length < SIZES.length || !host || !eventId || !coordinator || !networkId ||
  !year || !admin || !password
    ? 'the CENTRIK_E2E_CARD_* variables are not set (CardUiIntegrationTests sets them)'
    : false;

describe('recognition', { skip }, () => {
  let browser;
  const errors = [];

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  SIZES.forEach((size, i) => {
    test(`a new centrik appears live on the open card as the host marks the teacher (${size.width} px)`, async () => {
      const page = await loggedInPage(browser, size, teachers[i], password, errors);
      await page.click('[data-test=card-link]');
      await page.waitForSelector('[data-test=card-years] [data-participation-id]');
      assert.equal(await page.locator('h1').first().textContent(), 'Моя карта активности');
      const before = await page.locator('[data-test=card-years] [data-participation-id]').count();
      assert.match(await page.locator('[data-test=card-progress]').textContent(), /2 из 3 центриков/);
      assert.match(await page.locator('[data-test=card-warnings]').textContent(), /не хватает одного центрика/);
      await screenshot(page, size, 'card-before');

      const hostToken = await tokenOf(host, password);
      const marked = await api(hostToken, `/api/events/${eventId}/marks`, {
        method: 'POST',
        body: JSON.stringify({ clientId: randomUUID(), teacherId: teacherIds[i], role: 'listener', present: true }),
      });
      assert.ok(marked.status < 300, `the host's mark answered ${marked.status} ${JSON.stringify(marked.body)}`);

      // no reload: the centrik comes over the live card stream, the progress right after it
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-test=card-years] [data-participation-id]').length === count + 1,
        before,
        { timeout: 15_000 },
      );
      await page.waitForSelector('[data-test=card-years] .rec-entry--fresh');
      await page.waitForFunction(
        () => /3 из 3 центриков/.test(document.querySelector('[data-test=card-progress]')?.textContent ?? ''),
        null,
        { timeout: 15_000 },
      );
      assert.match(await page.locator('[data-test=progress-state]').first().textContent(), /Центриков достаточно/);
      assert.equal(await page.locator('[data-test=card-warnings]').count(), 0);
      await assertFits(page, size);
      await screenshot(page, size, 'card-live');
      await page.context().close();
    });
  });

  test('the admin sees who is one centrik short among the organisation’s teachers', async () => {
    for (const size of SIZES) {
      const page = await loggedInPage(browser, size, admin, password, errors);
      await page.click('[data-test=teachers-link]');
      await page.waitForSelector('[data-test=teachers] [data-teacher-id]');
      assert.match(await page.locator('[data-test=teachers-summary]').textContent(), /Не хватает одного центрика: \d+/);
      await page.click('[data-filter=oneShort]');
      const statuses = await page.locator('[data-test=teachers] [data-teacher-id]').evaluateAll((rows) =>
        rows.map((row) => row.getAttribute('data-status')),
      );
      assert.ok(statuses.length > 0 && statuses.every((status) => status === 'oneShort'), String(statuses));
      await assertFits(page, size);
      await screenshot(page, size, 'teachers');
      await page.context().close();
    }
  });

  test('the coordinator runs the year-end wizard, sees the certificates and confirms a «Сетевая площадка»', async () => {
    const [phone, screen] = SIZES;
    const page = await loggedInPage(browser, screen, coordinator, password, errors);
    await page.click('[data-test=year-end-link]');
    await page.waitForSelector('[data-test=to-issue]');
    await page.selectOption('[data-test=school-year]', String(year));
    await page.waitForSelector(`[data-test=year-end-page][data-loaded-year="${year}"] [data-test=to-issue-list] [data-teacher-id]`);
    const toIssue = await page.locator('[data-test=to-issue-list] [data-teacher-id]').count();
    assert.ok(toIssue >= 4, `${toIssue} certificates to issue`);
    await screenshot(page, screen, 'year-end-preview');

    await page.click('[data-test=issue]');
    await page.click('[data-test=issue-confirm]');
    await page.waitForSelector('[data-test=run-done]', { timeout: 30_000 });
    assert.match(await page.locator('[data-test=run-done]').textContent(), new RegExp(`выдано ${toIssue}`));
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-test=issued-list] [data-teacher-id]').length === n,
      toIssue,
    );
    assert.equal(await page.locator('[data-test=issued-list] [data-test=pdf]').count(), toIssue);
    assert.match(await page.locator('[data-test=to-issue]').textContent(), /Новых сертификатов нет/);

    const pdf = await page.locator('[data-test=issued-list] [data-test=pdf]').first().getAttribute('href');
    const response = await page.request.get(`${base}${pdf}`);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');

    await page.click('[data-test=confirm-platform]');
    await page.waitForSelector('[data-test=platform-confirmed]');
    await screenshot(page, screen, 'year-end-issued');
    await page.context().close();

    const small = await loggedInPage(browser, phone, coordinator, password, errors);
    await small.goto(`${base}/#/networks/${networkId}/year-end?year=${year}`);
    await small.waitForSelector(`[data-test=year-end-page][data-loaded-year="${year}"] [data-test=issued-list] [data-teacher-id]`);
    await assertFits(small, phone);
    await screenshot(small, phone, 'year-end-issued');
    await small.context().close();
  });

  test('the verification page opened anonymously on a phone says the certificate is valid, in Russian', async () => {
    const token = await tokenOf(coordinator, password);
    const issued = await api(token, `/api/networks/${networkId}/year-end/preview?schoolYear=${year}`, { method: 'POST' });
    assert.equal(issued.status, 200);
    const award = issued.body.alreadyIssued.find((a) => !a.revoked);
    assert.ok(award, 'an issued certificate');
    const certificate = await api(token, `/api/certificates/${award.certificateId}`);
    const address = new URL(certificate.body.verificationAddress);

    for (const size of SIZES) {
      const context = await contextAt(browser, size);
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(String(error)));
      const response = await page.goto(`${base}${address.pathname}`);
      assert.equal(response.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), 'ru');
      assert.equal(await page.getAttribute('[data-status]', 'data-status'), 'valid');
      assert.match(await page.textContent('body'), /Сертификат действителен/);
      assert.match(await page.textContent('body'), new RegExp(award.teacherName));
      await assertFits(page, size);
      await screenshot(page, size, 'verify');
      await context.close();
    }
  });

  test('no page threw', () => {
    assert.deepEqual(errors, []);
  });
});

/** Nothing wider than the screen: no sideways scrolling on a phone. */
async function assertFits(page, size) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= size.width, `the page is ${width} px wide at ${size.width} px`);
}
