import { html, nothing, type PropertyValues } from 'lit';
import { routes, type ProtocolError } from '@centrik/protocol';
import { formatNumber, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { CentrikElement } from '../lib/element';
import { formatSchoolYear, formatTime, schoolYearOf } from '../lib/format';
import { follow } from '../lib/live';
import type { LiveMessage, Network } from '../lib/model';
import { links, navigate } from '../lib/router';
import { me } from '../lib/session';
import { STATES, filterSelect, memberNetworks, problemText, type MatrixRequest, type RequestState } from './matrix-common';
import { schoolYears } from './requests-page';

type Columns = 'executors' | 'practices';

interface Header {
  id: number;
  name: string;
  detail?: string;
  total: number;
}

interface Attention {
  reason: 'no_answer' | 'no_event';
  days: number;
  request: MatrixRequest;
}

const FRESH_MS = 6000;
const DAY_MS = 86_400_000;

/**
 * The collaboration matrix of a network for a school year, live: applicants in rows, executors
 * (or practices) in columns, each cell its requests with their states, totals, filters, and the
 * requests that need attention. It follows `matrix.{networkId}.{schoolYear}.stream` (snapshot,
 * then every change, resumed after a drop), so every move anywhere shows here at once; readable
 * on a wall screen, scrollable sideways on a phone.
 */
class MatrixPage extends CentrikElement {
  static properties = { networkId: { type: Number }, year: { type: Number } };
  /** 0: the first network of the user. */
  networkId = 0;
  /** 0: the current school year. */
  year = 0;

  #networks: Network[] | null = null;
  #requests: Map<number, MatrixRequest> | null = null;
  #fresh = new Map<number, number>();
  #problem: string | null = null;
  #updatedAt: Date | null = null;
  #by: Columns = 'executors';
  #filters = { direction: '', state: '', organisation: '' };
  #waitDays = 14;
  #stop: (() => void) | null = null;
  #followed = '';
  #ticker: ReturnType<typeof setInterval> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('matrix.title')} · ${t('app.name')}`;
    this.#ticker = setInterval(() => this.#expireFresh(), 2000);
    document.addEventListener('fullscreenchange', this.#rerender);
    memberNetworks().then(
      (networks) => {
        this.#networks = networks;
        this.#start();
      },
      (error) => {
        this.#problem = problemText(error);
        this.requestUpdate();
      },
    );
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
    this.#followed = '';
    clearInterval(this.#ticker);
    document.removeEventListener('fullscreenchange', this.#rerender);
  }

  #rerender = () => this.requestUpdate();

  protected willUpdate(changed: PropertyValues): void {
    if ((changed.has('networkId') || changed.has('year')) && this.#networks) this.#start();
  }

  get #network(): number {
    return this.networkId || this.#networks?.[0]?.id || 0;
  }

  get #year(): number {
    return this.year || schoolYearOf(new Date());
  }

  #start(): void {
    const network = this.#network;
    if (!network) {
      this.requestUpdate();
      return;
    }
    const route = routes.matrix(network, this.#year);
    if (route === this.#followed) return;
    this.#stop?.();
    this.#followed = route;
    this.#requests = null;
    this.#problem = null;
    this.#stop = follow<{ requests: MatrixRequest[] } | MatrixRequest>(route, {
      onMessage: (message) => this.#apply(message),
      onError: (error: ProtocolError) => {
        this.#problem = error.code === 'forbidden' ? t('matrix.forbidden') : error.code === 'not_found' ? t('matrixError.not_found') : t('app.error');
        this.requestUpdate();
      },
    });
  }

  #apply(message: LiveMessage<{ requests: MatrixRequest[] } | MatrixRequest>): void {
    const now = Date.now();
    if (message.kind === 'snapshot') {
      const before = this.#requests;
      const next = new Map<number, MatrixRequest>();
      for (const request of (message.data as { requests: MatrixRequest[] }).requests) {
        const old = before?.get(request.id);
        if (before && (!old || old.state !== request.state)) this.#fresh.set(request.id, now);
        next.set(request.id, request);
      }
      this.#requests = next;
    } else if (message.kind === 'change') {
      const request = message.data as MatrixRequest;
      this.#requests = new Map(this.#requests ?? []).set(request.id, request);
      this.#fresh.set(request.id, now);
    }
    this.#updatedAt = new Date();
    this.requestUpdate();
  }

  #expireFresh(): void {
    const now = Date.now();
    let changed = false;
    for (const [id, at] of this.#fresh) {
      if (now - at > FRESH_MS) {
        this.#fresh.delete(id);
        changed = true;
      }
    }
    if (changed) this.requestUpdate();
  }

  #filtered(): MatrixRequest[] {
    const { direction, state, organisation } = this.#filters;
    const org = Number(organisation);
    return [...(this.#requests?.values() ?? [])].filter(
      (r) =>
        (!direction || r.direction === direction) &&
        (!state || r.state === state) &&
        (!organisation || r.applicantId === org || r.executorId === org),
    );
  }

  #query(): string {
    const params = new URLSearchParams({ year: String(this.#year), by: this.#by, waitDays: String(this.#waitDays) });
    for (const [key, value] of Object.entries(this.#filters)) if (value) params.set(key, value);
    return params.toString();
  }

  render() {
    if (!me.value) return nothing;
    if (this.#problem) return html`<section class="panel" role="alert"><p>${this.#problem}</p></section>`;
    if (this.#networks === null) return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    if (this.#networks.length === 0) return html`<section class="panel"><p>${t('matrix.noNetwork')}</p></section>`;
    const network = this.#networks.find((n) => n.id === this.#network);
    const all = this.#requests;
    const list = this.#filtered();
    const fullscreen = document.fullscreenElement === this;
    return html`<section class="matrix-page" aria-labelledby="matrix-title">
      <header class="page-head">
        <div>
          <h1 id="matrix-title">${t('matrix.title')}</h1>
          <p class="muted">${network?.name ?? ''} · ${formatSchoolYear(this.#year)}
            ${this.#updatedAt ? html` · <span data-test="updated">${t('matrix.updated', { time: formatTime(this.#updatedAt, true) })}</span>` : nothing}</p>
        </div>
        <div class="actions">
          <a class="button button--small" href=${`/api/networks/${this.#network}/matrix.xlsx?${this.#query()}`} download data-test="export-xlsx">${t('matrixExport.xlsx')}</a>
          <a class="button button--small" href=${`/api/networks/${this.#network}/matrix.csv?${this.#query()}`} download data-test="export-csv">${t('matrixExport.csv')}</a>
          <button type="button" class="button button--small button--quiet matrix__fullscreen" @click=${this.#toggleFullscreen}>
            ${fullscreen ? t('dashboard.exitFullscreen') : t('matrix.fullscreen')}
          </button>
        </div>
      </header>
      ${this.#controls(all)}
      ${all === null ? html`<p class="muted" role="status">${t('app.loading')}</p>` : this.#body(all, list)}
    </section>`;
  }

  #controls(all: Map<number, MatrixRequest> | null) {
    const requests = [...(all?.values() ?? [])];
    const directions = [...new Set(requests.map((r) => r.direction))].sort((a, b) => a.localeCompare(b, 'ru'));
    const organisations = new Map<number, string>();
    for (const r of requests) {
      organisations.set(r.applicantId, r.applicantName);
      organisations.set(r.executorId, r.executorName);
    }
    const networks = this.#networks ?? [];
    return html`<div class="panel matrix__controls">
      <div class="segmented" role="group" aria-label=${t('matrix.by')}>
        ${(['executors', 'practices'] as Columns[]).map((by) => html`<button type="button" class="segmented__option"
          aria-pressed=${this.#by === by ? 'true' : 'false'} data-test=${`by-${by}`}
          @click=${() => { this.#by = by; this.requestUpdate(); }}>${t(by === 'executors' ? 'matrix.byExecutors' : 'matrix.byPractices')}</button>`)}
      </div>
      <details class="filters" ?open=${window.innerWidth >= 700}>
      <summary>${t('bank.filters')}</summary>
      <div class="filters__grid">
        ${networks.length > 1
          ? filterSelect('mx-network', t('matrixFilter.network'), String(this.#network),
              networks.map((n) => [String(n.id), n.name]), (value) => navigate(links.matrix(Number(value), this.year || undefined)), false)
          : nothing}
        ${filterSelect('mx-year', t('matrixFilter.year'), String(this.#year),
          schoolYears().map((y) => [String(y), formatSchoolYear(y)]), (value) => navigate(links.matrix(this.#network, Number(value))), false)}
        ${filterSelect('mx-direction', t('matrixFilter.direction'), this.#filters.direction, directions.map((d) => [d, d]),
          (value) => this.#filter('direction', value))}
        ${filterSelect('mx-state', t('matrixFilter.state'), this.#filters.state,
          STATES.map((s) => [s, t(`request.state.${s}` as MessageKey)]), (value) => this.#filter('state', value))}
        ${filterSelect('mx-organisation', t('matrixFilter.organisation'), this.#filters.organisation,
          [...organisations].sort((a, b) => a[1].localeCompare(b[1], 'ru')).map(([id, name]) => [String(id), name]),
          (value) => this.#filter('organisation', value))}
        <div class="field">
          <label for="mx-wait">${t('matrix.waitDays')}</label>
          <input id="mx-wait" type="number" min="0" max="365" inputmode="numeric" .value=${String(this.#waitDays)}
            @change=${(event: Event) => {
              const days = Number((event.target as HTMLInputElement).value);
              this.#waitDays = Number.isFinite(days) && days >= 0 ? Math.floor(days) : 14;
              this.requestUpdate();
            }} />
        </div>
      </div>
      </details>
    </div>`;
  }

  #filter(key: 'direction' | 'state' | 'organisation', value: string): void {
    this.#filters = { ...this.#filters, [key]: value };
    this.requestUpdate();
  }

  #body(all: Map<number, MatrixRequest>, list: MatrixRequest[]) {
    if (all.size === 0) return html`<p class="panel muted" data-test="matrix-empty">${t('matrix.empty')}</p>`;
    const states = new Map<RequestState, number>(STATES.map((s) => [s, 0]));
    for (const r of list) states.set(r.state, (states.get(r.state) ?? 0) + 1);
    return html`<div class="matrix-layout">
      <div class="panel matrix__grid">
        <ul class="state-counts" aria-label=${t('matrix.states')}>
          ${[...states].map(([state, n]) => html`<li class="state state--${state}" data-count-state=${state}>
            ${t(`request.state.${state}` as MessageKey)}: <b>${formatNumber(n)}</b></li>`)}
        </ul>
        ${list.length === 0 ? html`<p class="muted">${t('matrix.emptyFiltered')}</p>` : this.#table(list)}
      </div>
      ${this.#attention(list)}
    </div>`;
  }

  #table(list: MatrixRequest[]) {
    const practices = this.#by === 'practices';
    const rows = new Map<number, Header>();
    const columns = new Map<number, Header>();
    const cells = new Map<string, MatrixRequest[]>();
    for (const r of list) {
      const row = rows.get(r.applicantId) ?? { id: r.applicantId, name: r.applicantName, total: 0 };
      row.total += 1;
      rows.set(r.applicantId, row);
      const columnId = practices ? r.practiceId : r.executorId;
      const column = columns.get(columnId)
        ?? (practices ? { id: r.practiceId, name: r.practiceTitle, detail: r.executorName, total: 0 } : { id: r.executorId, name: r.executorName, total: 0 });
      column.total += 1;
      columns.set(columnId, column);
      const key = `${r.applicantId}:${columnId}`;
      cells.set(key, [...(cells.get(key) ?? []), r]);
    }
    const byName = (a: Header, b: Header) => a.name.localeCompare(b.name, 'ru') || a.id - b.id;
    const rowList = [...rows.values()].sort(byName);
    const columnList = [...columns.values()].sort(byName);
    return html`<div class="matrix-scroll" tabindex="0" role="region" aria-labelledby="matrix-caption">
      <table class="matrix" data-test="matrix" data-by=${this.#by}>
        <caption id="matrix-caption" class="visually-hidden">
          ${t('matrix.caption', { columns: t(practices ? 'matrix.captionPractices' : 'matrix.captionExecutors') })}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="matrix__corner">${t('matrix.applicants')} \\ ${t(practices ? 'matrix.byPractices' : 'matrix.byExecutors')}</th>
            ${columnList.map((c) => html`<th scope="col" class="matrix__column" data-column=${c.id}>
              <span class="matrix__name">${c.name}</span>${c.detail ? html`<span class="matrix__detail">${c.detail}</span>` : nothing}
            </th>`)}
            <th scope="col" class="matrix__total">${t('matrix.total')}</th>
          </tr>
        </thead>
        <tbody>
          ${rowList.map((row) => html`<tr data-applicant=${row.id}>
            <th scope="row" class="matrix__row">${row.name}</th>
            ${columnList.map((column) => {
              const requests = cells.get(`${row.id}:${column.id}`) ?? [];
              return html`<td class="matrix__cell ${requests.length ? '' : 'matrix__cell--empty'}" data-applicant=${row.id}
                data-column=${column.id} data-total=${requests.length}>
                ${requests.length
                  ? html`<span class="visually-hidden">${t('matrix.cell', { applicant: row.name, column: column.name, n: requests.length })}</span>
                      <ul class="matrix__requests">
                        ${requests.sort((a, b) => a.id - b.id).map((r) => html`<li>
                          <a href=${links.request(r.id)} class="state state--${r.state} ${this.#fresh.has(r.id) ? 'state--fresh' : ''}"
                            data-request-id=${r.id} data-state=${r.state}
                            title=${`№ ${r.id} · ${r.practiceTitle}${r.declineReason ? ` · ${r.declineReason}` : ''}`}
                            >№ ${r.id} · ${t(`request.state.${r.state}` as MessageKey)}</a>
                        </li>`)}
                      </ul>`
                  : nothing}
              </td>`;
            })}
            <td class="matrix__total" data-row-total=${row.id}>${formatNumber(row.total)}</td>
          </tr>`)}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" class="matrix__row">${t('matrix.total')}</th>
            ${columnList.map((c) => html`<td class="matrix__total" data-column-total=${c.id}>${formatNumber(c.total)}</td>`)}
            <td class="matrix__total matrix__total--all" data-test="total">${formatNumber(list.length)}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  #attention(list: MatrixRequest[]) {
    const now = Date.now();
    const items: Attention[] = [];
    for (const request of list) {
      const waited = Math.floor((now - Date.parse(request.submittedAt)) / DAY_MS);
      if (request.state === 'submitted' && now - Date.parse(request.submittedAt) > this.#waitDays * DAY_MS) {
        items.push({ reason: 'no_answer', days: waited, request });
      } else if (request.state === 'accepted' && request.eventIds.length === 0) {
        items.push({ reason: 'no_event', days: Math.floor((now - Date.parse(request.updatedAt)) / DAY_MS), request });
      }
    }
    items.sort((a, b) => b.days - a.days);
    return html`<section class="panel matrix__attention" aria-labelledby="attention-title">
      <h2 id="attention-title">${t('matrix.attention')} <span class="muted">${formatNumber(items.length)}</span></h2>
      ${items.length === 0
        ? html`<p class="muted">${t('matrix.attentionEmpty')}</p>`
        : html`<ol class="attention" data-test="attention">
            ${items.map((item) => html`<li class="attention__item attention__item--${item.reason}" data-request-id=${item.request.id}>
              <a href=${links.request(item.request.id)}>№ ${item.request.id} · ${item.request.practiceTitle}</a>
              <span class="muted small">${item.request.applicantName} → ${item.request.executorName}</span>
              <span class="attention__why">${t(`matrix.reason.${item.reason}`, { days: item.days })}</span>
            </li>`)}
          </ol>`}
    </section>`;
  }

  #toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void this.requestFullscreen?.().catch(() => undefined);
  };
}

customElements.define('matrix-page', MatrixPage);
