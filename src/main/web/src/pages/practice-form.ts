import { html, nothing, type PropertyValues } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import type { Network } from '../lib/model';
import { links, navigate } from '../lib/router';
import { me } from '../lib/session';
import {
  FORMATS, LEVELS, administered, coordinates, errorLine, memberNetworks, problemText,
  type Agreement, type Practice,
} from './matrix-common';

/**
 * Declaring a practice for the user's own organisation (or, for a coordinator, any member),
 * or editing one: title, direction, levels, description, formats, materials link.
 */
class PracticeForm extends CentrikElement {
  static properties = { practiceId: { type: Number } };
  /** 0 declares a new practice. */
  practiceId = 0;

  #practice: Practice | null = null;
  #networks: Network[] = [];
  #network = 0;
  #organisations: Array<{ id: number; name: string }> = [];
  #loading = true;
  #sending = false;
  #error: string | null = null;

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('practiceId')) void this.#load();
  }

  async #load(): Promise<void> {
    this.#loading = true;
    this.#error = null;
    document.title = `${t(this.practiceId ? 'practice.formTitleEdit' : 'practice.formTitleNew')} · ${t('app.name')}`;
    try {
      if (this.practiceId) {
        this.#practice = await get<Practice>(`/api/practices/${this.practiceId}`);
      } else {
        this.#networks = await memberNetworks();
        await this.#pickNetwork(this.#networks[0]?.id ?? 0);
      }
    } catch (error) {
      this.#error = problemText(error);
    }
    this.#loading = false;
    this.requestUpdate();
  }

  /** The organisations the user may declare for in the network: their own in force, or every member. */
  async #pickNetwork(networkId: number): Promise<void> {
    this.#network = networkId;
    if (!networkId) return;
    const user = me.value!;
    const agreements = await get<Agreement[]>(`/api/networks/${networkId}/agreements`);
    const own = new Set(administered(user));
    const everyone = coordinates(user, networkId);
    const seen = new Map<number, string>();
    for (const agreement of agreements) {
      if (agreement.inForce && (everyone || own.has(agreement.organisationId))) seen.set(agreement.organisationId, agreement.organisationName);
    }
    this.#organisations = [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    this.requestUpdate();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const levels = data.getAll('levels').map(String);
    if (!text('title') || !text('direction')) {
      this.#error = t('practice.needTitle');
    } else if (levels.length === 0) {
      this.#error = t('practice.needLevels');
    } else {
      this.#error = null;
    }
    if (this.#error) {
      this.requestUpdate();
      return;
    }
    const body = {
      networkId: this.#practice?.networkId ?? this.#network,
      organisationId: this.#practice?.organisationId ?? Number(text('organisationId')),
      title: text('title'),
      direction: text('direction'),
      levels,
      description: text('description'),
      formats: data.getAll('formats').map(String),
      materialsUrl: text('materialsUrl') || null,
    };
    this.#sending = true;
    this.requestUpdate();
    try {
      const saved = await http<Practice>(this.practiceId ? `/api/practices/${this.practiceId}` : '/api/practices', {
        method: this.practiceId ? 'PUT' : 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      navigate(links.practice(saved.id));
    } catch (error) {
      this.#error = problemText(error);
    } finally {
      this.#sending = false;
      this.requestUpdate();
    }
  }

  render() {
    if (!me.value) return nothing;
    if (this.#loading) return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    const practice = this.#practice;
    if (!practice && this.#organisations.length === 0) {
      return html`<section class="panel"><p role="alert">${this.#error ?? t('practice.cannotDeclare')}</p>
        <a href=${links.bank()}>${t('bank.title')}</a></section>`;
    }
    return html`<p class="breadcrumbs"><a href=${practice ? links.practice(practice.id) : links.bank()}>← ${practice?.title ?? t('bank.title')}</a></p>
      <section class="panel" aria-labelledby="practice-form-title">
        <h1 id="practice-form-title">${t(practice ? 'practice.formTitleEdit' : 'practice.formTitleNew')}</h1>
        <form class="form form--grid" novalidate @submit=${(event: Event) => void this.#submit(event)} data-test="practice-form">
          ${practice ? nothing : this.#where()}
          <div class="field field--wide">
            <label for="pf-title">${t('practice.title')}</label>
            <input id="pf-title" name="title" required maxlength="300" .value=${practice?.title ?? ''} />
          </div>
          <div class="field field--wide">
            <label for="pf-direction">${t('practice.direction')}</label>
            <input id="pf-direction" name="direction" required maxlength="200" .value=${practice?.direction ?? ''} />
          </div>
          <fieldset class="field field--wide checks">
            <legend>${t('practice.levels')}</legend>
            ${LEVELS.map((level) => html`<label class="check"><input type="checkbox" name="levels" value=${level}
              ?checked=${practice?.levels.includes(level) ?? false} />${t(`practice.level.${level}` as MessageKey)}</label>`)}
          </fieldset>
          <fieldset class="field field--wide checks">
            <legend>${t('practice.formats')}</legend>
            ${FORMATS.map((format) => html`<label class="check"><input type="checkbox" name="formats" value=${format}
              ?checked=${practice?.formats.includes(format) ?? false} />${t(`event.format.${format}` as MessageKey)}</label>`)}
          </fieldset>
          <div class="field field--wide">
            <label for="pf-description">${t('practice.description')}</label>
            <textarea id="pf-description" name="description" rows="5" .value=${practice?.description ?? ''}></textarea>
          </div>
          <div class="field field--wide">
            <label for="pf-materials">${t('practice.materialsUrl')}</label>
            <input id="pf-materials" name="materialsUrl" type="url" inputmode="url" placeholder="https://"
              aria-describedby="pf-materials-hint" .value=${practice?.materialsUrl ?? ''} />
            <span class="muted small" id="pf-materials-hint">${t('practice.materialsHint')}</span>
          </div>
          ${errorLine(this.#error)}
          <button class="button button--primary field--wide" type="submit" ?disabled=${this.#sending}>
            ${this.#sending ? t('practice.saving') : t('practice.save')}
          </button>
        </form>
      </section>`;
  }

  #where() {
    return html`${this.#networks.length > 1
        ? html`<div class="field">
            <label for="pf-network">${t('practice.network')}</label>
            <select id="pf-network" @change=${(event: Event) => void this.#pickNetwork(Number((event.target as HTMLSelectElement).value))}>
              ${this.#networks.map((n) => html`<option value=${n.id} ?selected=${n.id === this.#network}>${n.name}</option>`)}
            </select>
          </div>`
        : nothing}
      <div class="field">
        <label for="pf-organisation">${t('practice.organisation')}</label>
        <select id="pf-organisation" name="organisationId">
          ${this.#organisations.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
        </select>
      </div>`;
  }
}

customElements.define('practice-form', PracticeForm);
