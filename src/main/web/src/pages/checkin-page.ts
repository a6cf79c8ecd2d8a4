import { html, nothing, type PropertyValues } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, get } from '../lib/api';
import { checkIn, checkIns, scannedAt, type CheckInState } from '../lib/checkins';
import { CentrikElement } from '../lib/element';
import { formatDateTime, formatDuration, formatPeriod, formatTime } from '../lib/format';
import type { CentrikEvent, Participant } from '../lib/model';
import { links } from '../lib/router';
import { me } from '../lib/session';
import type { Store } from '../lib/store';

/** Refusals and the message that explains each (docs/attendance.md, "Self check-in"). */
const REFUSALS: Record<string, MessageKey> = {
  already_checked_in: 'checkin.refused.already_checked_in',
  outside_window: 'checkin.refused.outside_window',
  code_expired: 'checkin.refused.code_expired',
  code_invalid: 'checkin.refused.code_invalid',
  not_member: 'checkin.refused.not_member',
  event_cancelled: 'checkin.refused.event_cancelled',
  too_many_attempts: 'checkin.refused.too_many_attempts',
  forbidden: 'checkin.refused.forbidden',
  not_found: 'checkin.refused.not_found',
  bad_input: 'checkin.refused.bad_input',
};

/** Refusals after which trying again cannot help. */
const FINAL = new Set(['already_checked_in', 'outside_window', 'not_member', 'event_cancelled', 'forbidden', 'not_found']);

/**
 * Where the QR code on the host's screen leads (`#/checkin/{id}?code=…`), and where a webinar's
 * participant types the code word. The teacher confirms; the check-in is stored on the phone
 * first and sent when the network lets it (lib/checkins.ts), with the time of the scan.
 */
class CheckinPage extends CentrikElement {
  static properties = { eventId: { type: Number }, code: { type: String } };
  eventId = 0;
  code: string | undefined = undefined;
  #event: CentrikEvent | null = null;
  #eventFailed: 'not_found' | 'unreachable' | null = null;
  /** The teacher's own participation, when the server already has it. */
  #mine: Participant | null = null;
  #word = '';
  #wordError = false;

  protected watched(): Store<unknown>[] {
    return [checkIns, me] as Store<unknown>[];
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('eventId') && this.eventId > 0) void this.#load(this.eventId);
  }

  async #load(eventId: number): Promise<void> {
    this.#event = null;
    this.#eventFailed = null;
    this.#mine = null;
    try {
      this.#event = await get<CentrikEvent>(`/api/events/${eventId}`);
    } catch (error) {
      this.#eventFailed = error instanceof ApiError && error.status === 404 ? 'not_found' : 'unreachable';
    }
    this.requestUpdate();
    const teacherId = me.value?.teacherId;
    if (teacherId == null) return;
    try {
      const rows = await get<Participant[]>(`/api/events/${eventId}/participations`);
      this.#mine = rows.find((row) => row.teacherId === teacherId && row.status === 'present') ?? null;
    } catch {
      this.#mine = null;
    }
    this.requestUpdate();
  }

  render() {
    const event = this.#event;
    document.title = `${t('checkin.title')} · ${t('app.name')}`;
    return html`<section class="panel checkin" aria-labelledby="checkin-page-title">
      <p class="checkin__kicker">${t('checkin.title')}</p>
      ${event
        ? html`<h1 id="checkin-page-title" data-test="checkin-event">${event.title}</h1>
            <p class="muted">${formatPeriod(event.startsAt, event.endsAt)}${event.place ? ` · ${event.place}` : ''}</p>`
        : html`<h1 id="checkin-page-title">${t('checkin.event', { id: String(this.eventId) })}</h1>
            ${this.#eventFailed === 'not_found'
              ? html`<p role="alert">${t('dashboard.notFound')}</p>`
              : this.#eventFailed === 'unreachable'
                ? html`<p class="muted">${t('checkin.eventOffline')}</p>`
                : html`<p class="muted">${t('app.loading')}</p>`}`}
      ${this.#body()}
    </section>`;
  }

  #body() {
    const user = me.value;
    if (!user) return nothing;
    if (user.teacherId == null) return html`<p class="notice" role="alert">${t('checkin.refused.forbidden')}</p>`;
    const state = checkIns.value.get(this.eventId);
    if (state?.state === 'done') return this.#done(state.participation, state.created);
    if (state?.state === 'sending') {
      return html`<p class="checkin__status" role="status" data-test="checkin-sending">${t('checkin.sending')}</p>`;
    }
    if (state?.state === 'queued') return this.#queued(state);
    if (this.#mine && !state) return this.#done(this.#mine, false);
    if (this.#event?.state === 'cancelled') {
      return html`<p class="notice" role="alert">${t('checkin.refused.event_cancelled')}</p>`;
    }
    if (state?.state === 'refused' && FINAL.has(state.code)) {
      return html`${this.#refused(state)}<a class="button button--block" href=${links.home()}>${t('app.home')}</a>`;
    }
    const codeFailed = state?.state === 'refused' && (state.code === 'code_expired' || state.code === 'code_invalid');
    return html`${state?.state === 'refused' ? this.#refused(state) : nothing}
    ${this.code && !codeFailed ? this.#confirm(this.code) : this.#wordForm()}`;
  }

  #confirm(code: string) {
    return html`<p>${t('checkin.confirmHint')}</p>
      <button type="button" class="button button--primary button--block button--big" data-test="checkin-confirm"
        @click=${() => checkIn(this.eventId, code, scannedAt(this.eventId, code))}>
        ${t('checkin.confirm')}
      </button>`;
  }

  #wordForm() {
    return html`<form class="form" @submit=${this.#submitWord} novalidate>
      <div class="field">
        <label for="checkin-word">${t('checkin.word')}</label>
        <input id="checkin-word" name="word" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
          pattern="[0-9]{6}" class="field__code" .value=${this.#word} aria-describedby="checkin-word-hint"
          aria-invalid=${this.#wordError ? 'true' : 'false'}
          @input=${(e: InputEvent) => (this.#word = (e.target as HTMLInputElement).value)} />
        <p id="checkin-word-hint" class="muted small">${t('checkin.wordHint')}</p>
      </div>
      ${this.#wordError ? html`<p class="form__error" role="alert">${t('checkin.wordInvalid')}</p>` : nothing}
      <button class="button button--primary button--block button--big" type="submit" data-test="checkin-word-submit">
        ${t('checkin.confirm')}
      </button>
    </form>`;
  }

  #submitWord(event: SubmitEvent): void {
    event.preventDefault();
    const word = this.#word.replace(/\s+/g, '');
    this.#wordError = !/^[0-9]{6}$/.test(word);
    this.requestUpdate();
    if (!this.#wordError) checkIn(this.eventId, word, new Date());
  }

  #queued(state: Extract<CheckInState, { state: 'queued' }>) {
    const text =
      state.reason === 'too_many_attempts'
        ? t('checkin.refused.too_many_attempts', { time: formatDuration(state.retryAfter ?? 60) })
        : state.reason === 'offline'
          ? t('checkin.queued')
          : t('checkin.queuedServer');
    return html`<div class="checkin__queued" role="status" data-test="checkin-queued">
      <p class="checkin__status">${text}</p>
      <p class="muted">${t('checkin.queuedAt', { time: formatTime(state.scannedAt, true) })}</p>
    </div>`;
  }

  #done(participation: Participant, created: boolean) {
    const presenter = participation.role === 'presenter';
    return html`<div class="checkin__done checkin__done--${presenter ? 'red' : 'green'}" role="status" data-test="checkin-done"
        data-recorded-at=${participation.recordedAt}>
        <span class="centrik__dot centrik__dot--${presenter ? 'red' : 'green'}" aria-hidden="true"></span>
        <div>
          <p class="checkin__status">${created ? t('checkin.done') : t('checkin.doneBefore')}</p>
          <p>${t(presenter ? 'checkin.asPresenter' : 'checkin.asListener', { time: formatTime(participation.recordedAt) })}</p>
          <p class="muted small">${t(presenter ? 'checkin.redCentrik' : 'checkin.greenCentrik')}</p>
        </div>
      </div>
      <a class="button button--block" href=${links.home()}>${t('app.home')}</a>`;
  }

  #refused(state: Extract<CheckInState, { state: 'refused' }>) {
    const key = REFUSALS[state.code] ?? 'app.error';
    const body = state.body;
    const text = t(key, {
      time: state.code === 'too_many_attempts' ? formatDuration(Number(body.retryAfter ?? 60)) : formatTime(String(body.checkedInAt ?? state.scannedAt)),
      from: body.opensAt ? formatDateTime(String(body.opensAt)) : '',
      to: body.closesAt ? formatDateTime(String(body.closesAt)) : '',
    });
    return html`<p class="notice notice--error" role="alert" data-test="checkin-refused" data-code=${state.code}>${text}</p>`;
  }
}

customElements.define('checkin-page', CheckinPage);
