import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { routes, type ProtocolError } from '@centrik/protocol';
import { formatNumber, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, OfflineError, get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatPeriod, formatTime } from '../lib/format';
import { follow } from '../lib/live';
import type { CentrikEvent, LiveMessage, Participant } from '../lib/model';
import { links } from '../lib/router';

/** One line of `GET /api/events/{id}/roster` (docs/attendance.md, "The host"). */
interface RosterEntry {
  teacherId: number;
  teacherName: string;
  organisationId: number;
  organisationName: string;
  registration: string | null;
  presenter: boolean;
  participationId: number | null;
  role: 'listener' | 'presenter' | null;
  status: 'present' | 'removed' | null;
  method: string | null;
  recordedAt: string | null;
}

interface AttendanceSnapshot {
  event: CentrikEvent;
  participants: Participant[];
}

type Role = 'listener' | 'presenter';

const MARK_ERRORS: Record<string, MessageKey> = {
  not_member: 'host.error.not_member',
  outside_window: 'host.error.outside_window',
  forbidden: 'host.error.forbidden',
  offline: 'host.error.offline',
};

/**
 * The host's page of an event: the roster with search, one tap to mark a teacher present as a
 * listener (green) or a presenter (red), undo, every check-in arriving live from
 * `attendance.{eventId}.stream`, and closing attendance.
 */
class HostPage extends CentrikElement {
  static properties = { eventId: { type: Number } };
  eventId = 0;

  #event: CentrikEvent | null = null;
  #roster: RosterEntry[] | null = null;
  /** Live participations by teacher: fresher than the roster's columns. */
  #live = new Map<number, Participant>();
  #query = '';
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #busy = new Set<number>();
  #errors = new Map<number, string>();
  #problem: 'not_found' | 'forbidden' | 'error' | null = null;
  #closing: 'idle' | 'confirm' | 'sending' | 'failed' = 'idle';
  #stop: (() => void) | null = null;
  #rosterRequest = 0;

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
    clearTimeout(this.#searchTimer);
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('eventId') && this.eventId > 0) this.#start();
  }

  #start(): void {
    this.#stop?.();
    this.#event = null;
    this.#roster = null;
    this.#live = new Map();
    this.#problem = null;
    this.#stop = follow<AttendanceSnapshot | Participant>(routes.attendance(this.eventId), {
      onMessage: (message) => this.#apply(message),
      onError: (error: ProtocolError) => {
        this.#problem = error.code === 'not_found' ? 'not_found' : error.code === 'forbidden' ? 'forbidden' : 'error';
        this.requestUpdate();
      },
    });
    void this.#loadRoster();
  }

  #apply(message: LiveMessage<AttendanceSnapshot | Participant>): void {
    if (message.kind === 'snapshot') {
      const snapshot = message.data as AttendanceSnapshot;
      this.#event = snapshot.event;
      document.title = `${t('host.title')} · ${snapshot.event.title} · ${t('app.name')}`;
      this.#live = new Map(snapshot.participants.map((p) => [p.teacherId, p]));
    } else if (message.kind === 'change') {
      const participant = message.data as Participant;
      this.#live = new Map(this.#live).set(participant.teacherId, participant);
    }
    this.requestUpdate();
  }

  async #loadRoster(): Promise<void> {
    const request = ++this.#rosterRequest;
    const q = this.#query.trim();
    try {
      const roster = await get<RosterEntry[]>(`/api/events/${this.eventId}/roster${q ? `?q=${encodeURIComponent(q)}` : ''}`);
      if (request !== this.#rosterRequest) return;
      this.#roster = roster;
    } catch (error) {
      if (request !== this.#rosterRequest) return;
      if (error instanceof ApiError && error.status === 403) this.#problem = 'forbidden';
      else if (error instanceof ApiError && error.status === 404) this.#problem = 'not_found';
      else this.#roster ??= [];
    }
    this.requestUpdate();
  }

  #search = (event: InputEvent) => {
    this.#query = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.#loadRoster(), 250);
  };

  /** The rows to show: the roster with the live state merged in, plus anyone in who is not on it (without a search). */
  #rows(): Array<RosterEntry & { live: Participant | null }> {
    const roster = this.#roster ?? [];
    const rows = roster.map((entry) => ({ ...entry, live: this.#live.get(entry.teacherId) ?? null }));
    if (!this.#query.trim()) {
      const listed = new Set(roster.map((entry) => entry.teacherId));
      for (const p of this.#live.values()) {
        if (listed.has(p.teacherId)) continue;
        rows.push({
          teacherId: p.teacherId,
          teacherName: p.teacherName,
          organisationId: p.organisationId,
          organisationName: p.organisationName,
          registration: null,
          presenter: false,
          participationId: p.participationId,
          role: p.role,
          status: p.status,
          method: p.method,
          recordedAt: p.recordedAt,
          live: p,
        });
      }
    }
    return rows.sort((a, b) => a.teacherName.localeCompare(b.teacherName, 'ru'));
  }

  async #mark(teacherId: number, role: Role | null): Promise<void> {
    if (this.#busy.has(teacherId)) return;
    this.#busy.add(teacherId);
    this.#errors.delete(teacherId);
    this.requestUpdate();
    const body = role ? { clientId: crypto.randomUUID(), teacherId, role, present: true } : { clientId: crypto.randomUUID(), teacherId, present: false };
    try {
      const participant = await http<Participant>(`/api/events/${this.eventId}/marks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      this.#live = new Map(this.#live).set(participant.teacherId, participant);
    } catch (error) {
      const code = error instanceof OfflineError ? 'offline' : error instanceof ApiError ? (error.code ?? 'error') : 'error';
      this.#errors.set(teacherId, t(MARK_ERRORS[code] ?? 'app.error'));
    } finally {
      this.#busy.delete(teacherId);
      this.requestUpdate();
    }
  }

  async #close(): Promise<void> {
    this.#closing = 'sending';
    this.requestUpdate();
    try {
      this.#event = await http<CentrikEvent>(`/api/events/${this.eventId}/close`, { method: 'POST' });
      this.#closing = 'idle';
      this.querySelector<HTMLDialogElement>('#close-dialog')?.close();
    } catch {
      this.#closing = 'failed';
    }
    this.requestUpdate();
  }

  #openClose = () => {
    this.#closing = 'confirm';
    this.requestUpdate();
    this.querySelector<HTMLDialogElement>('#close-dialog')?.showModal();
  };

  #cancelClose = () => {
    this.#closing = 'idle';
    this.querySelector<HTMLDialogElement>('#close-dialog')?.close();
    this.requestUpdate();
  };

  render() {
    if (this.#problem === 'not_found') return this.#message(t('dashboard.notFound'));
    if (this.#problem === 'forbidden') return this.#message(t('host.forbidden'));
    if (this.#problem === 'error') return this.#message(t('app.error'));
    const event = this.#event;
    if (!event) return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    const present = [...this.#live.values()].filter((p) => p.status === 'present');
    const presenters = present.filter((p) => p.role === 'presenter').length;
    const closed = event.state === 'finished';
    const rows = this.#rows();
    return html`<div class="host">
      <header class="host__header">
        <p class="checkin__kicker">${t('host.title')}</p>
        <h1 data-test="event-title">${event.title}</h1>
        <p class="muted">${formatPeriod(event.startsAt, event.endsAt)}${event.place ? ` · ${event.place}` : ''}</p>
        <p class="host__counts" aria-live="polite">
          <span data-test="host-present" data-count=${present.length}>${t('dashboard.presentCount', { n: present.length })}</span>
          <span class="legend legend--green">${t('dashboard.listeners')}: <b>${formatNumber(present.length - presenters)}</b></span>
          <span class="legend legend--red">${t('dashboard.presenters')}: <b>${formatNumber(presenters)}</b></span>
        </p>
        <p class="host__links">
          <a class="button button--small" href=${links.dashboard(event.id)}>${t('event.openDashboard')}</a>
        </p>
        ${closed ? html`<p class="notice" role="status" data-test="host-closed">${t('host.closedNotice')}</p>` : nothing}
      </header>

      <section class="panel" aria-labelledby="roster-title">
        <h2 id="roster-title">${t('host.roster')}</h2>
        <div class="field">
          <label for="roster-search">${t('host.search')}</label>
          <input id="roster-search" type="search" autocomplete="off" .value=${this.#query} @input=${this.#search}
            aria-describedby="roster-search-hint" />
          <p id="roster-search-hint" class="muted small">${t('host.searchHint')}</p>
        </div>
        ${this.#roster === null
          ? html`<p class="muted" role="status">${t('app.loading')}</p>`
          : rows.length === 0
            ? html`<p class="muted">${this.#query.trim() ? t('host.nobodyFound') : t('host.rosterEmpty')}</p>`
            : html`<ul class="roster" data-test="roster">
                ${repeat(rows, (row) => row.teacherId, (row) => this.#row(row, closed))}
              </ul>`}
      </section>

      ${closed
        ? nothing
        : html`<section class="panel host__close" aria-labelledby="close-title">
            <h2 id="close-title">${t('host.closeTitle')}</h2>
            <p class="muted">${t('host.closeHint')}</p>
            <button type="button" class="button button--danger" data-test="host-close" @click=${this.#openClose}>${t('host.close')}</button>
          </section>`}

      <dialog id="close-dialog" class="dialog" aria-labelledby="close-dialog-title" @close=${() => (this.#closing = 'idle')}>
        <h2 id="close-dialog-title">${t('host.closeConfirmTitle')}</h2>
        <p>${t('host.closeConfirm', { n: present.length })}</p>
        ${this.#closing === 'failed' ? html`<p class="form__error" role="alert">${t('app.error')}</p>` : nothing}
        <div class="dialog__actions">
          <button type="button" class="button button--danger" data-test="host-close-confirm" ?disabled=${this.#closing === 'sending'}
            @click=${() => void this.#close()}>${t('host.closeYes')}</button>
          <button type="button" class="button" @click=${this.#cancelClose}>${t('host.closeNo')}</button>
        </div>
      </dialog>
    </div>`;
  }

  #row(row: RosterEntry & { live: Participant | null }, closed: boolean) {
    const role = row.live ? row.live.role : row.role;
    const status = row.live ? row.live.status : row.status;
    const recordedAt = row.live ? row.live.recordedAt : row.recordedAt;
    const method = row.live ? row.live.method : row.method;
    const present = status === 'present';
    const busy = this.#busy.has(row.teacherId);
    const error = this.#errors.get(row.teacherId);
    const nameId = `roster-name-${row.teacherId}`;
    return html`<li class="roster__row ${present ? `roster__row--${role}` : ''}" data-teacher=${row.teacherId}
        data-status=${present ? 'present' : 'absent'} data-role=${present ? role : ''} aria-busy=${busy ? 'true' : 'false'}>
      <div class="roster__who">
        <span class="roster__name" id=${nameId}>${row.teacherName}</span>
        <span class="roster__organisation">${row.organisationName}</span>
        <span class="roster__state">
          ${present && recordedAt
            ? html`<span class="roster__present">${t(role === 'presenter' ? 'host.presentPresenter' : 'host.presentListener', {
                time: formatTime(recordedAt),
              })}${method ? ` · ${t(`host.method.${method}` as MessageKey)}` : ''}</span>`
            : html`<span class="muted">${t(status === 'removed' ? 'host.undone' : 'host.absent')}</span>`}
          ${row.registration && row.registration !== 'cancelled' ? html`<span class="chip">${t('host.registered')}</span>` : nothing}
          ${row.presenter ? html`<span class="chip chip--red">${t('host.announcedPresenter')}</span>` : nothing}
        </span>
        ${error ? html`<span class="form__error" role="alert">${error}</span>` : nothing}
      </div>
      ${closed
        ? nothing
        : html`<div class="roster__actions" role="group" aria-labelledby=${nameId}>
            <button type="button" class="mark mark--green" data-test="mark-listener" aria-pressed=${present && role === 'listener' ? 'true' : 'false'}
              ?disabled=${busy} @click=${() => void this.#mark(row.teacherId, 'listener')}>${t('host.markListener')}</button>
            <button type="button" class="mark mark--red" data-test="mark-presenter" aria-pressed=${present && role === 'presenter' ? 'true' : 'false'}
              ?disabled=${busy} @click=${() => void this.#mark(row.teacherId, 'presenter')}>${t('host.markPresenter')}</button>
            ${present
              ? html`<button type="button" class="mark mark--undo" data-test="mark-undo" ?disabled=${busy}
                  @click=${() => void this.#mark(row.teacherId, null)}>${t('host.undo')}</button>`
              : nothing}
          </div>`}
    </li>`;
  }

  #message(text: string) {
    return html`<section class="panel" role="alert"><p>${text}</p><a href=${links.home()}>${t('app.home')}</a></section>`;
  }
}

customElements.define('host-page', HostPage);
