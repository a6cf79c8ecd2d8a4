// End-to-end tests of the host's corrections and imports on the host page (#/host/{id}), at 390 and
// 1920 px. Run by AttendanceUiIntegrationTests against a server it starts, with an event that is
// over and the teachers below; skipped without them.
//
//   CENTRIK_URL                   the server
//   CENTRIK_EVENT_ID              an event whose check-in window has passed
//   CENTRIK_E2E_HOST              a host of the event; CENTRIK_E2E_ACCOUNT_PASSWORD its password
//   CENTRIK_E2E_CSV               a participant list (CSV) with matched, unmatched and duplicate rows
//   CENTRIK_E2E_MATCHED           how many distinct teachers the list matches by itself
//   CENTRIK_E2E_RESOLVE_ROW       an unmatched row the host resolves…
//   CENTRIK_E2E_RESOLVE_TO        …to the teacher found by this name
//   CENTRIK_E2E_CORRECT           the last name of a listener the host corrects to a presenter
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SIZES, api, launchBrowser, loggedInPage, screenshot, tokenOf } from './support.js';

const eventId = process.env.CENTRIK_EVENT_ID;
const hostLogin = process.env.CENTRIK_E2E_HOST;
const password = process.env.CENTRIK_E2E_ACCOUNT_PASSWORD;
const csv = process.env.CENTRIK_E2E_CSV;
const matched = Number(process.env.CENTRIK_E2E_MATCHED);
const resolveRow = process.env.CENTRIK_E2E_RESOLVE_ROW;
const resolveTo = process.env.CENTRIK_E2E_RESOLVE_TO;
const correctName = process.env.CENTRIK_E2E_CORRECT;
const ready = Boolean(eventId && hostLogin && password && csv && resolveRow && resolveTo && correctName);

describe('the host corrects attendance with a reason and imports a webinar list', { skip: !ready && 'needs CENTRIK_EVENT_ID, CENTRIK_E2E_HOST, … (see the top of this file)' }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  // the first size imports the list; the second imports the same file again and adds nobody
  SIZES.forEach((size, index) => {
    const first = index === 0;

    test(`${size.width} px: a CSV with matched, unmatched and duplicate rows, one row resolved by hand, all or nothing`, async () => {
      const errors = [];
      const page = await loggedInPage(browser, size, hostLogin, password, errors);
      await page.goto(new URL(`#/host/${eventId}`, process.env.CENTRIK_URL).toString());
      await page.waitForSelector('[data-test=roster]');

      await page.setInputFiles('[data-test=import-file]', { name: 'вебинар.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.click('[data-test=import-check]');
      await page.waitForSelector('[data-test=import-report]');
      assert.equal(Number(await page.getAttribute('[data-test=import-matched]', 'data-count')), matched);
      assert.equal(Number(await page.getAttribute('[data-test=import-duplicates]', 'data-count')), 1);
      assert.equal(Number(await page.getAttribute('[data-test=import-unmatched]', 'data-count')), 2);
      assert.equal(await page.locator('[data-test=import-row]').count(), 2);
      await screenshot(page, size, 'attendance-1-import-checked');

      // the host finds the teacher of one unmatched row by name
      const row = page.locator(`[data-test=import-row][data-row="${resolveRow}"]`);
      await row.locator('[data-test=import-find]').fill(resolveTo);
      await row.locator('[data-test=import-candidate]').first().click();
      await row.locator('[data-test=import-chosen]').waitFor();
      assert.match(await row.locator('[data-test=import-chosen]').textContent(), new RegExp(resolveTo));
      await screenshot(page, size, 'attendance-2-import-resolved');

      await page.click('[data-test=import-commit]');
      await page.waitForSelector('[data-test=import-done]');
      const done = await page.textContent('[data-test=import-done]');
      // first time: the matched and the resolved are new; the second time: nobody is
      const recorded = first ? matched + 1 : 0;
      const already = first ? 0 : matched + 1;
      assert.match(done, new RegExp(`отмечено новых — ${recorded}, уже были отмечены — ${already}, сопоставлено вручную — 1, строк без педагога — 1`), done);
      await screenshot(page, size, 'attendance-3-import-done');

      // the roster shows the imported teacher present, from the list
      await page.fill('#roster-search', resolveTo);
      await page.waitForSelector(`[data-test=roster] li[data-status=present]:has-text("${resolveTo}")`);
      assert.deepEqual(errors, []);
      await page.context().close();
    });

    test(`${size.width} px: a correction needs a reason and appears in the history`, async () => {
      const errors = [];
      const page = await loggedInPage(browser, size, hostLogin, password, errors);
      await page.goto(new URL(`#/host/${eventId}`, process.env.CENTRIK_URL).toString());
      await page.waitForSelector('[data-test=roster]');
      const row = page.locator(`[data-test=roster] li:has-text("${correctName}")`);
      await row.locator('[data-test=correct]').click();
      await page.waitForSelector('#correct-dialog[open]');
      // presenter the first time, back to listener the second: two entries in the history
      const to = first ? 'presenter' : 'listener';
      await page.check(`[data-test=correct-${to}]`);
      await page.click('[data-test=correct-save]');
      await page.waitForSelector('[data-test=correct-error]');
      assert.match(await page.textContent('[data-test=correct-error]'), /Укажите причину/);
      await screenshot(page, size, 'attendance-4-correct-dialog');

      const reason = first ? 'Выступала с докладом, отмечена как слушатель по ошибке' : 'Доклад перенесён, была слушателем';
      await page.fill('[data-test=correct-reason]', reason);
      await page.click('[data-test=correct-save]');
      await page.waitForSelector('[data-test=correct-saved]');
      await page.waitForSelector(`[data-test=history] [data-test=history-reason]:has-text("${reason}")`);
      await page.waitForSelector(`[data-test=roster] li[data-role=${to}]:has-text("${correctName}")`);
      await screenshot(page, size, 'attendance-5-history');

      // the server keeps it: the history over the API names the reason
      const { status, body } = await api(await tokenOf(hostLogin, password), `/api/events/${eventId}/corrections`);
      assert.equal(status, 200);
      assert.ok(body.some((entry) => entry.reason === reason && entry.toRole === to), JSON.stringify(body));
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  });
});
