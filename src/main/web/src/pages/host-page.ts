import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { routes, type ProtocolError } from '@centrik/protocol';
import { formatNumber, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, OfflineError, get, http, upload } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatDateTime, formatPeriod, formatTime } from '../lib/format';
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

/** One entry of `GET /api/events/{id}/corrections`: a mark, an undo or a correction. */
interface Correction {
  id: number;
  participationId: number;
  teacherId: number;
  teacherName: string;
  fromRole: Role | null;
  toRole: Role | null;
  fromStatus: 'present' | 'removed' | null;
  toStatus: 'present' | 'removed' | null;
  reason: string | null;
  correctedBy: string;
  correctedAt: string;
}

/** What `POST /api/events/{id}/imports` answers (docs/attendance.md, "Import"). */
interface ImportReport {
  dryRun: boolean;
  rows: number;
  matched: number;
  resolved: number;
  recorded: number;
  alreadyRecorded: number;
  unmatched: Array<{ row: number; email: string; name: string; organisation: string; reason: 'no_match' | 'ambiguous' }>;
  duplicates: Array<{ row: number; email: string; name: string; organisation: string }>;
}

/** The host's correction being written in the dialog. */
interface Correcting {
  teacherId: number;
  name: string;
  choice: Role | 'absent';
  reason: string;
  clientId: string;
  sending: boolean;
  error: string | null;
}

/** Where an import stands: a file checked (a dry run), its unmatched rows resolved, then imported. */
interface ImportState {
  stage: 'idle' | 'uploading' | 'matching' | 'checked' | 'committing' | 'done';
  file: File | null;
  percent: number;
  report: ImportReport | null;
  /** The host's answers: teacher by row. */
  resolutions: Map<number, { teacherId: number; name: string }>;
  /** Searches for a row's teacher: query and results. */
  searches: Map<number, { q: string; results: RosterEntry[] | null }>;
  error: string | null;
}

const IMPORT_ERRORS: Record<string, MessageKey> = {
  bad_input: 'host.importError.bad_input',
  content_too_large: 'host.importError.content_too_large',
  outside_window: 'host.importError.outside_window',
  event_cancelled: 'host.importError.event_cancelled',
  not_member: 'host.importError.not_member',
  forbidden: 'host.importError.forbidden',
  offline: 'host.importError.offline',
};

const CORRECTION_ERRORS: Record<string, MessageKey> = {
  bad_input: 'host.error.bad_input',
  not_found: 'host.error.not_found',
  not_member: 'host.error.not_member',
  outside_window: 'host.importError.outside_window',
  forbidden: 'host.error.forbidden',
  offline: 'host.error.offline',
};

const noImport = (): ImportState => ({
  stage: 'idle',
  file: null,
  percent: 0,
  report: null,
  resolutions: new Map(),
  searches: new Map(),
  error: null,
});

const MARK_ERRORS: Record<string, MessageKey> = {
  not_member: 'host.error.not_member',
  outside_window: 'host.error.outside_window',
  forbidden: 'host.error.forbidden',
  offline: 'host.error.offline',
};

/**
 * The host's page of an event: the roster with search, one tap to mark a teacher present as a
 * listener (green) or a presenter (red), undo, every check-in arriving live from
 * `attendance.{eventId}.stream`, corrections with a reason and their history, imports of a
 * webinar platform's participant list, and closing attendance.
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
  #history: Correction[] | null = null;
  #historyTimer: ReturnType<typeof setTimeout> | undefined;
  #correcting: Correcting | null = null;
  #saved: string | null = null;
  #import: ImportState = noImport();
  #importSearchTimers = new Map<number, ReturnType<typeof setTimeout>>();

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#historyTimer);
    for (const timer of this.#importSearchTimers.values()) clearTimeout(timer);
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
    this.#history = null;
    this.#import = noImport();
    this.#stop = follow<AttendanceSnapshot | Participant>(routes.attendance(this.eventId), {
      onMessage: (message) => this.#apply(message),
      onError: (error: ProtocolError) => {
        this.#problem = error.code === 'not_found' ? 'not_found' : error.code === 'forbidden' ? 'forbidden' : 'error';
        this.requestUpdate();
      },
    });
    void this.#loadRoster();
    void this.#loadHistory();
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
      if (message.type === 'participation.corrected') {
        // a mark, an undo or a correction, here or on another host's screen
        clearTimeout(this.#historyTimer);
        this.#historyTimer = setTimeout(() => void this.#loadHistory(), 300);
      }
    }
    this.requestUpdate();
  }

  async #loadHistory(): Promise<void> {
    try {
      this.#history = await get<Correction[]>(`/api/events/${this.eventId}/corrections`);
    } catch {
      this.#history ??= [];
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

  #openCorrect(teacherId: number, name: string, choice: Role | 'absent') {
    this.#saved = null;
    this.#correcting = { teacherId, name, choice, reason: '', clientId: crypto.randomUUID(), sending: false, error: null };
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const dialog = this.querySelector<HTMLDialogElement>('#correct-dialog');
      if (dialog && !dialog.open) dialog.showModal();
      this.querySelector<HTMLTextAreaElement>('#correct-reason')?.focus();
    });
  }

  #closeCorrect = () => {
    this.#correcting = null;
    this.querySelector<HTMLDialogElement>('#correct-dialog')?.close();
    this.requestUpdate();
  };

  async #saveCorrection(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const correcting = this.#correcting;
    if (!correcting || correcting.sending) return;
    const reason = correcting.reason.trim();
    if (!reason) {
      correcting.error = t('host.correctReasonMissing');
      this.requestUpdate();
      this.querySelector<HTMLTextAreaElement>('#correct-reason')?.focus();
      return;
    }
    correcting.sending = true;
    correcting.error = null;
    this.requestUpdate();
    const body =
      correcting.choice === 'absent'
        ? { clientId: correcting.clientId, teacherId: correcting.teacherId, present: false, reason }
        : { clientId: correcting.clientId, teacherId: correcting.teacherId, role: correcting.choice, present: true, reason };
    try {
      const participant = await http<Participant>(`/api/events/${this.eventId}/corrections`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      this.#live = new Map(this.#live).set(participant.teacherId, participant);
      this.#saved = t('host.correctSaved', { name: correcting.name });
      this.#closeCorrect();
      void this.#loadHistory();
    } catch (error) {
      // the same client id on a retry: the server carries the correction out once
      const code = error instanceof OfflineError ? 'offline' : error instanceof ApiError ? (error.code ?? 'error') : 'error';
      correcting.sending = false;
      correcting.error = t(CORRECTION_ERRORS[code] ?? 'app.error');
      this.requestUpdate();
    }
  }

  #chooseFile = (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.#import = { ...noImport(), file };
    this.requestUpdate();
  };

  /** Uploads the file: a dry run first (`dryRun=true`), then, with the host's resolutions, the import itself. */
  async #sendImport(commit: boolean): Promise<void> {
    const state = this.#import;
    if (!state.file) return;
    const form = new FormData();
    form.append('file', state.file, state.file.name);
    if (commit && state.resolutions.size > 0) {
      form.append('resolutions', JSON.stringify(Object.fromEntries([...state.resolutions].map(([row, chosen]) => [row, chosen.teacherId]))));
    }
    state.stage = commit ? 'committing' : 'uploading';
    state.percent = 0;
    state.error = null;
    this.requestUpdate();
    try {
      const report = await upload<ImportReport>(`/api/events/${this.eventId}/imports${commit ? '' : '?dryRun=true'}`, form, (sent) => {
        state.percent = Math.round(sent * 100);
        if (sent >= 1 && state.stage === 'uploading') state.stage = 'matching';
        this.requestUpdate();
      });
      state.report = report;
      state.stage = commit ? 'done' : 'checked';
      if (commit) void this.#loadRoster();
    } catch (error) {
      const code = error instanceof OfflineError ? 'offline' : error instanceof ApiError ? (error.code ?? 'other') : 'other';
      const detail = error instanceof ApiError && typeof error.body.detail === 'string' ? error.body.detail : '';
      state.error = t(IMPORT_ERRORS[code] ?? 'host.importError.other', { detail });
      state.stage = commit ? 'checked' : 'idle';
    }
    this.requestUpdate();
  }

  #findForRow(row: number, q: string): void {
    this.#import.searches.set(row, { q, results: this.#import.searches.get(row)?.results ?? null });
    clearTimeout(this.#importSearchTimers.get(row));
    this.requestUpdate();
    if (!q.trim()) return;
    this.#importSearchTimers.set(
      row,
      setTimeout(async () => {
        try {
          const results = await get<RosterEntry[]>(`/api/events/${this.eventId}/roster?q=${encodeURIComponent(q.trim())}`);
          if (this.#import.searches.get(row)?.q === q) this.#import.searches.set(row, { q, results });
        } catch {
          this.#import.searches.set(row, { q, results: [] });
        }
        this.requestUpdate();
      }, 250),
    );
  }

  #resolve(row: number, chosen: { teacherId: number; name: string } | null): void {
    if (chosen) this.#import.resolutions.set(row, chosen);
    else this.#import.resolutions.delete(row);
    this.requestUpdate();
  }

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

      ${this.#saved ? html`<p class="notice" role="status" data-test="correct-saved">${this.#saved}</p>` : nothing}

      ${this.#renderImport()}

      ${this.#renderHistory()}

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

      ${this.#renderCorrectDialog()}
    </div>`;
  }

  #renderCorrectDialog() {
    const c = this.#correcting;
    const choices: Array<[Role | 'absent', MessageKey]> = [
      ['listener', 'host.correctListener'],
      ['presenter', 'host.correctPresenter'],
      ['absent', 'host.correctAbsent'],
    ];
    return html`<dialog id="correct-dialog" class="dialog" aria-labelledby="correct-dialog-title" @close=${() => (this.#correcting = null)}>
      ${c
        ? html`<form class="correct" data-test="correct-form" @submit=${(e: SubmitEvent) => void this.#saveCorrection(e)}>
            <h2 id="correct-dialog-title">${t('host.correctTitle')}</h2>
            <p><b>${c.name}</b></p>
            <p class="muted small">${t('host.correctHint')}</p>
            <fieldset class="correct__choices">
              <legend>${t('host.correctAs')}</legend>
              ${choices.map(
                ([value, key]) => html`<label class="correct__choice">
                  <input type="radio" name="correct-choice" value=${value} .checked=${c.choice === value}
                    data-test=${`correct-${value}`} @change=${() => {
                      c.choice = value;
                      this.requestUpdate();
                    }} />
                  ${t(key)}
                </label>`,
              )}
            </fieldset>
            <div class="field">
              <label for="correct-reason">${t('host.correctReason')}</label>
              <textarea id="correct-reason" rows="3" maxlength="1000" aria-required="true" data-test="correct-reason"
                aria-describedby="correct-reason-hint" aria-invalid=${c.error ? 'true' : 'false'} .value=${c.reason}
                @input=${(e: InputEvent) => (c.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
              <p id="correct-reason-hint" class="muted small">${t('host.correctReasonHint')}</p>
            </div>
            ${c.error ? html`<p class="form__error" role="alert" data-test="correct-error">${c.error}</p>` : nothing}
            <div class="dialog__actions">
              <button type="submit" class="button button--primary" data-test="correct-save" ?disabled=${c.sending}>${t('host.correctSave')}</button>
              <button type="button" class="button" @click=${this.#closeCorrect}>${t('host.correctCancel')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  #renderHistory() {
    const history = this.#history;
    const state = (role: Role | null, status: string | null) =>
      status === 'present' && role ? t(`host.state.${role}` as MessageKey) : status === 'removed' ? t('host.state.removed') : t('host.state.absent');
    return html`<section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">${t('host.history')}</h2>
      ${history === null
        ? html`<p class="muted" role="status">${t('app.loading')}</p>`
        : history.length === 0
          ? html`<p class="muted">${t('host.historyEmpty')}</p>`
          : html`<ol class="history" data-test="history">
              ${repeat(
                [...history].reverse(),
                (entry) => entry.id,
                (entry) => html`<li class="history__entry" data-teacher=${entry.teacherId}>
                  <span class="history__who">${entry.teacherName}</span>
                  <span>${t('host.historyChange', { from: state(entry.fromRole, entry.fromStatus), to: state(entry.toRole, entry.toStatus) })}</span>
                  ${entry.reason ? html`<span class="history__reason" data-test="history-reason">«${entry.reason}»</span>` : nothing}
                  <span class="muted small">${t('host.historyBy', { who: entry.correctedBy.replace(/^[a-z]+:/, ''), time: formatDateTime(entry.correctedAt) })}</span>
                </li>`,
              )}
            </ol>`}
    </section>`;
  }

  #renderImport() {
    const state = this.#import;
    const report = state.report;
    const busy = state.stage === 'uploading' || state.stage === 'matching' || state.stage === 'committing';
    return html`<section class="panel" aria-labelledby="import-title" data-test="import">
      <h2 id="import-title">${t('host.importTitle')}</h2>
      <p class="muted small">${t('host.importHint')}</p>
      <div class="field">
        <span class="field__label" id="import-file-label">${t('host.importFile')}</span>
        <div class="file-pick">
          <input id="import-file" class="visually-hidden" type="file" data-test="import-file" ?disabled=${busy}
            aria-labelledby="import-file-label import-file-name"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" @change=${this.#chooseFile} />
          <label for="import-file" class="button button--small file-pick__button">${t('host.importChooseFile')}</label>
          <span id="import-file-name" class="file-pick__name">${state.file ? state.file.name : t('host.importNoFile')}</span>
        </div>
      </div>
      ${state.stage === 'idle' && state.file
        ? html`<button type="button" class="button button--primary button--small" data-test="import-check"
            @click=${() => void this.#sendImport(false)}>${t('host.importCheck')}</button>`
        : nothing}
      ${busy
        ? html`<div class="import__progress" role="status" aria-live="polite">
            ${state.stage === 'matching' || (state.stage === 'committing' && state.percent >= 100)
              ? html`<progress aria-label=${t('host.importMatching')}></progress><span>${t('host.importMatching')}</span>`
              : html`<progress max="100" .value=${state.percent} aria-label=${t('host.importUploading', { percent: state.percent })}></progress>
                  <span>${t('host.importUploading', { percent: state.percent })}</span>`}
          </div>`
        : nothing}
      ${state.error ? html`<p class="form__error" role="alert" data-test="import-error">${state.error}</p>` : nothing}
      ${report && (state.stage === 'checked' || state.stage === 'committing')
        ? html`<div class="import__report" data-test="import-report">
            <p>${t('host.importSummary', { n: report.rows })}</p>
            <ul class="chips">
              <li class="chip" data-test="import-matched" data-count=${report.matched}>${t('host.importMatched', { n: formatNumber(report.matched) })}</li>
              <li class="chip chip--muted" data-test="import-duplicates" data-count=${report.duplicates.length}>${t('host.importDuplicates', { n: formatNumber(report.duplicates.length) })}</li>
              <li class="chip chip--red" data-test="import-unmatched" data-count=${report.unmatched.length}>${t('host.importUnmatched', { n: formatNumber(report.unmatched.length) })}</li>
            </ul>
            ${report.unmatched.length > 0
              ? html`<h3>${t('host.importUnmatchedTitle')}</h3>
                  <p class="muted small">${t('host.importUnmatchedHint')}</p>
                  <ul class="roster" data-test="import-unmatched-rows">
                    ${report.unmatched.map((line) => this.#unmatchedRow(line, busy))}
                  </ul>`
              : nothing}
            <div class="dialog__actions import__actions">
              <button type="button" class="button button--primary" data-test="import-commit" ?disabled=${busy}
                @click=${() => void this.#sendImport(true)}>${t('host.importCommit')}</button>
            </div>
          </div>`
        : nothing}
      ${report && state.stage === 'done'
        ? html`<p class="notice" role="status" data-test="import-done">${t('host.importDone', {
            recorded: report.recorded,
            already: report.alreadyRecorded,
            resolved: report.resolved,
            unmatched: report.unmatched.length,
          })}</p>`
        : nothing}
    </section>`;
  }

  #unmatchedRow(line: ImportReport['unmatched'][number], busy: boolean) {
    const chosen = this.#import.resolutions.get(line.row);
    const search = this.#import.searches.get(line.row);
    const inputId = `import-find-${line.row}`;
    return html`<li class="roster__row" data-row=${line.row} data-test="import-row">
      <div class="roster__who">
        <span class="roster__name">${t('host.importRow', { row: line.row })}: ${line.name || line.email || '—'}</span>
        <span class="roster__organisation">${[line.email, line.organisation].filter(Boolean).join(' · ')}</span>
        <span class="muted small">${t(`host.importReason.${line.reason}` as MessageKey)}</span>
      </div>
      ${chosen
        ? html`<div class="roster__actions">
            <span class="roster__present" data-test="import-chosen">${t('host.importChosen', { name: chosen.name })}</span>
            <button type="button" class="button button--small" ?disabled=${busy} @click=${() => this.#resolve(line.row, null)}>${t('host.importChange')}</button>
          </div>`
        : html`<div class="field">
            <label for=${inputId} class="small">${t('host.importFind', { row: line.row })}</label>
            <input id=${inputId} type="search" autocomplete="off" data-test="import-find" .value=${search?.q ?? ''}
              @input=${(e: InputEvent) => this.#findForRow(line.row, (e.target as HTMLInputElement).value)} />
            ${search?.results
              ? search.results.length === 0
                ? html`<p class="muted small">${t('host.importNobody')}</p>`
                : html`<ul class="import__candidates">
                    ${search.results.slice(0, 8).map(
                      (candidate) => html`<li>
                        <button type="button" class="button button--small" data-test="import-candidate" data-teacher=${candidate.teacherId}
                          @click=${() => this.#resolve(line.row, { teacherId: candidate.teacherId, name: candidate.teacherName })}>
                          ${t('host.importChoose')}: ${candidate.teacherName} · ${candidate.organisationName}
                        </button>
                      </li>`,
                    )}
                  </ul>`
              : nothing}
          </div>`}
    </li>`;
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
        ? html`<div class="roster__actions" role="group" aria-labelledby=${nameId}>
            <button type="button" class="mark mark--undo" data-test="correct" @click=${() =>
              this.#openCorrect(row.teacherId, row.teacherName, present ? (role ?? 'listener') : 'listener')}>${t('host.correct')}</button>
          </div>`
        : html`<div class="roster__actions" role="group" aria-labelledby=${nameId}>
            <button type="button" class="mark mark--green" data-test="mark-listener" aria-pressed=${present && role === 'listener' ? 'true' : 'false'}
              ?disabled=${busy} @click=${() => void this.#mark(row.teacherId, 'listener')}>${t('host.markListener')}</button>
            <button type="button" class="mark mark--red" data-test="mark-presenter" aria-pressed=${present && role === 'presenter' ? 'true' : 'false'}
              ?disabled=${busy} @click=${() => void this.#mark(row.teacherId, 'presenter')}>${t('host.markPresenter')}</button>
            ${present
              ? html`<button type="button" class="mark mark--undo" data-test="mark-undo" ?disabled=${busy}
                  @click=${() => void this.#mark(row.teacherId, null)}>${t('host.undo')}</button>`
              : nothing}
            <button type="button" class="mark mark--undo" data-test="correct" ?disabled=${busy} @click=${() =>
              this.#openCorrect(row.teacherId, row.teacherName, present ? (role ?? 'listener') : 'listener')}>${t('host.correct')}</button>
          </div>`}
    </li>`;
  }

  #message(text: string) {
    return html`<section class="panel" role="alert"><p>${text}</p><a href=${links.home()}>${t('app.home')}</a></section>`;
  }
}

customElements.define('host-page', HostPage);
