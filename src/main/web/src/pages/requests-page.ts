import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { get } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatSchoolYear, schoolYearOf } from '../lib/format';
import type { Network } from '../lib/model';
import { links } from '../lib/router';
import { me } from '../lib/session';
import {
  STATES, errorLine, filterSelect, memberNetworks, problemText, shortDate, stateChip,
  type Agreement, type CentrikRequest,
} from './matrix-common';

interface Filters {
  network: string;
  year: string;
  state: string;
  direction: string;
  organisation: string;
}

/** The last three school years and the next: what a list or a matrix is usually asked for. */
export function schoolYears(): number[] {
  const now = schoolYearOf(new Date());
  return [now + 1, now, now - 1, now - 2];
}

/** The query of the request list and its exports. */
function query(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params.toString();
}

/**
 * The requests of a network for a school year, filtered by state, direction and organisation,
 * with links to each request's page and to the same list as XLSX and CSV.
 */
class RequestsPage extends CentrikElement {
  #networks: Network[] = [];
  #organisations: Array<[string, string]> = [];
  #requests: CentrikRequest[] | null = null;
  #directions: string[] = [];
  #error: string | null = null;
  #filters: Filters = { network: '', year: String(schoolYearOf(new Date())), state: '', direction: '', organisation: '' };
  #asked = 0;

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('requests.title')} · ${t('app.name')}`;
    void this.#start();
  }

  async #start(): Promise<void> {
    try {
      this.#networks = await memberNetworks();
      if (this.#networks.length > 0) await this.#network(String(this.#networks[0].id));
      else this.#requests = [];
    } catch (error) {
      this.#error = problemText(error);
    }
    this.requestUpdate();
  }

  async #network(id: string): Promise<void> {
    this.#filters = { ...this.#filters, network: id, organisation: '', direction: '' };
    const agreements = await get<Agreement[]>(`/api/networks/${id}/agreements`).catch(() => [] as Agreement[]);
    this.#organisations = [...new Map(agreements.map((a) => [String(a.organisationId), a.organisationName]))]
      .sort((a, b) => a[1].localeCompare(b[1], 'ru'));
    await this.#load();
  }

  async #load(): Promise<void> {
    const asked = ++this.#asked;
    try {
      const requests = await get<CentrikRequest[]>(`/api/requests?${query(this.#filters)}`);
      if (asked !== this.#asked) return;
      this.#requests = requests;
      if (!this.#filters.direction) {
        this.#directions = [...new Set(requests.map((r) => r.direction))].sort((a, b) => a.localeCompare(b, 'ru'));
      }
      this.#error = null;
    } catch (error) {
      if (asked !== this.#asked) return;
      this.#error = problemText(error);
    }
    this.requestUpdate();
  }

  #set(key: keyof Filters) {
    return (value: string) => {
      if (key === 'network') {
        void this.#network(value);
        return;
      }
      this.#filters = { ...this.#filters, [key]: value };
      void this.#load();
    };
  }

  render() {
    if (!me.value) return nothing;
    const filters = this.#filters;
    const requests = this.#requests;
    const exportQuery = query(filters);
    return html`<section aria-labelledby="requests-title">
      <div class="page-head">
        <h1 id="requests-title">${t('requests.title')}</h1>
        ${filters.network
          ? html`<nav class="exports" aria-label=${t('matrixExport.title')}>
              <a class="button button--small" href=${`/api/requests.xlsx?${exportQuery}`} download data-test="export-xlsx">${t('matrixExport.xlsx')}</a>
              <a class="button button--small" href=${`/api/requests.csv?${exportQuery}`} download data-test="export-csv">${t('matrixExport.csv')}</a>
            </nav>`
          : nothing}
      </div>
      <div class="panel filters__grid">
        ${this.#networks.length > 1
          ? filterSelect('rl-network', t('matrixFilter.network'), filters.network,
              this.#networks.map((n) => [String(n.id), n.name]), this.#set('network'), false)
          : nothing}
        ${filterSelect('rl-year', t('matrixFilter.year'), filters.year,
          schoolYears().map((y) => [String(y), formatSchoolYear(y)]), this.#set('year'), false)}
        ${filterSelect('rl-state', t('matrixFilter.state'), filters.state,
          STATES.map((s) => [s, t(`request.state.${s}` as MessageKey)]), this.#set('state'))}
        ${filterSelect('rl-direction', t('matrixFilter.direction'), filters.direction,
          this.#directions.map((d) => [d, d]), this.#set('direction'))}
        ${filterSelect('rl-organisation', t('matrixFilter.organisation'), filters.organisation,
          this.#organisations, this.#set('organisation'))}
      </div>
      ${errorLine(this.#error)}
      ${requests === null
        ? html`<p class="muted" role="status">${t('app.loading')}</p>`
        : requests.length === 0
          ? html`<p class="muted">${t('requests.empty')}</p>`
          : html`<p class="muted" role="status">${t('requests.count', { n: requests.length })}</p>
              <ol class="request-list" data-test="requests">
                ${requests.map((r) => html`<li class="request-row" data-request-id=${r.id}>
                  <a class="request-row__link" href=${links.request(r.id)}>
                    <span class="request-row__id">№ ${r.id}</span>
                    <span class="request-row__title">${r.practiceTitle}</span>
                    <span class="request-row__parties">${r.applicantName} → ${r.executorName}</span>
                    <span class="request-row__state">${stateChip(r.state)}</span>
                    <span class="muted small">${shortDate(r.submittedAt)}</span>
                  </a>
                </li>`)}
              </ol>`}
    </section>`;
  }
}

customElements.define('requests-page', RequestsPage);
