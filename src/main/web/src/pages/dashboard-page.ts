import { html, nothing, type PropertyValues } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { repeat } from 'lit/directives/repeat.js';
import QRCode from 'qrcode';
import { routes, type ProtocolError } from '@centrik/protocol';
import { formatNumber, t } from '../i18n/i18n';
import { ApiError, get } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatPeriod, formatTime } from '../lib/format';
import { follow } from '../lib/live';
import type { CentrikEvent, LiveMessage, Participant } from '../lib/model';
import { links } from '../lib/router';
import { timelineChart } from './timeline-chart';

interface AttendanceSnapshot {
  event: CentrikEvent;
  participants: Participant[];
}

/** `GET /api/events/{id}/code`: what the host's screen shows (docs/attendance.md). */
interface CheckInCode {
  eventId: number;
  qr: { token: string; url: string; rotatesInSeconds: number; periodSeconds: number };
  word: { code: string; rotatesInSeconds: number; periodSeconds: number };
  checkInOpensAt: string;
  checkInClosesAt: string;
  open: boolean;
}

const NEWEST = 8;
const ORGANISATIONS = 8;
const FRESH_MS = 6000;

/**
 * The screen in the hall: how many are present (growing live), who just arrived, how many from
 * each organisation, arrivals over time, listeners and presenters, and the QR code to check in.
 * It follows `attendance.{eventId}.stream` and resumes from its last sequence after a drop.
 */
class DashboardPage extends CentrikElement {
  static properties = { eventId: { type: Number } };
  eventId = 0;

  #event: CentrikEvent | null = null;
  #participants = new Map<number, Participant>();
  #fresh = new Map<number, number>();
  #problem: 'not_found' | 'forbidden' | 'error' | null = null;
  #qr = '';
  #qrUrl = '';
  #code: CheckInCode | null = null;
  #codeTimer: ReturnType<typeof setTimeout> | undefined;
  #now = Date.now();
  #stop: (() => void) | null = null;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #wakeLock: { release(): Promise<void> } | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    this.#ticker = setInterval(() => {
      this.#now = Date.now();
      this.requestUpdate();
    }, 15_000);
    document.addEventListener('fullscreenchange', this.#rerender);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
    clearInterval(this.#ticker);
    clearTimeout(this.#codeTimer);
    document.removeEventListener('fullscreenchange', this.#rerender);
    void this.#wakeLock?.release().catch(() => undefined);
  }

  #rerender = () => this.requestUpdate();

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('eventId') && this.eventId > 0) this.#start();
  }

  #start(): void {
    this.#stop?.();
    this.#event = null;
    this.#participants = new Map();
    this.#problem = null;
    const eventId = this.eventId;
    this.#stop = follow<AttendanceSnapshot | Participant>(routes.attendance(eventId), {
      onMessage: (message) => this.#apply(message),
      onError: (error: ProtocolError) => {
        this.#problem = error.code === 'not_found' ? 'not_found' : error.code === 'forbidden' ? 'forbidden' : 'error';
        this.requestUpdate();
      },
    });
    this.#code = null;
    this.#qrUrl = '';
    clearTimeout(this.#codeTimer);
    void this.#loadCode(eventId);
    void this.#keepScreenOn();
  }

  #apply(message: LiveMessage<AttendanceSnapshot | Participant>): void {
    const now = Date.now();
    if (message.kind === 'snapshot') {
      const snapshot = message.data as AttendanceSnapshot;
      const first = this.#event === null;
      this.#setEvent(snapshot.event);
      const next = new Map<number, Participant>();
      for (const participant of snapshot.participants) {
        if (!first && !this.#participants.has(participant.participationId)) this.#fresh.set(participant.participationId, now);
        next.set(participant.participationId, participant);
      }
      this.#participants = next;
    } else if (message.kind === 'change') {
      const participant = message.data as Participant;
      const before = this.#participants.get(participant.participationId);
      if (participant.status === 'present' && before?.status !== 'present') this.#fresh.set(participant.participationId, now);
      this.#participants = new Map(this.#participants).set(participant.participationId, participant);
    }
    for (const [id, at] of this.#fresh) if (now - at > FRESH_MS) this.#fresh.delete(id);
    this.#now = now;
    this.requestUpdate();
  }

  #setEvent(event: CentrikEvent): void {
    this.#event = event;
    document.title = `${event.title} · ${t('app.name')}`;
    if (!this.#code) this.#showQr(new URL(links.checkin(event.id), location.href).href);
  }

  #showQr(url: string): void {
    if (url === this.#qrUrl) return;
    this.#qrUrl = url;
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svgText) => {
      if (url !== this.#qrUrl) return;
      this.#qr = svgText;
      this.requestUpdate();
    }, () => undefined);
  }

  /**
   * The rotating QR code and code word (`GET /api/events/{id}/code`), read again when either
   * rotates. Only the event's hosts and the coordinator may read them: everyone else's screen
   * keeps the plain link to the event's check-in page (the teacher then types the code word).
   */
  async #loadCode(eventId: number): Promise<void> {
    let again: number | null;
    try {
      const code = await get<CheckInCode>(`/api/events/${eventId}/code`);
      if (eventId !== this.eventId) return;
      this.#code = code;
      this.#showQr(code.qr.url);
      again = Math.max(1, Math.min(code.qr.rotatesInSeconds, code.word.rotatesInSeconds)) * 1000 + 250;
    } catch (error) {
      if (eventId !== this.eventId) return;
      const refused = error instanceof ApiError && (error.status === 403 || error.status === 404 || error.status === 409);
      if (refused) {
        this.#code = null;
        if (this.#event) this.#showQr(new URL(links.checkin(this.#event.id), location.href).href);
      }
      // a screen that lost the network keeps its last code and asks again soon
      again = refused ? null : 5000;
    }
    this.requestUpdate();
    clearTimeout(this.#codeTimer);
    if (again !== null) this.#codeTimer = setTimeout(() => void this.#loadCode(eventId), again);
  }

  async #keepScreenOn(): Promise<void> {
    const wakeLock = (navigator as Navigator & { wakeLock?: { request(kind: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock;
    try {
      this.#wakeLock = (await wakeLock?.request('screen')) ?? null;
    } catch {
      this.#wakeLock = null;
    }
  }

  #toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void this.requestFullscreen?.().catch(() => undefined);
  };

  render() {
    if (this.#problem === 'not_found') return this.#message(t('dashboard.notFound'));
    if (this.#problem === 'forbidden') return this.#message(t('app.forbidden'));
    if (this.#problem === 'error') return this.#message(t('app.error'));
    const event = this.#event;
    if (!event) return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    const present = [...this.#participants.values()].filter((p) => p.status === 'present');
    const presenters = present.filter((p) => p.role === 'presenter').length;
    const listeners = present.length - presenters;
    const newest = [...present].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt)).slice(0, NEWEST);
    const organisations = byOrganisation(present);
    const top = organisations.slice(0, ORGANISATIONS);
    const maxOrganisation = Math.max(1, ...top.map((o) => o.present));
    const { chart, minutes } = timelineChart(present, event.startsAt, event.endsAt, this.#now);
    const fullscreen = document.fullscreenElement === this;
    return html`
      <div class="dashboard">
        <header class="dashboard__header">
          <div>
            <p class="dashboard__kicker">
              ${t(`event.format.${event.format}`)} ·
              ${event.state === 'live'
                ? html`<span class="chip chip--live"><span class="pulse" aria-hidden="true"></span>${t('event.state.live')}</span>`
                : t(`event.state.${event.state}`)}
            </p>
            <h1 class="dashboard__title" data-test="event-title">${event.title}</h1>
            <p class="dashboard__meta">${formatPeriod(event.startsAt, event.endsAt)}${event.place ? ` · ${event.place}` : ''}</p>
          </div>
          ${document.fullscreenEnabled
            ? html`<button type="button" class="button button--quiet dashboard__fullscreen" @click=${this.#toggleFullscreen}>
                ${fullscreen ? t('dashboard.exitFullscreen') : t('dashboard.fullscreen')}
              </button>`
            : nothing}
        </header>

        <section class="tile tile--count" aria-labelledby="present-title">
          <h2 id="present-title" class="tile__title">${t('dashboard.present')}</h2>
          <p class="count" aria-live="polite" aria-atomic="true">
            <span class="count__value" data-test="present-count" data-count=${present.length}>${formatNumber(present.length)}</span>
            ${event.capacity ? html`<span class="count__of">/ ${formatNumber(event.capacity)}</span>` : nothing}
            <span class="visually-hidden">${t('dashboard.presentCount', { n: present.length })}</span>
          </p>
          <div class="split" role="group" aria-label=${t('dashboard.split')}>
            <div class="split__bar" aria-hidden="true">
              <span class="split__listeners" style="flex-grow:${listeners}"></span>
              <span class="split__presenters" style="flex-grow:${presenters}"></span>
            </div>
            <p class="split__legend">
              <span class="legend legend--green" data-test="listeners">${t('dashboard.listeners')}: <b>${formatNumber(listeners)}</b></span>
              <span class="legend legend--red" data-test="presenters">${t('dashboard.presenters')}: <b>${formatNumber(presenters)}</b></span>
            </p>
          </div>
        </section>

        <section class="tile tile--checkin" aria-labelledby="checkin-title">
          <h2 id="checkin-title" class="tile__title">${t('dashboard.checkIn')}</h2>
          <div class="qr" role="img" aria-label=${t('dashboard.qrAlt', { title: event.title })} data-test="qr" data-url=${this.#qrUrl}>
            ${this.#qr ? unsafeSVG(this.#qr) : nothing}
          </div>
          <p class="muted">${t('dashboard.checkInHint')}</p>
          ${this.#code
            ? html`<p class="code-word" data-test="code-word">
                  <span class="muted">${t('dashboard.codeWord')}</span> <b>${this.#code.word.code.replace(/^(\d{3})(\d{3})$/, '$1 $2')}</b>
                </p>
                <p class="muted small" data-test="check-in-window">
                  ${this.#code.open
                    ? t('dashboard.checkInOpenUntil', { time: formatTime(this.#code.checkInClosesAt) })
                    : t('dashboard.checkInClosed', { from: formatTime(this.#code.checkInOpensAt), to: formatTime(this.#code.checkInClosesAt) })}
                </p>`
            : html`<p class="muted small">${t('dashboard.codeWordElsewhere')}</p>`}
        </section>

        <section class="tile tile--newest" aria-labelledby="newest-title">
          <h2 id="newest-title" class="tile__title">${t('dashboard.newest')}</h2>
          ${newest.length === 0
            ? html`<p class="muted">${t('dashboard.nobodyYet')}</p>`
            : html`<ol class="arrivals" data-test="arrivals">
                ${repeat(
                  newest,
                  (p) => p.participationId,
                  (p) => html`<li class="arrival ${this.#fresh.has(p.participationId) ? 'arrival--fresh' : ''}" data-participation=${p.participationId}>
                    <span class="arrival__dot arrival__dot--${p.role === 'presenter' ? 'red' : 'green'}"
                      title=${t(p.role === 'presenter' ? 'card.redHint' : 'card.greenHint')}></span>
                    <span class="arrival__name">${p.teacherName}</span>
                    <span class="arrival__organisation">${p.organisationName}</span>
                    <time class="arrival__time" datetime=${p.recordedAt}>${formatTime(p.recordedAt)}</time>
                  </li>`,
                )}
              </ol>`}
        </section>

        <section class="tile tile--organisations" aria-labelledby="organisations-title">
          <h2 id="organisations-title" class="tile__title">${t('dashboard.byOrganisation')}</h2>
          ${top.length === 0
            ? html`<p class="muted">${t('dashboard.nobodyYet')}</p>`
            : html`<ul class="bars" data-test="organisations">
                ${top.map(
                  (o) => html`<li class="bars__row">
                    <span class="bars__label">${o.name}</span>
                    <span class="bars__track" aria-hidden="true"><span class="bars__fill" style="width:${(o.present / maxOrganisation) * 100}%"></span></span>
                    <span class="bars__value">${formatNumber(o.present)}</span>
                  </li>`,
                )}
              </ul>`}
        </section>

        <section class="tile tile--timeline" aria-labelledby="timeline-title">
          <h2 id="timeline-title" class="tile__title">${t('dashboard.timeline')}</h2>
          ${present.length === 0
            ? html`<p class="muted">${t('dashboard.timelineEmpty')}</p>`
            : html`<p class="muted small">${t('dashboard.timelineDescription', { minutes })}</p>
                <div data-test="timeline">${chart}</div>`}
        </section>
      </div>
    `;
  }

  #message(text: string) {
    return html`<section class="panel" role="alert"><p>${text}</p><a href=${links.home()}>${t('app.home')}</a></section>`;
  }
}

function byOrganisation(present: Participant[]): Array<{ id: number; name: string; present: number }> {
  const counts = new Map<number, { id: number; name: string; present: number }>();
  for (const p of present) {
    const entry = counts.get(p.organisationId) ?? { id: p.organisationId, name: p.organisationName, present: 0 };
    entry.present += 1;
    counts.set(p.organisationId, entry);
  }
  return [...counts.values()].sort((a, b) => b.present - a.present || a.name.localeCompare(b.name));
}

customElements.define('dashboard-page', DashboardPage);
