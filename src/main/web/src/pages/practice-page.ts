import { html, nothing, type PropertyValues } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { links, navigate } from '../lib/router';
import { me } from '../lib/session';
import {
  FORMATS, administered, coordinates, errorLine, problemText, shortDate,
  type Agreement, type CentrikRequest, type Practice,
} from './matrix-common';

/**
 * A practice of the bank: what it is, who runs it, its materials, and the form to request it
 * (format, period, teachers, comment) for an organisation the user acts for. A retried
 * submission carries the same client id, so it files one request.
 */
class PracticePage extends CentrikElement {
  static properties = { practiceId: { type: Number } };
  practiceId = 0;

  #practice: Practice | null = null;
  #problem: string | null = null;
  #applicants: Array<{ id: number; name: string }> = [];
  #clientId = crypto.randomUUID();
  #sending = false;
  #error: string | null = null;

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('practiceId') && this.practiceId > 0) void this.#load();
  }

  async #load(): Promise<void> {
    this.#practice = null;
    this.#problem = null;
    try {
      const practice = await get<Practice>(`/api/practices/${this.practiceId}`);
      this.#practice = practice;
      document.title = `${practice.title} · ${t('app.name')}`;
      await this.#loadApplicants(practice);
    } catch (error) {
      this.#problem = error instanceof ApiError && error.status === 404 ? t('practice.notFound') : problemText(error);
    }
    this.requestUpdate();
  }

  /** The organisations the user may file for: their own, or (a coordinator) every member in force. */
  async #loadApplicants(practice: Practice): Promise<void> {
    const user = me.value!;
    const agreements = await get<Agreement[]>(`/api/networks/${practice.networkId}/agreements`).catch(() => [] as Agreement[]);
    const members = new Map(agreements.filter((a) => a.inForce).map((a) => [a.organisationId, a.organisationName]));
    const own = new Set(administered(user));
    const choices = coordinates(user, practice.networkId)
      ? [...members.entries()]
      : [...members.entries()].filter(([id]) => own.has(id));
    this.#applicants = choices
      .filter(([id]) => id !== practice.organisationId)
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim() || null;
    const teachers = value('teachersCount');
    this.#sending = true;
    this.#error = null;
    this.requestUpdate();
    try {
      const request = await http<CentrikRequest>('/api/requests', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          clientId: this.#clientId,
          practiceId: this.practiceId,
          applicantId: Number(value('applicantId')),
          desiredFormat: value('desiredFormat'),
          periodFrom: value('periodFrom'),
          periodTo: value('periodTo'),
          teachersCount: teachers ? Number(teachers) : null,
          comment: value('comment'),
        }),
      });
      this.#clientId = crypto.randomUUID();
      navigate(links.request(request.id));
    } catch (error) {
      this.#error = problemText(error);
    } finally {
      this.#sending = false;
      this.requestUpdate();
    }
  }

  render() {
    const user = me.value;
    if (!user) return nothing;
    if (this.#problem) return html`<section class="panel" role="alert"><p>${this.#problem}</p><a href=${links.bank()}>${t('bank.title')}</a></section>`;
    const practice = this.#practice;
    if (!practice) return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    const mayEdit = coordinates(user, practice.networkId) || administered(user).includes(practice.organisationId);
    return html`<p class="breadcrumbs"><a href=${links.bank()}>← ${t('bank.title')}</a></p>
      <article class="panel practice" aria-labelledby="practice-title">
        <div class="page-head">
          <h1 id="practice-title">${practice.title}</h1>
          ${mayEdit ? html`<a class="button" href=${links.editPractice(practice.id)}>${t('practice.edit')}</a>` : nothing}
        </div>
        <p><span class="chip">${practice.direction}</span></p>
        <dl class="facts">
          <dt>${t('practice.executor')}</dt>
          <dd>${practice.organisationName}</dd>
          <dt>${t('practice.levels')}</dt>
          <dd>${practice.levels.map((level) => t(`practice.level.${level}` as MessageKey)).join(', ')}</dd>
          ${practice.formats.length > 0
            ? html`<dt>${t('practice.formats')}</dt>
                <dd>${practice.formats.map((format) => t(`event.format.${format}` as MessageKey)).join(', ')}</dd>`
            : nothing}
          ${practice.materialsUrl
            ? html`<dt>${t('practice.materials')}</dt>
                <dd><a href=${practice.materialsUrl} target="_blank" rel="noopener noreferrer">${practice.materialsUrl}</a></dd>`
            : nothing}
        </dl>
        ${practice.description ? html`<p class="practice__text">${practice.description}</p>` : nothing}
        <p class="muted small">${t('practice.declaredOn', { date: shortDate(practice.declaredOn) })}</p>
      </article>
      ${this.#requestForm(practice)}`;
  }

  #requestForm(practice: Practice) {
    const user = me.value!;
    if (this.#applicants.length === 0) {
      return administered(user).includes(practice.organisationId)
        ? html`<p class="muted">${t('practice.ownPractice')}</p>`
        : nothing;
    }
    const formats = practice.formats.length > 0 ? practice.formats : FORMATS;
    return html`<section class="panel" aria-labelledby="request-form-title">
      <h2 id="request-form-title">${t('practice.requestTitle')}</h2>
      <p class="muted">${t('practice.requestIntro')}</p>
      <form class="form form--grid" @submit=${(event: Event) => void this.#submit(event)} data-test="request-form">
        <div class="field field--wide">
          <label for="rq-applicant">${t('practice.applicant')}</label>
          <select id="rq-applicant" name="applicantId" required>
            ${this.#applicants.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="rq-format">${t('practice.format')}</label>
          <select id="rq-format" name="desiredFormat">
            <option value="">${t('practice.anyFormat')}</option>
            ${formats.map((format) => html`<option value=${format}>${t(`event.format.${format}` as MessageKey)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="rq-teachers">${t('practice.teachers')}</label>
          <input id="rq-teachers" name="teachersCount" type="number" inputmode="numeric" min="1" max="500" />
        </div>
        <div class="field">
          <label for="rq-from">${t('practice.periodFrom')}</label>
          <input id="rq-from" name="periodFrom" type="date" />
        </div>
        <div class="field">
          <label for="rq-to">${t('practice.periodTo')}</label>
          <input id="rq-to" name="periodTo" type="date" />
        </div>
        <div class="field field--wide">
          <label for="rq-comment">${t('practice.comment')}</label>
          <textarea id="rq-comment" name="comment" rows="3" maxlength="2000"></textarea>
        </div>
        ${errorLine(this.#error)}
        <button class="button button--primary field--wide" type="submit" ?disabled=${this.#sending}>
          ${this.#sending ? t('practice.submitting') : t('practice.submit')}
        </button>
      </form>
    </section>`;
  }
}

customElements.define('practice-page', PracticePage);
