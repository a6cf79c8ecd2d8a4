// Shared pieces of the end-to-end suites (one file per feature in this folder, each run by its own
// *UiIntegrationTests class in `./mvnw verify`, see org.centrik.web.E2e): the browser, the two
// screen sizes, logins and API calls. Debian's chromium only; no browser is ever downloaded.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const base = process.env.CENTRIK_URL;
export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const screenshots = resolve(
  process.env.CENTRIK_E2E_SCREENSHOTS ?? fileURLToPath(new URL('../../../../target/e2e-screenshots', import.meta.url)),
);
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'screen', width: 1920, height: 1080 },
];

assert.ok(base, 'CENTRIK_URL is not set: the server to test, e.g. http://localhost:8080');
assert.ok(existsSync(executablePath), `${executablePath} is missing: install Debian's chromium (apt-get install chromium)`);

/** A headless Chromium; close it in an `after`. */
export function launchBrowser() {
  return chromium.launch({ executablePath, headless: true, args: ARGS });
}

/** A fresh browser context (own cookies and storage) at a size, in Russian and Moscow time. */
export function contextAt(browser, size) {
  return browser.newContext({
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: 1,
    isMobile: size.width < 500,
    hasTouch: size.width < 500,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
}

/**
 * A new page in its own context, logged in through the login page as `account`, collecting page
 * errors into `errors` (assert it stays empty at the end).
 */
export async function loggedInPage(browser, size, account, password, errors = []) {
  const context = await contextAt(browser, size);
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(base);
  await page.waitForSelector('#login-username');
  await page.fill('#login-username', account);
  await page.fill('#login-password', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('h1:has-text("Здравствуйте")');
  return page;
}

/** Saves a full-page screenshot as `<width>-<name>.png`. */
export function screenshot(page, size, name) {
  mkdirSync(screenshots, { recursive: true });
  return page.screenshot({ path: join(screenshots, `${size.width}-${name}.png`), fullPage: true });
}

/** A bearer token of an account, from the token endpoint for API clients. */
export async function tokenOf(account, password) {
  const response = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: account, password }),
  });
  assert.equal(response.status, 200, `login of ${account} answered ${response.status}`);
  return (await response.json()).accessToken;
}

/** An API call with a bearer token: `{ status, body }` (body parsed as JSON when it is JSON). */
export async function api(token, path, init = {}) {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  const body = await response.json().catch(() => undefined);
  return { status: response.status, body };
}
