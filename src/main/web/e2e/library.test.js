// End-to-end test of the methodical cabinet (library-page) in headless Chromium, at 390 and 1920 px.
// Run by LibraryUiIntegrationTests; skipped unless its accounts are given:
//
//   CENTRIK_E2E_LIBRARY_TEACHER, _COORDINATOR, _EXPERT   logins (a teacher of a member school, the
//                                                          network's coordinator, an expert of it)
//   CENTRIK_E2E_LIBRARY_EXPERT_NAME                        the expert's display name
//   CENTRIK_E2E_LIBRARY_PASSWORD                           their password
//   CENTRIK_E2E_LIBRARY_TITLE                              the title the teacher gives the product
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SIZES, base, launchBrowser, loggedInPage, screenshot } from './support.js';

const teacher = process.env.CENTRIK_E2E_LIBRARY_TEACHER;
const coordinator = process.env.CENTRIK_E2E_LIBRARY_COORDINATOR;
const expert = process.env.CENTRIK_E2E_LIBRARY_EXPERT;
const expertName = process.env.CENTRIK_E2E_LIBRARY_EXPERT_NAME;
const password = process.env.CENTRIK_E2E_LIBRARY_PASSWORD;
const title = process.env.CENTRIK_E2E_LIBRARY_TITLE;
const skip = !(teacher && coordinator && expert && expertName && password && title)
  && 'CENTRIK_E2E_LIBRARY_* accounts are not set (LibraryUiIntegrationTests sets them)';

const [phone, screen] = SIZES;
const productCard = (page) => page.locator('[data-test="product"]', { hasText: title }).first();

describe('methodical cabinet', { skip }, () => {
  let browser;
  let expertBrowser;
  let files;
  const errors = [];

  before(async () => {
    browser = await launchBrowser();
    // the expert works in a browser of their own
    expertBrowser = await launchBrowser();
    files = mkdtempSync(join(tmpdir(), 'centrik-library-'));
    writeFileSync(join(files, 'Программа.pdf'), '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< >>\nendobj\ntrailer\n%%EOF\n', 'latin1');
    writeFileSync(join(files, 'Подделка.pdf'), '<html><script>alert(1)</script></html>');
    writeFileSync(join(files, 'setup.exe'), 'MZ');
  });

  after(async () => {
    await browser?.close();
    await expertBrowser?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  test('a teacher submits, the coordinator assigns, the expert approves, the teacher sees it live, the cabinet finds it', async () => {
    const author = await loggedInPage(browser, phone, teacher, password, errors);
    await author.goto(`${base}/#/library/products`);
    await author.waitForSelector('form[data-test="submit-product"]');

    // a file of a type that is not allowed: refused in Russian before anything is sent
    await author.fill('#submit-title', title);
    await author.selectOption('#submit-type', 'methodical_materials');
    await author.check('input[name="levels"][value="primary"]');
    await author.fill('#submit-subject', 'Окружающий мир');
    await author.fill('#submit-description', 'Проекты для 2–4 классов: от вопроса к исследованию.');
    await author.setInputFiles('#submit-files', join(files, 'setup.exe'));
    await author.click('[data-test="submit-send"]');
    const notice = author.locator('[data-test="library-notice"]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /setup\.exe.*нельзя загрузить/);

    // a file whose content is not what its name says: refused by the server, in Russian
    await author.setInputFiles('#submit-files', join(files, 'Подделка.pdf'));
    await author.click('[data-test="submit-send"]');
    await author.waitForFunction(() => /не соответствует/.test(document.querySelector('[data-test="library-notice"]')?.textContent ?? ''));
    await screenshot(author, phone, 'library-upload-refused');

    await author.setInputFiles('#submit-files', join(files, 'Программа.pdf'));
    await author.click('[data-test="submit-send"]');
    await author.waitForFunction(() => /отправлен на экспертизу/.test(document.querySelector('[data-test="library-notice"]')?.textContent ?? ''));
    const mine = productCard(author);
    await mine.waitFor();
    assert.equal(await mine.locator('[data-test="product-state"]').getAttribute('data-state'), 'submitted');
    assert.match(await mine.textContent(), /Программа\.pdf/);

    // the coordinator assigns the expert
    const coordinatorPage = await loggedInPage(browser, screen, coordinator, password, errors);
    await coordinatorPage.goto(`${base}/#/library/coordination`);
    const waiting = productCard(coordinatorPage);
    await waiting.waitFor();
    await waiting.locator('label', { hasText: expertName }).locator('input').check();
    await waiting.locator('[data-test="assign-send"]').click();
    await coordinatorPage.waitForFunction(() => /Эксперты назначены/.test(document.querySelector('[data-test="library-notice"]')?.textContent ?? ''));
    await screenshot(coordinatorPage, screen, 'library-coordination');

    // the teacher's page follows: in review, with its ten-day deadline
    await author.waitForFunction(
      (t) => [...document.querySelectorAll('[data-test="product"]')].some((card) => card.textContent.includes(t)
        && card.querySelector('[data-test="product-state"]')?.dataset.state === 'in_review'
        && /Срок экспертизы: до/.test(card.textContent)),
      title, { timeout: 10_000 },
    );

    // the expert approves it in the other browser
    const expertPage = await loggedInPage(expertBrowser, screen, expert, password, errors);
    await expertPage.goto(`${base}/#/library/reviews`);
    const queued = productCard(expertPage);
    await queued.waitFor();
    assert.match(await queued.locator('[data-test="due"]').first().textContent(), /Срок экспертизы: до/);
    await screenshot(expertPage, screen, 'library-review-queue');
    const form = expertPage.locator('form[data-test="conclusion"]').first();
    await form.locator('input[value="approve"]').check();
    await form.locator('select[name="relevance"]').selectOption('5');
    await form.locator('select[name="quality"]').selectOption('4');
    await form.locator('textarea').fill('Материал готов к использованию в сети.');
    const decidedAt = Date.now();
    await form.locator('[data-test="conclude-send"]').click();
    await expertPage.waitForFunction(() => /Заключение отправлено/.test(document.querySelector('[data-test="library-notice"]')?.textContent ?? ''));

    // the teacher sees the decision without reloading
    await author.waitForFunction(
      (t) => [...document.querySelectorAll('[data-test="product"]')].some((card) => card.textContent.includes(t)
        && card.querySelector('[data-test="product-state"]')?.dataset.state === 'approved'),
      title, { timeout: 10_000 },
    );
    assert.ok(Date.now() - decidedAt < 10_000);
    assert.match(await author.locator('[data-test="library-notice"]').textContent(), /Решение по продукту.*Одобрен/);
    await screenshot(author, phone, 'library-my-products');

    // the cabinet finds it by another word form
    await author.goto(`${base}/#/library`);
    await author.fill('#library-q', 'проектной деятельностью');
    await author.click('[data-test="cabinet-search-button"]');
    await author.waitForFunction(
      (t) => [...document.querySelectorAll('[data-test="cabinet-results"] [data-test="product"]')].some((card) => card.textContent.includes(t)),
      title, { timeout: 10_000 },
    );
    await screenshot(author, phone, 'library-cabinet');

    // and the approved product is on the teacher's activity card as a contribution
    await author.goto(`${base}/#/`);
    await author.waitForFunction(
      (t) => document.querySelector('[data-test="contributions"]')?.textContent.includes(t), title, { timeout: 10_000 },
    );

    // a creative group: the teacher applies with a teacher of another school, the coordinator
    // sees the seven-day deadline and creates it, the teacher's page shows it live
    const groupName = `МТГ ${title.split(' ').at(-1)}`;
    await author.goto(`${base}/#/library/groups`);
    await author.waitForSelector('form[data-test="apply-group"] input[name="memberIds"]');
    await author.fill('#group-name', groupName);
    await author.fill('#group-problem', 'Функциональная грамотность младших школьников');
    await author.fill('#group-result', 'Банк исследовательских заданий');
    await author.fill('#group-from', '2026-09-01');
    await author.fill('#group-to', '2027-05-31');
    await author.locator('input[name="memberIds"]').first().check();
    await author.click('form[data-test="apply-group"] button[type="submit"]');
    const applied = author.locator('[data-test="group"]', { hasText: groupName });
    await applied.waitFor();
    assert.match(await applied.locator('[data-test="decision-due"]').textContent(), /Решение до/);
    await coordinatorPage.goto(`${base}/#/library/coordination`);
    const application = coordinatorPage.locator('[data-test="group"]', { hasText: groupName });
    await application.waitFor({ timeout: 10_000 });
    assert.match(await application.locator('[data-test="decision-due"]').textContent(), /Решение до/);
    await screenshot(coordinatorPage, screen, 'library-coordination-application');
    await application.locator('button[value="create"]').click();
    await author.waitForFunction(
      (name) => [...document.querySelectorAll('[data-test="group"]')].some((card) => card.textContent.includes(name)
        && card.querySelector('.chip')?.dataset.state === 'created'),
      groupName, { timeout: 10_000 },
    );
    assert.match(await author.locator('[data-test="library-notice"]').textContent(), /Группа создана/);
    await Promise.all([author, coordinatorPage, expertPage].map((page) => page.context().close()));
  });

  test('every view of the cabinet at both sizes, nothing wider than the screen', async () => {
    for (const size of SIZES) {
      for (const [account, views] of [[teacher, ['', '/products', '/groups']], [coordinator, ['/coordination']], [expert, ['/reviews']]]) {
        const page = await loggedInPage(browser, size, account, password, errors);
        for (const view of views) {
          await page.goto(`${base}/#/library${view}`);
          await page.waitForSelector('.library h1');
          await page.waitForFunction(() => !document.querySelector('.library [role="status"].muted'));
          // against the size itself: a phone's layout viewport grows with content that is too wide
          const overflow = await page.evaluate((width) => document.documentElement.scrollWidth - width, size.width);
          assert.ok(overflow <= 1, `#/library${view} is ${overflow}px wider than ${size.width}px`);
          await screenshot(page, size, `library${view.replace('/', '-') || '-cabinet'}`);
        }
        await page.context().close();
      }
    }
    assert.deepEqual(errors, []);
  });
});
