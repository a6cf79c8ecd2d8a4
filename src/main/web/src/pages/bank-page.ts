import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { get } from '../lib/api';
import { CentrikElement } from '../lib/element';
import type { Network, Organisation } from '../lib/model';
import { links } from '../lib/router';
import { me } from '../lib/session';
import {
  LABELS, LEVELS, administered, coordinates, errorLine, filterSelect, memberNetworks, problemText, type Practice,
} from './matrix-common';

const SEARCH_DELAY_MS = 250;

interface Filters {
  network: string;
  direction: string;
  level: string;
  label: string;
  organisation: string;
}

const NO_FILTERS: Filters = { network: '', direction: '', level: '', label: '', organisation: '' };

/**
 * The bank of innovative practices: a Russian full-text search (ranked by the server, word
 * forms included) with filters by network, direction, level, label and organisation, each
 * result a card linking to the practice.
 */
class BankPage extends CentrikElement {
  #networks: Network[] = [];
  #organisations: Organisation[] = [];
  #directions: string[] = [];
  #results: Practice[] | null = null;
  #error: string | null = null;
  #query = '';
  #filters: Filters = NO_FILTERS;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked = 0;

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('bank.title')} · ${t('app.name')}`;
    const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
    this.#query = params.get('q') ?? '';
    void this.#loadChoices();
    void this.#search();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  async #loadChoices(): Promise<void> {
    try {
      const [networks, organisations, all] = await Promise.all([
        memberNetworks(),
        get<Organisation[]>('/api/organisations'),
        get<Practice[]>('/api/practices'),
      ]);
      this.#networks = networks;
      this.#organisations = organisations;
      this.#directions = [...new Set(all.map((practice) => practice.direction))].sort((a, b) => a.localeCompare(b, 'ru'));
    } catch {
      // the search itself reports the problem
    }
    this.requestUpdate();
  }

  async #search(): Promise<void> {
    const asked = ++this.#asked;
    const params = new URLSearchParams();
    if (this.#query.trim()) params.set('q', this.#query.trim());
    for (const [key, value] of Object.entries(this.#filters)) if (value) params.set(key, value);
    try {
      const results = await get<Practice[]>(`/api/practices${params.size ? `?${params}` : ''}`);
      if (asked !== this.#asked) return;
      this.#results = results;
      this.#error = null;
    } catch (error) {
      if (asked !== this.#asked) return;
      this.#error = problemText(error);
    }
    this.requestUpdate();
  }

  #typed = (event: InputEvent) => {
    this.#query = (event.target as HTMLInputElement).value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#search(), SEARCH_DELAY_MS);
  };

  #filter(key: keyof Filters) {
    return (value: string) => {
      this.#filters = { ...this.#filters, [key]: value };
      void this.#search();
    };
  }

  #reset = () => {
    this.#filters = NO_FILTERS;
    this.#query = '';
    void this.#search();
  };

  render() {
    const user = me.value;
    if (!user) return nothing;
    const mayDeclare = administered(user).length > 0 || this.#networks.some((network) => coordinates(user, network.id));
    const results = this.#results;
    return html`<section class="bank" aria-labelledby="bank-title">
      <div class="page-head">
        <div>
          <h1 id="bank-title">${t('bank.title')}</h1>
          <p class="muted">${t('bank.intro')}</p>
        </div>
        ${mayDeclare ? html`<a class="button button--primary" href=${links.newPractice()} data-test="declare">${t('bank.declare')}</a>` : nothing}
      </div>
      <form class="panel bank__search" role="search" @submit=${(event: Event) => {
        event.preventDefault();
        void this.#search();
      }}>
        <div class="field">
          <label for="bank-query">${t('bank.search')}</label>
          <input id="bank-query" type="search" enterkeyhint="search" autocomplete="off"
            placeholder=${t('bank.searchPlaceholder')} .value=${this.#query} @input=${this.#typed} />
        </div>
        <details class="filters" ?open=${window.innerWidth >= 700}>
          <summary>${t('bank.filters')}</summary>
          <div class="filters__grid">
            ${this.#networks.length > 1
              ? filterSelect('bank-network', t('matrixFilter.network'), this.#filters.network,
                  this.#networks.map((n) => [String(n.id), n.name]), this.#filter('network'))
              : nothing}
            ${filterSelect('bank-direction', t('matrixFilter.direction'), this.#filters.direction,
              this.#directions.map((d) => [d, d]), this.#filter('direction'))}
            ${filterSelect('bank-level', t('matrixFilter.level'), this.#filters.level,
              LEVELS.map((level) => [level, t(`practice.level.${level}` as MessageKey)]), this.#filter('level'))}
            ${filterSelect('bank-label', t('matrixFilter.label'), this.#filters.label,
              LABELS.map((label) => [label, t(`org.label.${label}` as MessageKey)]), this.#filter('label'))}
            ${filterSelect('bank-organisation', t('matrixFilter.organisation'), this.#filters.organisation,
              this.#organisations.map((o) => [String(o.id), String(o.shortName ?? o.name)]), this.#filter('organisation'))}
          </div>
          <button type="button" class="button button--quiet button--small" @click=${this.#reset}>${t('matrixFilter.reset')}</button>
        </details>
      </form>
      ${errorLine(this.#error)}
      ${results === null
        ? html`<p class="muted" role="status">${t('app.loading')}</p>`
        : html`<p class="muted" role="status" data-test="found">${t('bank.found', { n: results.length })}</p>
            ${results.length === 0
              ? html`<p class="muted">${t('bank.empty')}</p>`
              : html`<ol class="practice-list" data-test="practices">
                  ${results.map((practice) => practiceCard(practice))}
                </ol>`}`}
    </section>`;
  }
}

function practiceCard(practice: Practice) {
  return html`<li class="practice-card" data-practice-id=${practice.id}>
    <h2 class="practice-card__title"><a href=${links.practice(practice.id)}>${practice.title}</a></h2>
    <p class="practice-card__meta">
      <span class="chip">${practice.direction}</span>
      ${practice.levels.map((level) => html`<span class="chip chip--muted">${t(`practice.level.${level}` as MessageKey)}</span>`)}
    </p>
    <p class="practice-card__org">${practice.organisationName}</p>
    ${practice.description ? html`<p class="practice-card__text">${practice.description}</p>` : nothing}
  </li>`;
}

customElements.define('bank-page', BankPage);
