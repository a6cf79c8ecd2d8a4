// End-to-end tests of the web UI in headless Chromium (Debian's chromium, driven by playwright-core).
//
// Run by WebUiIntegrationTests in `./mvnw verify` against a server it starts, or by hand against a
// running demo server: CENTRIK_URL=http://localhost:8080 npm run e2e (logs in as the demo coordinator
// and waits for the demo pulse instead of making check-ins; without teacher and host accounts the
// check-in page and host page tests are skipped).
//
//   CENTRIK_URL                  the server (required)
//   CENTRIK_LOGIN, CENTRIK_PASSWORD   an account that may watch the event (default: demo coordinator)
//   CENTRIK_EVENT_ID             a live event (default: the first live event of /api/events)
//   CENTRIK_E2E_HOST             a host of the event (marks teachers on the host page, reads the code)
//   CENTRIK_E2E_TEACHERS         teacher accounts (comma-separated) of member schools, each checks in once
//   CENTRIK_E2E_ACCOUNT_PASSWORD the password of the host and the teachers
//   CENTRIK_E2E_MARK             the last name (before "-1", "-2") of teachers the host finds and marks
//   CENTRIK_E2E_SCREENSHOTS      where the screenshots go (default: target/e2e-screenshots)
//   CHROMIUM                     the browser (default: /usr/bin/chromium)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { ARGS, SIZES, base, executablePath, screenshots } from './support.js';

const login = process.env.CENTRIK_LOGIN ?? 'coordinator@centrik.example';
const password = process.env.CENTRIK_PASSWORD ?? 'centrik-demo';
const hostLogin = process.env.CENTRIK_E2E_HOST;
const teacherLogins = (process.env.CENTRIK_E2E_TEACHERS ?? '').split(',').filter(Boolean);
const accountPassword = process.env.CENTRIK_E2E_ACCOUNT_PASSWORD;
const markName = process.env.CENTRIK_E2E_MARK;
const realCheckIns = teacherLogins.length > 0 && Boolean(hostLogin);

// Without CENTRIK_EVENT_ID: the first live event on the home page after login.
let eventId = process.env.CENTRIK_EVENT_ID ? Number(process.env.CENTRIK_EVENT_ID) : undefined;

/**
 * A TCP proxy in front of the server that the browser talks through, so that a test can cut the
 * network for real (every connection reset, new ones refused) and bring it back on the same port.
 */
function networkProxy(target) {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set();
  let server;
  let port = 0;
  const track = (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  };
  const listen = () =>
    new Promise((resolveListen, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(targetPort), hostname);
        track(client);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.on('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = server.address().port;
        resolveListen(`http://127.0.0.1:${port}`);
      });
    });
  const close = () =>
    new Promise((resolveClose) => {
      server.close(() => resolveClose());
      for (const socket of sockets) socket.destroy();
    });
  return { start: listen, cut: close, restore: listen, close };
}

const proxy = networkProxy(base);
let site;

before(async () => {
  // other suites' screenshots share the folder: each overwrites its own files only
  mkdirSync(screenshots, { recursive: true });
  site = await proxy.start();
});

after(() => proxy.close());

/** A bearer token of an account, from the token endpoint for API clients. */
async function tokenOf(account) {
  const response = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: account, password: accountPassword }),
  });
  assert.equal(response.status, 200, `login of ${account} answered ${response.status}`);
  return (await response.json()).accessToken;
}

async function api(token, path, init = {}) {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  const body = await response.json().catch(() => undefined);
  return { status: response.status, body };
}

/** The code on the host's screen now (GET /api/events/{id}/code, as the host). */
async function currentCode() {
  const { status, body } = await api(await tokenOf(hostLogin), `/api/events/${eventId}/code`);
  assert.equal(status, 200, `the host's code answered ${status}`);
  return body;
}

/** The next teacher account that has not checked in yet. */
let nextTeacher = 0;
function takeTeacher() {
  assert.ok(nextTeacher < teacherLogins.length, 'not enough teacher accounts for the check-ins');
  return teacherLogins[nextTeacher++];
}

/**
 * Prepares a teacher's check-in through the real API (token and the host's current QR code
 * first, so that only the check-in itself is timed); the returned function sends it and
 * resolves to the teacher's name. Without accounts (a demo server), the demo pulse brings one.
 */
async function prepareCheckIn() {
  if (!realCheckIns) return async () => null;
  const token = await tokenOf(takeTeacher());
  const code = await currentCode();
  return async () => {
    const now = new Date().toISOString();
    const { status, body } = await api(token, `/api/events/${eventId}/check-ins`, {
      method: 'POST',
      body: JSON.stringify({ clientId: crypto.randomUUID(), code: code.qr.token, scannedAt: now, sentAt: now }),
    });
    assert.equal(status, 201, `the check-in answered ${status}: ${JSON.stringify(body)}`);
    return body.participation.teacherName;
  };
}

async function checkIn() {
  return (await prepareCheckIn())();
}

async function presentCount(page) {
  return Number(await page.getAttribute('[data-test=present-count]', 'data-count'));
}

for (const size of SIZES) {
  describe(`at ${size.width} px`, () => {
    let context;
    let page;
    let profile;
    const errors = [];
    const shot = (name) => page.screenshot({ path: join(screenshots, `${size.width}-${name}.png`), fullPage: true });

    before(async () => {
      profile = mkdtempSync(join(tmpdir(), 'centrik-e2e-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: ARGS,
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: 1,
        isMobile: size.width < 500,
        hasTouch: size.width < 500,
        locale: 'ru-RU',
        timezoneId: 'Europe/Moscow',
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => errors.push(String(error)));
    });

    after(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    test('an anonymous visitor gets the Russian login page, and English is one tap away', async () => {
      await page.goto(site);
      await page.waitForURL(/#\/login/);
      assert.equal(await page.textContent('h1'), 'Вход');
      assert.equal(await page.getAttribute('html', 'lang'), 'ru');
      assert.ok(await page.isVisible('label[for=login-username]:text("Электронная почта")'));
      await shot('01-login');

      await page.click('button.language__option[lang=en]');
      await page.waitForSelector('h1:text-is("Log in")');
      await page.reload();
      await page.waitForSelector('h1:text-is("Log in")');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await shot('01-login-en');
      await page.click('button.language__option[lang=ru]');
      await page.waitForSelector('h1:text-is("Вход")');
    });

    // Once only: failures count against the account's login throttle.
    test('a wrong password is refused in Russian', { skip: size !== SIZES[0] && 'checked at the first size' }, async () => {
      await page.fill('#login-username', login);
      await page.fill('#login-password', 'not-the-password');
      await page.click('button[type=submit]');
      const error = await page.waitForSelector('[data-test=login-error]');
      assert.equal(await error.textContent(), 'Неверная почта или пароль.');
    });

    test('login leads to the home page with the event of today', async () => {
      await page.fill('#login-username', login);
      await page.fill('#login-password', password);
      await page.click('button[type=submit]');
      await page.waitForSelector('h1:has-text("Здравствуйте")');
      if (eventId === undefined) {
        const live = await page.waitForSelector('[data-test=today] .event-item:has(.chip--live):has([data-test=open-dashboard])');
        eventId = Number(await live.getAttribute('data-event-id'));
      }
      await page.waitForSelector(`[data-test=today] [data-event-id="${eventId}"]`);
      if (process.env.CENTRIK_EVENT_ID) {
        // the test's account coordinates the event's network: its upcoming events come live
        await page.waitForSelector(`[data-test=upcoming] [data-event-id="${eventId}"]`);
      }
      await shot('02-home');
    });

    test('the dashboard shows a check-in within a second', async () => {
      await page.click(`[data-test=today] [data-event-id="${eventId}"] [data-test=open-dashboard]`);
      await page.waitForURL(new RegExp(`#/events/${eventId}/dashboard`));
      await page.waitForSelector('[data-test=present-count]');
      await page.waitForSelector('[data-test=connection][data-state=live]');
      await page.waitForSelector('[data-test=qr] svg');
      // the rotating code of /code, readable by the coordinator: the QR leads to the UI's check-in page with a token
      await page.waitForSelector('[data-test=code-word]');
      assert.match(await page.getAttribute('[data-test=qr]', 'data-url'), new RegExp(`/#/checkin/${eventId}\\?code=[0-9]+-`));
      const before = await presentCount(page);
      await shot('03-dashboard');

      const send = await prepareCheckIn();
      const started = Date.now();
      const name = await send();
      await page.waitForFunction(
        (expected) => Number(document.querySelector('[data-test=present-count]')?.dataset.count) >= expected,
        before + 1,
        { timeout: realCheckIns ? Math.max(1, 1000 - (Date.now() - started)) : 30_000, polling: 'raf' },
      );
      const elapsed = Date.now() - started;
      console.log(`# ${size.width} px: check-in through the API on the dashboard after ${elapsed} ms`);
      if (realCheckIns) {
        assert.ok(elapsed < 1000, `the check-in took ${elapsed} ms to appear`);
        await page.waitForSelector(`[data-test=arrivals] .arrival__name:text-is("${name}")`, { timeout: 1000 });
      }
      await page.waitForTimeout(300);
      await shot('04-dashboard-after-check-in');
    });

    test('offline, the dashboard says "нет соединения" and catches up when the network is back', async () => {
      const before = await presentCount(page);
      await context.setOffline(true);
      await page.waitForSelector('[data-test=offline]:has-text("Нет соединения")');
      await shot('05-dashboard-offline-browser');
      await checkIn();
      await context.setOffline(false);
      await page.waitForFunction(
        (expected) => Number(document.querySelector('[data-test=present-count]')?.dataset.count) >= expected,
        before + 1,
        { timeout: 30_000 },
      );
      await page.waitForSelector('[data-test=connection][data-state=live]', { timeout: 15_000 });
      assert.equal(await page.isVisible('[data-test=offline]'), false);
    });

    test('when the network drops, the dashboard says so and resumes where it was', { skip: size !== SIZES[0] && 'checked on the phone' }, async () => {
      const before = await presentCount(page);
      await proxy.cut();
      await page.waitForSelector('[data-test=connection][data-state=reconnecting], [data-test=connection][data-state=offline]', { timeout: 10_000 });
      await shot('05-dashboard-reconnecting');
      const name = await checkIn();
      await page.waitForSelector('[data-test=connection][data-state=offline]', { timeout: 10_000 });
      await page.waitForSelector('[data-test=offline]:has-text("Нет соединения")');
      await proxy.restore();
      await page.waitForFunction(
        (expected) => Number(document.querySelector('[data-test=present-count]')?.dataset.count) >= expected,
        before + 1,
        { timeout: 15_000 },
      );
      await page.waitForSelector('[data-test=connection][data-state=live]', { timeout: 15_000 });
      if (name) await page.waitForSelector(`[data-test=arrivals] .arrival__name:text-is("${name}")`);
      const ids = await page.$$eval('[data-test=arrivals] [data-participation]', (items) => items.map((item) => item.dataset.participation));
      assert.equal(new Set(ids).size, ids.length, 'an arrival is listed twice');
    });

    describe('a teacher on the check-in page, and the host on the host page', { skip: !realCheckIns && 'needs teacher and host accounts' }, () => {
      let browser;
      const contextAt = async () =>
        browser.newContext({
          viewport: { width: size.width, height: size.height },
          deviceScaleFactor: 1,
          isMobile: size.width < 500,
          hasTouch: size.width < 500,
          locale: 'ru-RU',
          timezoneId: 'Europe/Moscow',
        });
      const logIn = async (other, account) => {
        await other.waitForSelector('#login-username');
        await other.fill('#login-username', account);
        await other.fill('#login-password', accountPassword);
        await other.click('button[type=submit]');
      };

      before(async () => {
        browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
      });

      after(() => browser?.close());

      test('offline on the check-in page: queued with its scan time, sent once when the network is back', async () => {
        const teacher = await contextAt();
        const phone = await teacher.newPage();
        phone.on('pageerror', (error) => errors.push(String(error)));
        const otherShot = (name) => phone.screenshot({ path: join(screenshots, `${size.width}-${name}.png`), fullPage: true });
        const code = await currentCode();
        const account = takeTeacher();
        // what the phone's camera opens: the QR code's URL (on this test's proxy)
        const url = new URL(code.qr.url);
        await phone.goto(`${site}/${url.hash}`);
        await logIn(phone, account);
        await phone.waitForSelector('[data-test=checkin-confirm]');
        await phone.waitForSelector('[data-test=checkin-event]');
        assert.equal(await phone.textContent('.checkin__kicker'), 'Отметка участия');
        await otherShot('06-checkin');

        const before = await presentCount(page);
        await teacher.setOffline(true);
        await phone.click('[data-test=checkin-confirm]');
        const queued = await phone.waitForSelector('[data-test=checkin-queued]');
        assert.match(await queued.textContent(), /В очереди — отправим, когда появится сеть/);
        const [entry] = await phone.evaluate(() =>
          Object.entries(localStorage).filter(([key]) => key.startsWith('centrik.checkIns.')).flatMap(([, value]) => JSON.parse(value)),
        );
        assert.ok(entry?.scannedAt, 'the check-in is stored on the phone');
        await otherShot('07-checkin-queued');
        await phone.waitForTimeout(2500); // the scan time and the arrival differ by more than two seconds

        const online = Date.now();
        await teacher.setOffline(false);
        const done = await phone.waitForSelector('[data-test=checkin-done]', { timeout: 15_000 });
        console.log(`# ${size.width} px: queued check-in confirmed ${Date.now() - online} ms after the network came back`);
        assert.match(await done.textContent(), /Вы отмечены!/);
        await otherShot('08-checkin-done');
        const recordedAt = Date.parse(await done.getAttribute('data-recorded-at'));
        assert.ok(Math.abs(recordedAt - Date.parse(entry.scannedAt)) < 1000, `recorded at ${recordedAt}, scanned at ${entry.scannedAt}`);
        assert.deepEqual(
          await phone.evaluate(() => Object.entries(localStorage).filter(([key]) => key.startsWith('centrik.checkIns.')).flatMap(([, v]) => JSON.parse(v))),
          [],
          'the queue is empty',
        );

        // the dashboard: one more, and exactly one participation of the teacher, with the scan time
        await page.waitForFunction(
          (expected) => Number(document.querySelector('[data-test=present-count]')?.dataset.count) >= expected,
          before + 1,
          { timeout: 5_000 },
        );
        const me = await api(await tokenOf(account), '/api/me');
        const rows = (await api(await tokenOf(hostLogin), `/api/events/${eventId}/participations`)).body.filter(
          (row) => row.teacherId === me.body.teacherId,
        );
        assert.equal(rows.length, 1);
        assert.equal(Date.parse(rows[0].recordedAt), recordedAt);
        await page.waitForSelector(`[data-test=arrivals] [data-participation="${rows[0].participationId}"]`);
        assert.equal(await page.locator(`[data-test=arrivals] [data-participation="${rows[0].participationId}"]`).count(), 1);

        // a second tap, online: already checked in, with the time
        await phone.goto(`${site}/#/checkin/${eventId}`);
        await phone.waitForSelector('[data-test=checkin-done]');
        await teacher.close();
      });

      test('a wrong code word is refused in Russian', { skip: size !== SIZES[0] && 'checked on the phone' }, async () => {
        const teacher = await contextAt();
        const phone = await teacher.newPage();
        await phone.goto(`${site}/#/checkin/${eventId}`);
        await logIn(phone, takeTeacher());
        await phone.waitForSelector('#checkin-word');
        const word = (await currentCode()).word.code;
        await phone.fill('#checkin-word', word === '000000' ? '000001' : '000000');
        await phone.click('[data-test=checkin-word-submit]');
        const refused = await phone.waitForSelector('[data-test=checkin-refused]');
        assert.equal(await refused.getAttribute('data-code'), 'code_invalid');
        assert.match(await refused.textContent(), /Код не подходит к этому мероприятию/);
        await phone.screenshot({ path: join(screenshots, `${size.width}-09-checkin-refused.png`), fullPage: true });
        await phone.fill('#checkin-word', word);
        await phone.click('[data-test=checkin-word-submit]');
        await phone.waitForSelector('[data-test=checkin-done]');
        await teacher.close();
      });

      test('the host marks a teacher present on the host page, and the dashboard shows it', async () => {
        const hosting = await contextAt();
        const tablet = await hosting.newPage();
        tablet.on('pageerror', (error) => errors.push(String(error)));
        const hostShot = (name) => tablet.screenshot({ path: join(screenshots, `${size.width}-${name}.png`), fullPage: true });
        await tablet.goto(site);
        await logIn(tablet, hostLogin);
        await tablet.click(`[data-test=hosting] [data-event-id="${eventId}"] [data-test=open-host]`);
        await tablet.waitForSelector('[data-test=roster]');
        await hostShot('10-host');

        const name = `${markName}-${SIZES.indexOf(size) + 1}`;
        await tablet.fill('#roster-search', name);
        const row = tablet.locator('[data-test=roster] .roster__row', { hasText: name });
        await row.waitFor();
        const before = await presentCount(page);
        const started = Date.now();
        await row.locator('[data-test=mark-presenter]').click();
        await tablet.waitForSelector(`[data-test=roster] .roster__row[data-status=present][data-role=presenter]:has-text("${name}")`);
        await page.waitForSelector(`[data-test=arrivals] .arrival:has(.arrival__dot--red) .arrival__name:has-text("${name}")`, { timeout: 5_000 });
        console.log(`# ${size.width} px: host's mark on the dashboard after ${Date.now() - started} ms`);
        assert.equal(await presentCount(page), before + 1);
        await hostShot('11-host-marked');

        // undo, then listener: green
        await row.locator('[data-test=mark-undo]').click();
        await tablet.waitForSelector(`[data-test=roster] .roster__row[data-status=absent]:has-text("${name}")`);
        await page.waitForFunction((expected) => Number(document.querySelector('[data-test=present-count]')?.dataset.count) === expected, before, { timeout: 5_000 });
        await row.locator('[data-test=mark-listener]').click();
        await tablet.waitForSelector(`[data-test=roster] .roster__row[data-status=present][data-role=listener]:has-text("${name}")`);
        await page.waitForSelector(`[data-test=arrivals] .arrival:has(.arrival__dot--green) .arrival__name:has-text("${name}")`, { timeout: 5_000 });

        // closing asks first; the phone size only cancels, the last size closes
        await tablet.fill('#roster-search', '');
        await tablet.click('[data-test=host-close]');
        await tablet.waitForSelector('#close-dialog[open]');
        await hostShot('12-host-close-dialog');
        if (size === SIZES[SIZES.length - 1]) {
          await tablet.click('[data-test=host-close-confirm]');
          await tablet.waitForSelector('[data-test=host-closed]');
          assert.equal(await tablet.locator('[data-test=mark-listener]').count(), 0);
          await hostShot('13-host-closed');
        } else {
          await tablet.click('#close-dialog button:not([data-test])');
          await tablet.waitForSelector('#close-dialog', { state: 'hidden' });
        }
        await hosting.close();
      });
    });

    test('the QR code leads to the check-in page of the event', async () => {
      const url = new URL(await page.getAttribute('[data-test=qr]', 'data-url'));
      await page.goto(`${site}/${url.hash}`);
      await page.waitForSelector('.checkin__kicker:text-is("Отметка участия")');
      await page.waitForSelector('[data-test=checkin-event]');
      // the coordinator is no teacher: told so, in Russian
      await page.waitForSelector('.notice:has-text("Отметиться может только педагог")');
    });

    test('logout returns to the login page, and nothing broke on the way', async () => {
      await page.click('[data-test=logout]');
      await page.waitForURL(/#\/login/);
      await page.waitForSelector('h1:text-is("Вход")');
      assert.deepEqual(errors, []);
    });
  });
}
