import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import { get } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { dateIn, dayIn, periodIn, timesIn } from '../lib/event-time';
import type { CentrikEvent, Me, Network, Organisation } from '../lib/model';
import { links } from '../lib/router';
import {
  canCreate,
  flashOf,
  followMine,
  followUpcoming,
  FORMATS,
  MODES,
  startingSoon,
  type Flash,
  type MyEvent,
} from '../lib/schedule';
import { me } from '../lib/session';
import './calendar-subscribe';
import '../styles/schedule.css';

const DAY = 86400000;
const FLASH_MS = 15000;

/** Monday 00:00 (browser time) of the week holding `date`. */
function mondayOf(date: Date): Date {
  const monday = new Date(date);
  monday.setHours(0, 0, 0, 0);
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return monday;
}

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The schedule of the user's networks: a list by day or a week, filtered by format, mode,
 * host organisation and "mine"; live (the networks' upcoming feeds and the user's own feed), so
 * new, changed, cancelled, starting-soon and now-live events appear without a reload. Times are
 * in each event's own time zone.
 */
class SchedulePage extends CentrikElement {
  #view: 'list' | 'week' = 'list';
  #week = mondayOf(new Date());
  #format = '';
  #mode = '';
  #organisation = '';
  #mineOnly = false;
  #events = new Map<number, CentrikEvent>();
  #mine = new Map<number, MyEvent>();
  #flashes = new Map<number, { flash: Flash; until: number }>();
  #networks: Network[] = [];
  #organisations = new Map<number, Organisation>();
  #state: 'loading' | 'ready' | 'failed' = 'loading';
  #calendarOpen = false;
  #stops: Array<() => void> = [];
  #tick: ReturnType<typeof setInterval> | undefined;
  #loaded = { from: 0, to: 0 };

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('schedule.title')} · ${t('app.name')}`;
    this.#tick = setInterval(() => this.#expire(), 5000);
    void this.#start();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  async #start(): Promise<void> {
    try {
      const [networks, organisations] = await Promise.all([
        get<Network[]>('/api/networks'),
        get<Organisation[]>('/api/organisations'),
      ]);
      this.#networks = networks;
      this.#organisations = new Map(organisations.map((o) => [o.id, o]));
      await this.#fetch();
      this.#state = 'ready';
    } catch {
      this.#state = 'failed';
    }
    this.requestUpdate();
    for (const network of this.#networks) {
      this.#stops.push(followUpcoming(network.id, (event, type, snapshot) => this.#upsert(event, type, snapshot)));
    }
    this.#stops.push(
      followMine(
        (entries) => {
          this.#mine = new Map(entries.map((entry) => [entry.event.id, entry]));
          for (const entry of entries) this.#upsert(entry.event, undefined, true);
          this.requestUpdate();
        },
        (entry, type) => {
          const next = new Map(this.#mine);
          if (entry.mine.listed) next.set(entry.event.id, entry);
          else next.delete(entry.event.id);
          this.#mine = next;
          this.#upsert(entry.event, type, false);
        },
      ),
    );
  }

  /** The events of the period on view, over HTTP (past ones and drafts included). */
  async #fetch(): Promise<void> {
    const [from, to] = this.#range();
    if (from >= this.#loaded.from && to <= this.#loaded.to) return;
    const events = await get<CentrikEvent[]>(
      `/api/events?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`,
    );
    for (const event of events) if (!this.#events.has(event.id)) this.#events.set(event.id, event);
    this.#loaded = { from: Math.min(from, this.#loaded.from || from), to: Math.max(to, this.#loaded.to) };
  }

  #range(): [number, number] {
    if (this.#view === 'week') return [this.#week.getTime() - DAY, this.#week.getTime() + 8 * DAY];
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    return [today.getTime(), today.getTime() + 180 * DAY];
  }

  #upsert(event: CentrikEvent, type: string | undefined, snapshot: boolean): void {
    const before = this.#events.get(event.id);
    this.#events.set(event.id, event);
    if (!snapshot && event.state !== 'draft') {
      this.#flashes.set(event.id, { flash: flashOf(type, before, event), until: Date.now() + FLASH_MS });
    } else if (snapshot && !before && this.#state === 'ready' && event.state !== 'draft') {
      // appeared while the page was open (e.g. after a reconnect)
      this.#flashes.set(event.id, { flash: 'new', until: Date.now() + FLASH_MS });
    }
    this.requestUpdate();
  }

  #expire(): void {
    const now = Date.now();
    for (const [id, flash] of this.#flashes) if (flash.until <= now) this.#flashes.delete(id);
    this.requestUpdate();
  }

  #visible(user: Me): CentrikEvent[] {
    const [from, to] = this.#range();
    return [...this.#events.values()]
      .filter((event) => Date.parse(event.endsAt) >= from && Date.parse(event.startsAt) < to)
      .filter((event) => event.state !== 'draft' || this.#mine.has(event.id) || user.hosts.includes(event.id))
      .filter((event) => !this.#format || event.format === this.#format)
      .filter((event) => !this.#mode || event.mode === this.#mode)
      .filter((event) => !this.#organisation || event.hostIds.includes(Number(this.#organisation)))
      .filter((event) => !this.#mineOnly || this.#mine.get(event.id)?.mine.listed)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
  }

  render() {
    const user = me.value;
    if (!user) return nothing;
    return html`
      <section class="schedule" aria-labelledby="schedule-title">
        <div class="schedule__head">
          <h1 id="schedule-title">${t('schedule.title')}</h1>
          <div class="schedule__tools">
            ${canCreate(user)
              ? html`<a class="button button--primary" href=${links.newEvent()} data-test="new-event">${t('schedule.create')}</a>`
              : nothing}
            <button
              type="button"
              class="button"
              aria-expanded=${this.#calendarOpen ? 'true' : 'false'}
              aria-controls="calendar-panel"
              data-test="calendar-toggle"
              @click=${() => {
                this.#calendarOpen = !this.#calendarOpen;
                this.requestUpdate();
              }}
            >
              ${t('calendar.subscribe')}
            </button>
          </div>
        </div>
        <p class="muted">${t('schedule.liveHint')}</p>
        ${this.#calendarOpen
          ? html`<calendar-subscribe id="calendar-panel" .networks=${this.#networks}></calendar-subscribe>`
          : nothing}
        ${this.#filters()}
        ${this.#state === 'loading'
          ? html`<p class="muted" role="status">${t('app.loading')}</p>`
          : this.#state === 'failed'
            ? html`<p class="muted" role="alert">${t('app.error')}</p>`
            : this.#view === 'list'
              ? this.#list(user)
              : this.#weekView(user)}
      </section>
    `;
  }

  #filters() {
    const select = (
      id: string,
      label: string,
      value: string,
      options: Array<[string, string]>,
      set: (value: string) => void,
    ) => html`<div class="field field--inline">
      <label for=${id}>${label}</label>
      <select id=${id} .value=${value} @change=${(e: Event) => {
        set((e.target as HTMLSelectElement).value);
        this.requestUpdate();
      }}>
        <option value="">${t('schedule.any')}</option>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>
    </div>`;
    const hosts = [...this.#organisations.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    return html`<form class="schedule__filters" aria-label=${t('schedule.filters')} @submit=${(e: Event) => e.preventDefault()}>
      <div class="segmented" role="group" aria-label=${t('schedule.view')}>
        ${(['list', 'week'] as const).map(
          (view) => html`<button
            type="button"
            class="segmented__option"
            aria-pressed=${this.#view === view ? 'true' : 'false'}
            data-test="view-${view}"
            @click=${() => this.#setView(view)}
          >
            ${t(view === 'list' ? 'schedule.list' : 'schedule.week')}
          </button>`,
        )}
      </div>
      ${select('filter-format', t('schedule.format'), this.#format, FORMATS.map((f) => [f, t(`event.format.${f}`)]), (v) => (this.#format = v))}
      ${select('filter-mode', t('schedule.mode'), this.#mode, MODES.map((m) => [m, t(`event.mode.${m}`)]), (v) => (this.#mode = v))}
      ${select('filter-organisation', t('schedule.organisation'), this.#organisation, hosts.map((o) => [String(o.id), String(o.shortName ?? o.name)]), (v) => (this.#organisation = v))}
      <label class="check" title=${t('schedule.mineHint')}>
        <input type="checkbox" id="filter-mine" .checked=${this.#mineOnly} @change=${(e: Event) => {
          this.#mineOnly = (e.target as HTMLInputElement).checked;
          this.requestUpdate();
        }} />
        ${t('schedule.mine')}
      </label>
    </form>`;
  }

  async #setView(view: 'list' | 'week'): Promise<void> {
    this.#view = view;
    this.requestUpdate();
    await this.#fetch().catch(() => undefined);
    this.requestUpdate();
  }

  async #moveWeek(weeks: number): Promise<void> {
    const next = weeks === 0 ? mondayOf(new Date()) : new Date(this.#week);
    if (weeks !== 0) next.setDate(next.getDate() + 7 * weeks);
    this.#week = next;
    this.requestUpdate();
    await this.#fetch().catch(() => undefined);
    this.requestUpdate();
  }

  #list(user: Me) {
    const events = this.#visible(user);
    if (events.length === 0) return html`<p class="muted" data-test="schedule-empty">${t('schedule.empty')}</p>`;
    const days = new Map<string, CentrikEvent[]>();
    for (const event of events) {
      const day = dayIn(event.startsAt, event.timeZone);
      days.set(day, [...(days.get(day) ?? []), event]);
    }
    return html`<div class="schedule__days" data-test="schedule-list">
      ${[...days.entries()].map(
        ([, list]) => html`<section class="schedule__day">
          <h2 class="schedule__date">${dateIn(list[0].startsAt, list[0].timeZone)}</h2>
          <ul class="event-list">${list.map((event) => this.#item(event))}</ul>
        </section>`,
      )}
    </div>`;
  }

  #weekView(user: Me) {
    const events = this.#visible(user);
    const days = Array.from({ length: 7 }, (_, n) => {
      const day = new Date(this.#week);
      day.setDate(day.getDate() + n);
      return day;
    });
    const last = days[6];
    const label = (d: Date) => new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'ru-RU', { day: 'numeric', month: 'long' }).format(d);
    return html`<div class="week" data-test="schedule-week">
      <div class="week__nav">
        <button type="button" class="button button--small" @click=${() => this.#moveWeek(-1)} aria-label=${t('schedule.prevWeek')}>←</button>
        <h2 class="week__title" aria-live="polite">${t('schedule.weekOf', { from: label(days[0]), to: label(last) })}</h2>
        <button type="button" class="button button--small" @click=${() => this.#moveWeek(1)} aria-label=${t('schedule.nextWeek')}>→</button>
        <button type="button" class="button button--small button--quiet" @click=${() => this.#moveWeek(0)}>${t('schedule.thisWeek')}</button>
      </div>
      <div class="week__grid">
        ${days.map((day) => {
          const key = isoDay(day);
          const today = key === isoDay(new Date());
          const list = events.filter((event) => dayIn(event.startsAt, event.timeZone) === key);
          return html`<section class="week__day ${today ? 'week__day--today' : ''}" aria-label=${label(day)}>
            <h3 class="week__date">${new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'ru-RU', { weekday: 'short', day: 'numeric' }).format(day)}</h3>
            ${list.length === 0
              ? html`<p class="muted week__empty">${t('schedule.noEventsDay')}</p>`
              : html`<ul class="event-list">${list.map((event) => this.#item(event, true))}</ul>`}
          </section>`;
        })}
      </div>
    </div>`;
  }

  #item(event: CentrikEvent, compact = false) {
    const flash = this.#flashes.get(event.id);
    const mine = this.#mine.get(event.id)?.mine;
    const where = event.mode === 'online' ? t('event.mode.online') : (event.place ?? t(`event.mode.${event.mode}`));
    const hosts = event.hostIds
      .map((id) => this.#organisations.get(id))
      .filter(Boolean)
      .map((o) => String(o!.shortName ?? o!.name))
      .join(', ');
    return html`<li
      class="event-item schedule-item ${flash ? `schedule-item--flash schedule-item--${flash.flash}` : ''} ${event.state === 'cancelled' ? 'schedule-item--cancelled' : ''}"
      data-event-id=${event.id}
      data-state=${event.state}
    >
      <div class="event-item__head">
        <span class="chip">${t(`event.format.${event.format}`)}</span>
        ${event.state === 'live'
          ? html`<span class="chip chip--live"><span class="pulse" aria-hidden="true"></span>${t('event.state.live')}</span>`
          : event.state !== 'published'
            ? html`<span class="chip chip--muted" data-test="state">${t(`event.state.${event.state}`)}</span>`
            : nothing}
        ${startingSoon(event) ? html`<span class="chip chip--soon" data-test="soon">${t('schedule.soon')}</span>` : nothing}
        ${flash && !(flash.flash === 'cancelled' && event.state === 'cancelled')
          ? html`<span class="chip chip--flash" role="status" data-test="flash">${t(`schedule.flash.${flash.flash}`)}</span>`
          : nothing}
        ${mine?.registration === 'registered' ? html`<span class="chip chip--mine">${t('schedule.registered')}</span>` : nothing}
        ${mine?.registration === 'waitlisted' ? html`<span class="chip chip--mine">${t('schedule.waitlisted')}</span>` : nothing}
        ${mine?.presenter ? html`<span class="chip chip--mine">${t('schedule.presenting')}</span>` : nothing}
        ${mine?.host ? html`<span class="chip chip--mine">${t('schedule.hosting')}</span>` : nothing}
      </div>
      <h3 class="event-item__title"><a href=${links.event(event.id)} data-test="event-link">${event.title}</a></h3>
      <p class="event-item__meta">
        ${compact ? timesIn(event.startsAt, event.endsAt, event.timeZone) : periodIn(event.startsAt, event.endsAt, event.timeZone)}
      </p>
      ${compact ? nothing : html`<p class="event-item__meta">${where}${hosts ? html` · ${hosts}` : nothing}</p>`}
      ${event.state === 'cancelled' && event.cancelReason && !compact
        ? html`<p class="event-item__meta">${t('event.cancelReason', { reason: event.cancelReason })}</p>`
        : nothing}
    </li>`;
  }
}

customElements.define('schedule-page', SchedulePage);
