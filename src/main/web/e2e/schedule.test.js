// End-to-end tests of the schedule, the event page and the host's event editor, in headless Chromium.
// Run by ScheduleUiIntegrationTests in `./mvnw verify`, which prepares the network and accounts:
//
//   CENTRIK_E2E_SCHEDULE_ADMIN      admin of the host school (creates and changes events)
//   CENTRIK_E2E_SCHEDULE_TEACHERS   two teacher accounts of another member school (comma-separated)
//   CENTRIK_E2E_SCHEDULE_PASSWORD   their password
//   CENTRIK_E2E_SCHEDULE_NETWORK    the network, CENTRIK_E2E_SCHEDULE_HOST the host school,
//   CENTRIK_E2E_SCHEDULE_PRESENTER  a teacher of the host school, CENTRIK_E2E_SCHEDULE_REQUEST an accepted request to it
//
// Without them (e.g. `npm run e2e` against the demo server) the suite is skipped.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SIZES, api, launchBrowser, loggedInPage, screenshot, tokenOf } from './support.js';

const env = process.env;
const adminLogin = env.CENTRIK_E2E_SCHEDULE_ADMIN;
const [firstLogin, secondLogin] = (env.CENTRIK_E2E_SCHEDULE_TEACHERS ?? '').split(',');
const password = env.CENTRIK_E2E_SCHEDULE_PASSWORD;
const network = Number(env.CENTRIK_E2E_SCHEDULE_NETWORK);
const host = Number(env.CENTRIK_E2E_SCHEDULE_HOST);
const presenter = Number(env.CENTRIK_E2E_SCHEDULE_PRESENTER);
const request = Number(env.CENTRIK_E2E_SCHEDULE_REQUEST);
const missing = !adminLogin || !firstLogin || !secondLogin || !password || !network || !host || !presenter || !request;
const LIVE_MS = 2000;

/** A published event of the host school through the API, starting in `days` days at 15:00 Moscow time. */
async function publishedEvent(token, title, extra = {}) {
  const day = new Date(Date.now() + (extra.days ?? 2) * 86400000).toISOString().slice(0, 10);
  const details = {
    clientId: randomUUID(),
    networkId: network,
    title,
    format: 'webinar',
    mode: 'online',
    startsAt: `${day}T15:00:00+03:00`,
    endsAt: `${day}T16:30:00+03:00`,
    timeZone: 'Europe/Moscow',
    link: 'https://webinar.example.org/room/7',
    hostIds: [host],
    presenterIds: [presenter],
    description: 'Разбор приёмов смыслового чтения.',
    materials: ['https://example.org/program.pdf'],
    ...extra.details,
  };
  const created = await api(token, '/api/events', { method: 'POST', body: JSON.stringify(details) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const published = await api(token, `/api/events/${created.body.id}/publish`, { method: 'POST' });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  return { event: published.body, details };
}

/** Waits for a selector and returns how long it took, failing after `ms`. */
async function within(page, selector, ms = LIVE_MS) {
  const started = Date.now();
  await page.waitForSelector(selector, { timeout: ms });
  return Date.now() - started;
}

describe('schedule', { skip: missing && 'CENTRIK_E2E_SCHEDULE_* not set: run by ScheduleUiIntegrationTests' }, () => {
  let browser;
  let adminToken;
  const errors = [];

  before(async () => {
    browser = await launchBrowser();
    adminToken = await tokenOf(adminLogin, password);
  });

  after(async () => {
    await browser?.close();
    assert.deepEqual(errors, [], 'no page errors');
  });

  for (const size of SIZES) {
    test(`a change to an event reaches an open schedule page live (${size.width} px)`, async () => {
      const { event, details } = await publishedEvent(adminToken, `Вебинар «Смысловое чтение» ${size.name}`);
      const page = await loggedInPage(browser, size, firstLogin, password, errors);
      await page.goto(`${page.url().split('#')[0]}#/schedule`);
      const item = `[data-test="schedule-list"] [data-event-id="${event.id}"]`;
      await page.waitForSelector(item);
      // Moscow time of the event, whatever zone the browser is in
      assert.match(await page.textContent(item), /15:00–16:30 \(GMT\+3\)/);
      await screenshot(page, size, 'schedule-list');

      // changed through the API
      const renamed = `${details.title}: новая программа`;
      const put = await api(adminToken, `/api/events/${event.id}`, {
        method: 'PUT',
        body: JSON.stringify({ ...details, title: renamed }),
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const changedMs = await within(page, `${item} a:has-text("новая программа")`);
      assert.equal(await page.textContent(`${item} [data-test="flash"]`), 'Изменено');

      // a new one
      const { event: added } = await publishedEvent(adminToken, `Практикум ${size.name} — новый`, { days: 3, details: { format: 'workshop' } });
      const newMs = await within(page, `[data-event-id="${added.id}"] [data-test="flash"]:has-text("Новое")`);

      // cancelled
      const cancelled = await api(adminToken, `/api/events/${event.id}/cancel`, {
        method: 'POST',
        body: JSON.stringify({ reason: 'Ведущая заболела' }),
      });
      assert.equal(cancelled.status, 200);
      const cancelledMs = await within(page, `${item}[data-state="cancelled"] [data-test="state"]:has-text("Отменено")`);
      assert.match(await page.textContent(item), /Причина отмены: Ведущая заболела/);
      console.log(`# live on the schedule (${size.width} px): changed ${changedMs} ms, new ${newMs} ms, cancelled ${cancelledMs} ms`);

      // filters: format, and the week view holds the event on its Moscow day
      await page.selectOption('#filter-format', 'workshop');
      await page.waitForSelector(`[data-event-id="${added.id}"]`);
      assert.equal(await page.$(item), null, 'a webinar is filtered out');
      await page.selectOption('#filter-format', '');
      await page.click('[data-test="view-week"]');
      await page.waitForSelector('[data-test="schedule-week"]');
      if (!(await page.$(`[data-test="schedule-week"] [data-event-id="${added.id}"]`))) {
        await page.click('button[aria-label="Следующая неделя"]');
      }
      await page.waitForSelector(`[data-test="schedule-week"] [data-event-id="${added.id}"]`);
      await screenshot(page, size, 'schedule-week');

      // a calendar subscription from the page: a secret .ics URL that a calendar app can read
      await page.click('[data-test="calendar-toggle"]');
      await page.click('[data-test="calendar-create"]');
      const url = await (await page.waitForSelector('[data-test="calendar-url"]')).inputValue();
      assert.match(url, /\/calendar\/[A-Za-z0-9_-]+\.ics$/);
      const ics = await (await fetch(url)).text();
      assert.match(ics, /BEGIN:VCALENDAR/);
      await screenshot(page, size, 'schedule-calendar');
      await page.context().close();
    });
  }

  test('the host creates a draft in the editor, links a request and publishes it; a teacher\'s schedule shows it live', async () => {
    const [phone, screen] = SIZES;
    const teacher = await loggedInPage(browser, phone, secondLogin, password, errors);
    await teacher.goto(`${teacher.url().split('#')[0]}#/schedule`);
    await teacher.waitForSelector('[data-test="schedule-list"], [data-test="schedule-empty"]');

    const admin = await loggedInPage(browser, screen, adminLogin, password, errors);
    await admin.click('[data-test="open-new-event"]');
    await admin.waitForSelector('[data-test="event-form"]');
    // nothing filled in: Russian errors next to the fields
    await admin.fill('#ev-title', '');
    await admin.click('[data-test="save-event"]');
    await admin.waitForSelector('[data-field="title"] [data-test="field-error"]');
    assert.equal(await admin.textContent('[data-field="title"] [data-test="field-error"]'), 'Заполните это поле.');
    assert.equal(await admin.textContent('[data-field="place"] [data-test="field-error"]'), 'Для очного или смешанного мероприятия укажите место.');
    await screenshot(admin, screen, 'editor-errors');

    const title = `Мастер-класс «Читаем источник» ${randomUUID().slice(0, 4)}`;
    await admin.fill('#ev-title', title);
    await admin.selectOption('#ev-format', 'master_class');
    await admin.selectOption('#ev-mode', 'hybrid');
    await admin.fill('#ev-place', 'Гимназия, кабинет истории');
    await admin.fill('#ev-link', 'https://webinar.example.org/room/9');
    await admin.fill('#ev-capacity', '25');
    await admin.check(`input[name="presenter"][value="${presenter}"]`);
    await admin.check(`input[name="request"][value="${request}"]`);
    await admin.fill('#ev-description', 'Работа с историческим источником на уроке.');
    await admin.click('[data-test="save-event"]');
    await admin.waitForSelector('[data-test="editor-state"][data-state="draft"]');
    assert.match(await admin.textContent('[data-test="editor-notice"]'), /Черновик создан/);
    const eventId = Number(admin.url().match(/#\/events\/(\d+)\/edit/)[1]);
    const linked = await api(adminToken, `/api/requests/${request}`);
    assert.equal(linked.body.state, 'scheduled', 'linking the request scheduled it');
    assert.equal(await teacher.$(`[data-event-id="${eventId}"]`), null, 'a draft is not on another school\'s schedule');

    await admin.click('[data-test="publish"]');
    await admin.waitForSelector('[data-test="editor-state"][data-state="published"]');
    const ms = await within(teacher, `[data-event-id="${eventId}"] [data-test="flash"]:has-text("Новое")`);
    console.log(`# published in the editor, on the teacher's schedule after ${ms} ms`);
    await screenshot(admin, screen, 'editor-published');
    await screenshot(teacher, phone, 'schedule-published');

    // the event page shows everything, in the event's zone
    await admin.click('[data-test="to-event"]');
    await admin.waitForSelector('[data-test="event-title"]');
    assert.equal(await admin.textContent('[data-test="event-title"]'), title);
    await admin.waitForSelector('[data-test="event-requests"] li');
    assert.match(await admin.textContent('[data-test="event-requests"]'), /Смысловое чтение на уроках истории/);
    assert.match(await admin.textContent('[data-test="event-presenters"]'), /Выступающая/);
    assert.match(await admin.textContent('[data-test="event-capacity"]'), /Занято 0 из 25/);
    await screenshot(admin, screen, 'event-page');
    await admin.context().close();
    await teacher.context().close();
  });

  test('registration at phone size: a seat, the waiting list, and promotion live', async () => {
    const phone = SIZES[0];
    const { event } = await publishedEvent(adminToken, 'Семинар на одно место', {
      days: 4,
      details: { capacity: 1, mode: 'offline', link: null, place: 'Гимназия, актовый зал', format: 'seminar' },
    });
    const first = await loggedInPage(browser, phone, firstLogin, password, errors);
    await first.goto(`${first.url().split('#')[0]}#/events/${event.id}`);
    await first.waitForSelector('[data-test="register"]');
    assert.match(await first.textContent('[data-test="event-when"]'), /\(GMT\+3\)/);
    await first.click('[data-test="register"]');
    await first.waitForSelector('[data-test="registration-status"][data-status="registered"]');
    await within(first, '[data-test="event-capacity"]:has-text("Занято 1 из 1")');
    await screenshot(first, phone, 'event-registered');

    const second = await loggedInPage(browser, phone, secondLogin, password, errors);
    await second.goto(`${second.url().split('#')[0]}#/events/${event.id}`);
    await second.waitForSelector('[data-test="register"]:has-text("Встать в лист ожидания")');
    await second.click('[data-test="register"]');
    await second.waitForSelector('[data-test="registration-status"][data-status="waitlisted"]');
    assert.match(await second.textContent('[data-test="registration-status"]'), /1-й в очереди/);
    await screenshot(second, phone, 'event-waitlisted');

    await first.click('[data-test="unregister"]');
    await first.waitForSelector('[data-test="registration-status"][data-status="cancelled"]');
    // the seat goes to the second teacher, whose open page shows it without a reload
    const ms = await within(second, '[data-test="registration-status"][data-status="registered"]');
    console.log(`# promoted from the waiting list, on the teacher's page after ${ms} ms`);
    await first.context().close();
    await second.context().close();
  });
});
