import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import { ApiError, get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { browserZone, dateIn, differsFromBrowser, periodIn, timeIn } from '../lib/event-time';
import type { CentrikEvent, Me } from '../lib/model';
import { links } from '../lib/router';
import {
  followMine,
  followUpcoming,
  problemMessage,
  startingSoon,
  type EventPeople,
  type Mine,
  type Registration,
} from '../lib/schedule';
import { me } from '../lib/session';
import { canHost, canWatch } from './event-item';
import '../styles/schedule.css';

interface LinkedRequest {
  id: number;
  practiceTitle: string;
  applicantName: string;
  executorName: string;
  state: string;
}

/**
 * One event with everything about it — format, mode, time in its zone, place or link, seats,
 * hosts, presenters, the requests it answers, description and materials — the user's own
 * registration (with the waiting list), and the ways on to its dashboard, host page, check-in
 * and editor for those allowed. Live: changes of the event and of the user's registration
 * appear without a reload.
 */
class EventPage extends CentrikElement {
  static properties = { eventId: { type: Number } };
  eventId = 0;
  #event: CentrikEvent | null = null;
  #state: 'loading' | 'ready' | 'not-found' | 'forbidden' | 'failed' = 'loading';
  #people: EventPeople | null = null;
  #requests: LinkedRequest[] = [];
  #mine: Mine | null = null;
  #registration: Registration | null = null;
  #busy = false;
  #message = '';
  #error = '';
  #changedLive = false;
  #stops: Array<() => void> = [];

  connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  async #load(): Promise<void> {
    try {
      this.#event = await get<CentrikEvent>(`/api/events/${this.eventId}`);
      this.#state = 'ready';
      document.title = `${this.#event.title} · ${t('app.name')}`;
    } catch (error) {
      this.#state =
        error instanceof ApiError && error.status === 404 ? 'not-found' : error instanceof ApiError && error.status === 403 ? 'forbidden' : 'failed';
      this.requestUpdate();
      return;
    }
    this.requestUpdate();
    void this.#details();
    const live = (event: CentrikEvent, snapshot: boolean) => {
      if (event.id !== this.eventId) return;
      const changed = JSON.stringify(event) !== JSON.stringify(this.#event);
      this.#event = event;
      if (changed && !snapshot) {
        this.#changedLive = true;
        void this.#details();
      }
      this.requestUpdate();
    };
    this.#stops.push(followUpcoming(this.#event.networkId, (event, _type, snapshot) => live(event, snapshot)));
    this.#stops.push(
      followMine(
        (entries) => {
          const entry = entries.find((e) => e.event.id === this.eventId);
          this.#mine = entry?.mine ?? null;
          if (entry) live(entry.event, true);
          this.requestUpdate();
        },
        (entry) => {
          if (entry.event.id !== this.eventId) return;
          this.#mine = entry.mine;
          // the feed is newer than the answer of this page's own last command
          this.#registration = null;
          live(entry.event, false);
        },
      ),
    );
  }

  async #details(): Promise<void> {
    const event = this.#event!;
    this.#people = await get<EventPeople>(`/api/events/${event.id}/people`).catch(() => this.#people);
    this.#requests = (
      await Promise.all((event.requestIds ?? []).map((id) => get<LinkedRequest>(`/api/requests/${id}`).catch(() => null)))
    ).filter((r): r is LinkedRequest => r !== null);
    this.requestUpdate();
  }

  async #register(register: boolean): Promise<void> {
    this.#busy = true;
    this.#error = '';
    this.#message = '';
    this.requestUpdate();
    try {
      this.#registration = await http<Registration>(`/api/events/${this.eventId}/registrations`, {
        method: register ? 'POST' : 'DELETE',
        headers: { 'Content-Type': 'application/json' },
        body: register ? '{}' : undefined,
      });
    } catch (error) {
      this.#error = problemMessage(error);
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  render() {
    const user = me.value;
    if (!user) return nothing;
    if (this.#state === 'loading') return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    if (this.#state !== 'ready' || !this.#event) {
      const key = this.#state === 'not-found' ? 'event.notFound' : this.#state === 'forbidden' ? 'event.forbidden' : 'app.error';
      return html`<section class="panel" role="alert"><p>${t(key)}</p><a href=${links.schedule()}>${t('event.toSchedule')}</a></section>`;
    }
    const event = this.#event;
    const zone = event.timeZone;
    return html`<article class="event-page" aria-labelledby="event-title" data-event-id=${event.id} data-state=${event.state}>
      <p><a href=${links.schedule()}>← ${t('event.toSchedule')}</a></p>
      <header class="panel event-page__head">
        <div class="event-item__head">
          <span class="chip">${t(`event.format.${event.format}`)}</span>
          <span class="chip">${t(`event.mode.${event.mode}`)}</span>
          ${event.state === 'live'
            ? html`<span class="chip chip--live"><span class="pulse" aria-hidden="true"></span>${t('event.state.live')}</span>`
            : html`<span class="chip chip--muted" data-test="event-state">${t(`event.state.${event.state}`)}</span>`}
          ${startingSoon(event) ? html`<span class="chip chip--soon">${t('schedule.soon')}</span>` : nothing}
        </div>
        <h1 id="event-title" data-test="event-title">${event.title}</h1>
        ${this.#changedLive ? html`<p class="muted" role="status">${t('event.changedLive')}</p>` : nothing}
        ${event.state === 'cancelled' && event.cancelReason
          ? html`<p class="notice" role="note" data-test="cancel-reason">${t('event.cancelReason', { reason: event.cancelReason })}</p>`
          : nothing}
        <div class="event-page__actions">${this.#actions(user, event)}</div>
      </header>
      <div class="event-page__grid">
        <section class="panel" aria-labelledby="event-facts">
          <h2 id="event-facts" class="visually-hidden">${t('event.page')}</h2>
          <dl class="facts">
            <dt>${t('event.when.label')}</dt>
            <dd data-test="event-when">
              ${periodIn(event.startsAt, event.endsAt, zone)}
              <div class="muted">${t('event.timeZoneNote', { zone })}</div>
              ${differsFromBrowser(event.startsAt, zone)
                ? html`<div class="muted">${t('event.yourTime', { time: periodIn(event.startsAt, event.endsAt, browserZone()) })}</div>`
                : nothing}
            </dd>
            ${event.place ? html`<dt>${t('event.where')}</dt><dd>${event.place}</dd>` : nothing}
            ${event.link
              ? html`<dt>${t('event.link')}</dt><dd><a href=${event.link} target="_blank" rel="noopener noreferrer">${event.link}</a></dd>`
              : nothing}
            <dt>${t('event.capacity')}</dt>
            <dd data-test="event-capacity">
              ${event.capacity != null
                ? t('event.capacityValue', { registered: event.registered ?? 0, capacity: event.capacity })
                : t('event.capacityFree', { registered: event.registered ?? 0 })}
              ${(event.waitlisted ?? 0) > 0 ? html`<div class="muted">${t('event.waitlist', { n: event.waitlisted ?? 0 })}</div>` : nothing}
            </dd>
            <dt>${t('event.checkInLabel')}</dt>
            <dd>${t('event.checkIn', { from: this.#at(event.checkInOpensAt, zone), to: this.#at(event.checkInClosesAt, zone) })}</dd>
            <dt>${t('event.hosts')}</dt>
            <dd data-test="event-hosts">${this.#names(this.#people?.hosts)}</dd>
            <dt>${t('event.presenters')}</dt>
            <dd data-test="event-presenters">${this.#names(this.#people?.presenters)}</dd>
            ${this.#people && this.#people.hostPeople.length > 0
              ? html`<dt>${t('event.hostPeople')}</dt><dd>${this.#names(this.#people.hostPeople)}</dd>`
              : nothing}
            <dt>${t('event.requests')}</dt>
            <dd data-test="event-requests">
              ${this.#requests.length === 0
                ? t('event.none')
                : html`<ul class="plain-list">
                    ${this.#requests.map(
                      (r) => html`<li>${t('event.request', { id: r.id, practice: r.practiceTitle, applicant: r.applicantName })}</li>`,
                    )}
                  </ul>`}
            </dd>
          </dl>
        </section>
        ${this.#participation(user, event)}
        <section class="panel" aria-labelledby="event-description">
          <h2 id="event-description">${t('event.description')}</h2>
          <p class="prewrap">${event.description || t('event.none')}</p>
          <h2>${t('event.materials')}</h2>
          ${(event.materials ?? []).length === 0
            ? html`<p class="muted">${t('event.none')}</p>`
            : html`<ul class="plain-list" data-test="event-materials">
                ${event.materials!.map((m) =>
                  /^https?:\/\//.test(m)
                    ? html`<li><a href=${m} target="_blank" rel="noopener noreferrer">${m}</a></li>`
                    : html`<li>${m}</li>`,
                )}
              </ul>`}
        </section>
      </div>
    </article>`;
  }

  #at(iso: string, zone: string): string {
    return `${dateIn(iso, zone)}, ${timeIn(iso, zone)}`;
  }

  #names(list: Array<{ name: string }> | undefined) {
    if (!list) return html`<span class="muted">${t('app.loading')}</span>`;
    return list.length === 0 ? t('event.none') : list.map((n) => n.name).join(', ');
  }

  #actions(user: Me, event: CentrikEvent) {
    const now = Date.now();
    const checkIn =
      user.teacherId != null &&
      (event.state === 'published' || event.state === 'live') &&
      Date.parse(event.checkInOpensAt) <= now &&
      now <= Date.parse(event.checkInClosesAt);
    return html`
      ${checkIn ? html`<a class="button button--primary" href=${links.checkin(event.id)} data-test="open-checkin">${t('checkin.open')}</a>` : nothing}
      ${canWatch(user, event) && (event.state === 'draft' || event.state === 'published' || event.state === 'live')
        ? html`<a class="button" href=${links.editEvent(event.id)} data-test="edit-event">${t('event.edit')}</a>`
        : nothing}
      ${canHost(user, event) && (event.state === 'live' || event.state === 'published')
        ? html`<a class="button" href=${links.host(event.id)} data-test="open-host">${t('host.open')}</a>`
        : nothing}
      ${canWatch(user, event) && event.state !== 'draft'
        ? html`<a class="button" href=${links.dashboard(event.id)} data-test="open-dashboard">${t('event.openDashboard')}</a>`
        : nothing}
    `;
  }

  #participation(user: Me, event: CentrikEvent) {
    if (user.teacherId == null) return nothing;
    const status = this.#registration?.status ?? this.#mine?.registration ?? null;
    const position = this.#registration?.waitingPosition ?? this.#mine?.waitingPosition ?? null;
    const registered = status === 'registered' || status === 'waitlisted';
    const open = event.state === 'published' || event.state === 'live';
    const full = event.capacity != null && (event.registered ?? 0) >= event.capacity;
    return html`<section class="panel" aria-labelledby="my-status" data-test="my-status">
      <h2 id="my-status">${t('event.myStatus')}</h2>
      ${this.#mine?.presenter ? html`<p>${t('event.status.presenter')}</p>` : nothing}
      <p role="status" data-test="registration-status" data-status=${status ?? 'none'}>
        ${status === 'registered'
          ? t('event.status.registered')
          : status === 'waitlisted'
            ? t('event.status.waitlisted', { n: position ?? 1 })
            : status === 'cancelled'
              ? t('event.status.cancelled')
              : t('event.status.none')}
      </p>
      ${!open
        ? html`<p class="muted">${t('event.registrationClosed')}</p>`
        : registered
          ? html`<button type="button" class="button" ?disabled=${this.#busy} data-test="unregister" @click=${() => this.#register(false)}>
              ${t('event.unregister')}
            </button>`
          : html`${full ? html`<p class="muted">${t('event.full')}</p>` : nothing}
              <button type="button" class="button button--primary button--block-phone" ?disabled=${this.#busy} data-test="register" @click=${() => this.#register(true)}>
                ${full ? t('event.registerWaitlist') : t('event.register')}
              </button>`}
      ${this.#message ? html`<p role="status">${this.#message}</p>` : nothing}
      ${this.#error ? html`<p class="form__error" role="alert">${this.#error}</p>` : nothing}
    </section>`;
  }
}

customElements.define('event-page', EventPage);
