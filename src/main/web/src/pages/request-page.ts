import { html, nothing, type PropertyValues } from 'lit';
import { routes } from '@centrik/protocol';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatDateTime, formatSchoolYear } from '../lib/format';
import { follow } from '../lib/live';
import { links } from '../lib/router';
import { me } from '../lib/session';
import {
  administered, coordinates, errorLine, problemText, shortDate, stateChip,
  type CentrikRequest, type MatrixRequest, type Transition,
} from './matrix-common';

type Command = 'accept' | 'decline' | 'withdraw';

/**
 * A request's life: its state, the two parties, what was asked, every move with who and when,
 * and the moves the user may make now (accept, decline with a reason, withdraw). It follows the
 * network's matrix topic, so a move made elsewhere shows at once; a refusal shows the server's
 * reason in words.
 */
class RequestPage extends CentrikElement {
  static properties = { requestId: { type: Number } };
  requestId = 0;

  #request: CentrikRequest | null = null;
  #history: Transition[] = [];
  #problem: string | null = null;
  #error: string | null = null;
  #done: string | null = null;
  #sending: Command | null = null;
  #declining = false;
  #clientIds = new Map<Command, string>();
  #stop: (() => void) | null = null;
  #followed = '';

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
    this.#followed = '';
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('requestId') && this.requestId > 0) {
      this.#request = null;
      this.#problem = null;
      this.#error = null;
      this.#done = null;
      this.#declining = false;
      this.#clientIds.clear();
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    const id = this.requestId;
    try {
      const [request, history] = await Promise.all([
        get<CentrikRequest>(`/api/requests/${id}`),
        get<Transition[]>(`/api/requests/${id}/history`),
      ]);
      if (id !== this.requestId) return;
      this.#request = request;
      this.#history = history;
      document.title = `${t('request.title', { id })} · ${t('app.name')}`;
      this.#follow(request);
    } catch (error) {
      if (id !== this.requestId) return;
      this.#problem = error instanceof ApiError && error.status === 404 ? t('request.notFound') : problemText(error);
    }
    this.requestUpdate();
  }

  /** Moves made by someone else arrive on the matrix topic: read the request again then. */
  #follow(request: CentrikRequest): void {
    const route = routes.matrix(request.networkId, request.schoolYear);
    if (route === this.#followed) return;
    this.#stop?.();
    this.#followed = route;
    this.#stop = follow<MatrixRequest | { requests: MatrixRequest[] }>(route, {
      onMessage: (message) => {
        const current = this.#request;
        if (!current) return;
        const seen = message.kind === 'change'
          ? (message.data as MatrixRequest)
          : message.kind === 'snapshot'
            ? (message.data as { requests: MatrixRequest[] }).requests.find((r) => r.id === current.id)
            : undefined;
        if (seen && seen.id === current.id && (seen.state !== current.state || seen.updatedAt !== current.updatedAt)) {
          void this.#load();
        }
      },
    });
  }

  async #command(command: Command, reason?: string): Promise<void> {
    const request = this.#request;
    if (!request) return;
    if (command === 'decline' && !reason?.trim()) {
      this.#error = t('request.reasonRequired');
      this.requestUpdate();
      return;
    }
    const clientId = this.#clientIds.get(command) ?? crypto.randomUUID();
    this.#clientIds.set(command, clientId);
    this.#sending = command;
    this.#error = null;
    this.#done = null;
    this.requestUpdate();
    try {
      const updated = await http<CentrikRequest>(`/api/requests/${request.id}/${command}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(command === 'decline' ? { clientId, reason: reason!.trim() } : { clientId }),
      });
      this.#clientIds.delete(command);
      this.#request = updated;
      this.#declining = false;
      this.#done = t(`request.done.${updated.state === 'accepted' ? 'accepted' : updated.state === 'declined' ? 'declined' : 'withdrawn'}`);
      this.#history = await get<Transition[]>(`/api/requests/${request.id}/history`).catch(() => this.#history);
    } catch (error) {
      // a refusal is final for this id; an offline failure keeps it for the retry
      if (error instanceof ApiError) this.#clientIds.delete(command);
      this.#error = problemText(error);
    } finally {
      this.#sending = null;
      this.requestUpdate();
    }
  }

  render() {
    if (!me.value) return nothing;
    if (this.#problem) return html`<section class="panel" role="alert"><p>${this.#problem}</p><a href=${links.requests()}>${t('requests.title')}</a></section>`;
    const request = this.#request;
    if (!request) return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    return html`<p class="breadcrumbs">
        <a href=${links.matrix(request.networkId, request.schoolYear)}>← ${t('matrix.title')}</a>
        · <a href=${links.requests()}>${t('requests.title')}</a>
      </p>
      <div class="request-layout">
        <article class="panel request" aria-labelledby="request-title" data-request-id=${request.id}>
          <div class="page-head">
            <h1 id="request-title">${t('request.title', { id: request.id })}</h1>
            <span class="state-big" data-test="state">${stateChip(request.state)}</span>
          </div>
          <p class="muted">${formatSchoolYear(request.schoolYear)}</p>
          <dl class="facts">
            <dt>${t('request.practice')}</dt>
            <dd><a href=${links.practice(request.practiceId)}>${request.practiceTitle}</a> <span class="chip">${request.direction}</span></dd>
            <dt>${t('request.applicant')}</dt>
            <dd data-test="applicant">${request.applicantName}</dd>
            <dt>${t('request.executor')}</dt>
            <dd data-test="executor">${request.executorName}</dd>
            ${request.desiredFormat
              ? html`<dt>${t('request.format')}</dt><dd>${t(`event.format.${request.desiredFormat}` as MessageKey)}</dd>`
              : nothing}
            ${request.periodFrom || request.periodTo
              ? html`<dt>${t('request.period')}</dt>
                  <dd>${t('request.periodValue', { from: shortDate(request.periodFrom), to: shortDate(request.periodTo) })}</dd>`
              : nothing}
            ${request.teachersCount ? html`<dt>${t('request.teachers')}</dt><dd>${request.teachersCount}</dd>` : nothing}
            ${request.comment ? html`<dt>${t('request.comment')}</dt><dd>${request.comment}</dd>` : nothing}
            ${request.declineReason
              ? html`<dt>${t('request.declineReason')}</dt><dd data-test="decline-reason">${request.declineReason}</dd>`
              : nothing}
            ${request.eventIds.length > 0
              ? html`<dt>${t('request.events')}</dt>
                  <dd>${request.eventIds.map((id) => html`<a class="chip" href=${links.dashboard(id)}>№ ${id}</a> `)}</dd>`
              : nothing}
          </dl>
        </article>
        ${this.#actions(request)}
        ${this.#historySection()}
      </div>`;
  }

  #actions(request: CentrikRequest) {
    const user = me.value!;
    const coordinator = coordinates(user, request.networkId);
    const own = administered(user);
    const executor = coordinator || own.includes(request.executorId);
    const applicant = coordinator || own.includes(request.applicantId);
    const answer = executor && request.state === 'submitted';
    const withdraw = applicant && ['submitted', 'accepted', 'scheduled'].includes(request.state);
    return html`<section class="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">${t('request.actions')}</h2>
      ${this.#done ? html`<p class="notice notice--ok" role="status" data-test="done">${this.#done}</p>` : nothing}
      ${errorLine(this.#error)}
      ${!answer && !withdraw ? html`<p class="muted">${t('request.noActions')}</p>` : nothing}
      <div class="actions">
        ${answer && !this.#declining
          ? html`<button type="button" class="button button--primary" data-test="accept" ?disabled=${this.#sending !== null}
                @click=${() => void this.#command('accept')}>${this.#sending === 'accept' ? t('request.sending') : t('request.accept')}</button>
              <button type="button" class="button button--danger" data-test="decline" ?disabled=${this.#sending !== null}
                @click=${this.#openDecline}>${t('request.decline')}</button>`
          : nothing}
        ${withdraw && !this.#declining
          ? html`<button type="button" class="button" data-test="withdraw" ?disabled=${this.#sending !== null}
              @click=${() => void this.#command('withdraw')}>${this.#sending === 'withdraw' ? t('request.sending') : t('request.withdraw')}</button>`
          : nothing}
      </div>
      ${answer && this.#declining
        ? html`<form class="form" novalidate @submit=${this.#submitDecline} data-test="decline-form">
            <div class="field">
              <label for="decline-reason">${t('request.reason')}</label>
              <textarea id="decline-reason" name="reason" rows="3" maxlength="1000" required aria-describedby="decline-hint"></textarea>
              <span class="muted small" id="decline-hint">${t('request.reasonHint')}</span>
            </div>
            <div class="actions">
              <button type="submit" class="button button--danger" ?disabled=${this.#sending !== null}>
                ${this.#sending === 'decline' ? t('request.sending') : t('request.confirmDecline')}
              </button>
              <button type="button" class="button button--quiet" @click=${this.#closeDecline}>${t('request.cancel')}</button>
            </div>
          </form>`
        : nothing}
    </section>`;
  }

  #openDecline = () => {
    this.#declining = true;
    this.#error = null;
    this.requestUpdate();
    void this.updateComplete.then(() => this.querySelector<HTMLTextAreaElement>('#decline-reason')?.focus());
  };

  #closeDecline = () => {
    this.#declining = false;
    this.#error = null;
    this.requestUpdate();
  };

  #submitDecline = (event: Event) => {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '');
    void this.#command('decline', reason);
  };

  #historySection() {
    return html`<section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">${t('request.history')}</h2>
      ${this.#history.length === 0
        ? html`<p class="muted">${t('request.historyEmpty')}</p>`
        : html`<ol class="history" data-test="history">
            ${this.#history.map((move) => html`<li class="history__item">
              <span class="history__what">
                ${move.from
                  ? t('request.moved', { from: t(`request.state.${move.from}` as MessageKey), to: t(`request.state.${move.to}` as MessageKey) })
                  : t('request.filed')}
              </span>
              <span class="muted small">${t('request.by', {
                actor: move.actor === 'system' ? t('request.system') : move.actor,
                time: formatDateTime(move.at),
              })}</span>
              ${move.reason ? html`<span class="history__reason">«${move.reason}»</span>` : nothing}
            </li>`)}
          </ol>`}
    </section>`;
  }
}

customElements.define('request-page', RequestPage);
