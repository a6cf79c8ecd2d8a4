import { html, nothing } from 'lit';
import { routes } from '@centrik/protocol';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, OfflineError, get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatDate, formatDateTime } from '../lib/format';
import { follow } from '../lib/live';
import type { Me, Network, Organisation } from '../lib/model';
import { links, type LibraryView } from '../lib/router';
import { grantsOf, me } from '../lib/session';

/** The payloads of frontend-protocol/schemas/product.json and creative-group.json. */
interface ProductFile { id: number; fileName: string; contentType: string; sizeBytes: number }
interface Review {
  id: number; productId: number; version: number; reviewerId: number | null; expertName: string | null;
  assignedAt: string; dueAt: string; overdue: boolean; conclusion: string | null; comments: string | null;
  assessment: Record<string, number> | null; decidedAt: string | null;
}
interface Product {
  id: number; networkId: number; title: string; type: string; levels: string[]; subject: string | null;
  description: string; link: string | null; organisationId: number | null; organisationName: string | null;
  creativeGroupId: number | null; creativeGroupName: string | null; state: string; recommended: boolean;
  submittedAt: string; submittedBy: number | null; version: number; versionSubmittedAt: string;
  authors: { teacherId: number; name: string }[]; files: ProductFile[]; reviews: Review[];
  versions: { version: number; title: string; submittedAt: string; files: ProductFile[] }[];
}
interface Group {
  id: number; networkId: number; name: string; problem: string; expectedResult: string; termFrom: string; termTo: string;
  leaderId: number; members: { teacherId: number; name: string; organisationId: number }[]; state: string;
  decisionReason: string | null; appliedAt: string; decisionDueAt: string; overdue: boolean; decidedAt: string | null;
}
interface Desk { userId: number; products: Product[]; groups: Group[] }
interface Expert { userId: number; name: string }
interface Candidate { teacherId: number; name: string; organisationId: number; organisationName: string }

const TYPES = ['methodical_materials', 'project', 'lesson_video', 'assessment_materials', 'assessment_sheet'];
const LEVELS = ['preschool', 'primary', 'general', 'additional'];
const CONCLUSIONS = ['approve', 'approve_and_recommend', 'return_for_revision', 'reject'];
const CRITERIA = ['relevance', 'novelty', 'practicalValue', 'quality'];
const EXTENSIONS = ['pdf', 'docx', 'xlsx', 'pptx', 'zip', 'png', 'jpg', 'jpeg', 'mp4'];
const MAX_BYTES = 20 * 1024 * 1024;
const FILE_CODES = new Set(['file_too_large', 'file_type_not_allowed', 'file_content_mismatch', 'bad_file_name', 'empty_file']);
const KNOWN_CODES = new Set([...FILE_CODES, 'not_member', 'not_an_expert', 'one_school', 'already_concluded',
  'already_decided', 'illegal_transition', 'forbidden', 'bad_input']);

/** A Russian sentence for a refusal of the server (problem detail `code`), naming the files when they are at fault. */
export function libraryError(error: unknown, files: string[] = []): string {
  if (error instanceof OfflineError) return t('library.error.offline');
  if (error instanceof ApiError && error.code && KNOWN_CODES.has(error.code)) {
    return t(`library.error.${error.code}` as MessageKey, {
      name: files.join(', '),
      detail: String(error.body.detail ?? ''),
    });
  }
  return t('library.error.failed');
}

/** Client-side file checks, the same limits as the server's (docs/library.md): the first problem, or null. */
export function fileProblem(files: File[]): string | null {
  for (const file of files) {
    const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    if (!EXTENSIONS.includes(extension)) return t('library.error.file_type_not_allowed', { name: file.name });
    if (file.size > MAX_BYTES) return t('library.error.file_too_large', { name: file.name });
    if (file.size === 0) return t('library.error.empty_file', { name: file.name });
  }
  return null;
}

function formData(json: unknown, files: File[]): FormData {
  const body = new FormData();
  body.append('product', new Blob([JSON.stringify(json)], { type: 'application/json' }));
  for (const file of files) body.append('files', file, file.name);
  return body;
}

/**
 * The methodical cabinet and everything around it, by view: the cabinet (search, filters), my
 * products (submit with files, states, deadlines, new versions), the expert's review queue with
 * the conclusion form, the coordinator's assignment of experts and overdue list, creative groups.
 * Live through the user's library desk (library.{userId}.stream).
 */
class LibraryPage extends CentrikElement {
  static properties = { view: { type: String } };
  declare view: LibraryView;

  #networks: Network[] = [];
  #organisations: Organisation[] = [];
  #desk: { products: Map<number, Product>; groups: Map<number, Group> } | null = null;
  #deskFailed = false;
  #results: Product[] | null = null;
  #notice: { text: string; error?: boolean } | null = null;
  #experts = new Map<number, Expert[]>();
  #candidates: Candidate[] | null = null;
  #busy = false;
  #stops: Array<() => void> = [];
  #clock: ReturnType<typeof setInterval> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('library.title')} — ${t('app.name')}`;
    const user = me.value!;
    void get<Network[]>('/api/networks').then((networks) => {
      this.#networks = networks;
      this.requestUpdate();
    }, () => undefined);
    void get<Organisation[]>('/api/organisations').then((organisations) => {
      this.#organisations = organisations;
      this.requestUpdate();
    }, () => undefined);
    this.#stops.push(
      follow<Desk | Product | Group>(routes.library(user.id), {
        onMessage: (message) => {
          if (message.kind === 'snapshot') {
            const desk = message.data as Desk;
            this.#desk = {
              products: new Map(desk.products.map((p) => [p.id, p])),
              groups: new Map(desk.groups.map((g) => [g.id, g])),
            };
          } else if (message.kind === 'change' && this.#desk) {
            if (message.type?.startsWith('group.')) {
              const group = message.data as Group;
              this.#desk.groups.set(group.id, group);
              if (message.type === 'group.decided') {
                this.#notice = { text: t('library.groups.decided', { name: group.name, state: t(`library.groups.state.${group.state}` as MessageKey) }) };
              }
            } else {
              const product = message.data as Product;
              this.#desk.products.set(product.id, product);
              if (message.type === 'product.decided' && this.#mine(product, user)) {
                this.#notice = { text: t('library.decided', { title: product.title, state: t(`library.state.${product.state}` as MessageKey) }) };
              }
            }
          }
          this.requestUpdate();
        },
        onError: () => {
          this.#deskFailed = true;
          this.requestUpdate();
        },
      }),
    );
    // deadlines turn overdue while the page is open
    this.#clock = setInterval(() => this.requestUpdate(), 60_000);
    if (this.view === 'cabinet') void this.#search();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.#stops) stop();
    this.#stops = [];
    clearInterval(this.#clock);
  }

  updated(changed: Map<string, unknown>): void {
    if (changed.has('view') && changed.get('view') !== undefined) {
      this.#notice = null;
      if (this.view === 'cabinet' && this.#results === null) void this.#search();
    }
  }

  #mine(product: Product, user: Me): boolean {
    return product.submittedBy === user.id || product.authors.some((a) => a.teacherId === user.teacherId);
  }

  #overdue(iso: string, decided: string | null): boolean {
    return decided === null && new Date(iso).getTime() < Date.now();
  }

  render() {
    const user = me.value;
    if (!user) return nothing;
    const coordinator = grantsOf(user, 'coordinator').length > 0;
    const expert = grantsOf(user, 'expert').length > 0;
    const views: LibraryView[] = ['cabinet', 'products', ...(expert ? ['reviews' as const] : []),
      ...(coordinator ? ['coordination' as const] : []), 'groups'];
    return html`
      <section class="library">
        <h1>${t('library.title')}</h1>
        <nav aria-label=${t('library.nav')} class="library__nav">
          ${views.map((view) => html`<a href=${links.library(view)} aria-current=${this.view === view ? 'page' : 'false'}
            data-test="library-nav-${view}">${t(`library.nav.${view}` as MessageKey)}</a>`)}
        </nav>
        ${this.#notice
          ? html`<p class="notice ${this.#notice.error ? 'notice--error' : ''}" role=${this.#notice.error ? 'alert' : 'status'}
              data-test="library-notice">${this.#notice.text}</p>`
          : nothing}
        ${this.#view(user)}
      </section>
    `;
  }

  #view(user: Me) {
    switch (this.view) {
      case 'products': return this.#products(user);
      case 'reviews': return this.#reviews(user);
      case 'coordination': return this.#coordination(user);
      case 'groups': return this.#groups(user);
      default: return this.#cabinet();
    }
  }

  #deskProducts(): Product[] | null {
    return this.#desk ? [...this.#desk.products.values()].sort((a, b) => b.versionSubmittedAt.localeCompare(a.versionSubmittedAt)) : null;
  }

  #loading() {
    return html`<p class="muted" role=${this.#deskFailed ? 'alert' : 'status'}>${t(this.#deskFailed ? 'app.error' : 'app.loading')}</p>`;
  }

  // --- the cabinet -------------------------------------------------------------------------

  async #search(event?: Event): Promise<void> {
    event?.preventDefault();
    const form = this.querySelector<HTMLFormElement>('form[data-test="cabinet-search"]');
    const params = new URLSearchParams();
    if (form) {
      for (const [key, value] of new FormData(form).entries()) if (typeof value === 'string' && value.trim()) params.set(key, value.trim());
    }
    try {
      this.#results = await get<Product[]>(`/api/library?${params}`);
      this.#notice = null;
    } catch (error) {
      this.#notice = { text: libraryError(error), error: true };
    }
    this.requestUpdate();
  }

  #cabinet() {
    const results = this.#results;
    return html`
      <form class="panel form library__search" role="search" data-test="cabinet-search" @submit=${this.#search}>
        <div class="field library__query">
          <label for="library-q">${t('library.search')}</label>
          <input id="library-q" name="q" type="search" placeholder=${t('library.search.placeholder')} autocomplete="off" />
        </div>
        <div class="library__filters">
          <div class="field"><label for="library-type">${t('library.filter.type')}</label>
            <select id="library-type" name="type" @change=${this.#search}>
              <option value="">${t('library.any')}</option>
              ${TYPES.map((type) => html`<option value=${type}>${t(`library.type.${type}` as MessageKey)}</option>`)}
            </select></div>
          <div class="field"><label for="library-level">${t('library.filter.level')}</label>
            <select id="library-level" name="level" @change=${this.#search}>
              <option value="">${t('library.any')}</option>
              ${LEVELS.map((level) => html`<option value=${level}>${t(`library.level.${level}` as MessageKey)}</option>`)}
            </select></div>
          <div class="field"><label for="library-subject">${t('library.filter.subject')}</label>
            <input id="library-subject" name="subject" type="text" @change=${this.#search} /></div>
          <div class="field"><label for="library-organisation">${t('library.filter.organisation')}</label>
            <select id="library-organisation" name="organisation" @change=${this.#search}>
              <option value="">${t('library.any')}</option>
              ${this.#organisations.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
            </select></div>
        </div>
        <button class="button button--primary" type="submit" data-test="cabinet-search-button">${t('library.search')}</button>
      </form>
      <section aria-live="polite" data-test="cabinet-results">
        ${results === null
          ? html`<p class="muted">${t('app.loading')}</p>`
          : results.length === 0
            ? html`<p class="muted">${t('library.nothingFound')}</p>`
            : html`<p class="muted">${t('library.found', { n: results.length })}</p>
                <ul class="library__list">${results.map((product) => html`<li>${this.#productCard(product, false)}</li>`)}</ul>`}
      </section>
    `;
  }

  #productCard(product: Product, withReviews: boolean, extra: unknown = nothing) {
    return html`<article class="panel product ${product.recommended ? 'product--recommended' : ''}" data-product-id=${product.id}
        data-test="product">
      <h3 class="product__title">${product.title}
        ${product.recommended ? html`<span class="chip chip--live" data-test="recommended">${t('library.recommended')}</span>` : nothing}</h3>
      <p class="muted">${t(`library.type.${product.type}` as MessageKey)}${product.subject ? ` · ${product.subject}` : ''}
        ${product.levels.length ? ` · ${product.levels.map((l) => t(`library.level.${l}` as MessageKey)).join(', ')}` : ''}
        · ${product.creativeGroupName ? t('library.group', { name: product.creativeGroupName }) : product.organisationName ?? ''}</p>
      <p>${t('library.authors', { names: product.authors.map((a) => a.name).join(', ') })}</p>
      ${product.description ? html`<p class="product__description">${product.description}</p>` : nothing}
      ${withReviews ? html`<p><span class="chip" data-test="product-state" data-state=${product.state}>${t(`library.state.${product.state}` as MessageKey)}</span>
        ${product.version > 1 ? html`<span class="muted">${t('library.version', { n: product.version })}
          · ${t('library.history', { n: product.versions.length })}</span>` : nothing}</p>` : nothing}
      ${product.link ? html`<p><a href=${product.link} rel="noopener noreferrer" target="_blank">${t('library.link')}</a></p>` : nothing}
      ${product.files.length
        ? html`<ul class="product__files" aria-label=${t('library.files')}>${product.files.map((file) => html`<li>
            <a href="/api/products/${product.id}/files/${file.id}" download=${file.fileName}
              aria-label=${t('library.download', { name: file.fileName })}>${file.fileName}</a>
            <span class="muted small">${Math.max(1, Math.round(file.sizeBytes / 1024))} КБ</span></li>`)}</ul>`
        : nothing}
      ${withReviews ? this.#reviewList(product) : nothing}
      ${extra}
    </article>`;
  }

  #reviewList(product: Product) {
    const current = product.reviews.filter((r) => r.version === product.version);
    if (current.length === 0) return nothing;
    return html`<ul class="reviews">${current.map((review) => {
      const overdue = this.#overdue(review.dueAt, review.decidedAt);
      return html`<li class="review ${overdue ? 'review--overdue' : ''}" data-test="review" data-overdue=${overdue}>
        ${review.expertName ? html`<span>${t('library.review.expert', { name: review.expertName })}</span>` : nothing}
        ${review.conclusion
          ? html`<strong>${t(`library.conclusion.${review.conclusion}` as MessageKey)}</strong>
              ${review.comments ? html`<span>${t('library.review.comments')}: ${review.comments}</span>` : nothing}`
          : html`<span class=${overdue ? 'review__due review__due--overdue' : 'review__due'} data-test="due">
              ${t(overdue ? 'library.review.overdue' : 'library.review.due', { date: formatDateTime(review.dueAt) })}</span>`}
      </li>`;
    })}</ul>`;
  }

  // --- my products -------------------------------------------------------------------------

  #products(user: Me) {
    const mine = this.#deskProducts()?.filter((product) => this.#mine(product, user)) ?? null;
    const groups = this.#desk ? [...this.#desk.groups.values()].filter((g) => g.state === 'created'
      && g.members.some((m) => m.teacherId === user.teacherId)) : [];
    return html`
      ${user.teacherId != null || grantsOf(user, 'organisation_admin').length > 0 ? this.#submitForm(user, groups) : nothing}
      <section class="panel" aria-labelledby="mine-title">
        <h2 id="mine-title">${t('library.mine.title')}</h2>
        ${mine === null ? this.#loading()
          : mine.length === 0 ? html`<p class="muted">${t('library.mine.empty')}</p>`
          : html`<ul class="library__list" data-test="my-products">${mine.map((product) => html`<li>${this.#productCard(product, true,
              product.state === 'revision' ? this.#reviseForm(product) : nothing)}</li>`)}</ul>`}
      </section>
    `;
  }

  #submitForm(user: Me, groups: Group[]) {
    const networks = this.#networks;
    return html`<form class="panel form" data-test="submit-product" @submit=${(e: Event) => this.#submit(e, user)}>
      <h2>${t('library.submit.title')}</h2>
      ${networks.length > 1 ? html`<div class="field"><label for="submit-network">${t('library.submit.network')}</label>
        <select id="submit-network" name="networkId">${networks.map((n) => html`<option value=${n.id}>${n.name}</option>`)}</select></div>` : nothing}
      ${groups.length > 0 ? html`<div class="field"><label for="submit-group">${t('library.submit.group')}</label>
        <select id="submit-group" name="creativeGroupId"><option value="">${t('library.submit.noGroup')}</option>
          ${groups.map((g) => html`<option value=${g.id}>${g.name}</option>`)}</select></div>` : nothing}
      <div class="field"><label for="submit-title">${t('library.submit.productTitle')}</label>
        <input id="submit-title" name="title" required maxlength="300" /></div>
      <div class="field"><label for="submit-type">${t('library.submit.type')}</label>
        <select id="submit-type" name="type">${TYPES.map((type) => html`<option value=${type}>${t(`library.type.${type}` as MessageKey)}</option>`)}</select></div>
      <fieldset class="field"><legend>${t('library.submit.levels')}</legend>
        ${LEVELS.map((level) => html`<label class="check"><input type="checkbox" name="levels" value=${level} /> ${t(`library.level.${level}` as MessageKey)}</label>`)}
      </fieldset>
      <div class="field"><label for="submit-subject">${t('library.submit.subject')}</label><input id="submit-subject" name="subject" /></div>
      <div class="field"><label for="submit-description">${t('library.submit.description')}</label>
        <textarea id="submit-description" name="description" rows="3"></textarea></div>
      <div class="field"><label for="submit-link">${t('library.submit.link')}</label><input id="submit-link" name="link" type="url" /></div>
      <div class="field"><label for="submit-files">${t('library.submit.files')}</label>
        <input id="submit-files" name="files" type="file" multiple accept=${EXTENSIONS.map((e) => `.${e}`).join(',')} data-test="submit-files" /></div>
      <button class="button button--primary" type="submit" ?disabled=${this.#busy} data-test="submit-send">
        ${t(this.#busy ? 'library.submit.sending' : 'library.submit.send')}</button>
    </form>`;
  }

  async #submit(event: Event, user: Me): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const files = (data.getAll('files') as File[]).filter((f) => f.name);
    const problem = fileProblem(files);
    if (problem) {
      this.#notice = { text: problem, error: true };
      this.requestUpdate();
      return;
    }
    const group = Number(data.get('creativeGroupId') || 0);
    const networkId = Number(data.get('networkId') || this.#networks[0]?.id || 0);
    const organisationId = user.organisationId ?? grantsOf(user, 'organisation_admin')[0]?.organisation ?? null;
    const json = {
      networkId,
      organisationId: group ? null : organisationId,
      creativeGroupId: group || null,
      title: String(data.get('title') ?? '').trim(),
      type: data.get('type'),
      authorIds: group ? [...new Set([user.teacherId!, ...(this.#desk?.groups.get(group)?.members.map((m) => m.teacherId) ?? [])])]
        : user.teacherId != null ? [user.teacherId] : [],
      levels: data.getAll('levels'),
      subject: String(data.get('subject') ?? '').trim() || null,
      description: String(data.get('description') ?? ''),
      link: String(data.get('link') ?? '').trim() || null,
    };
    this.#busy = true;
    this.requestUpdate();
    try {
      const product = await http<Product>('/api/products', { method: 'POST', body: formData(json, files) });
      this.#desk?.products.set(product.id, product);
      this.#notice = { text: t('library.submit.done', { title: product.title }) };
      form.reset();
    } catch (error) {
      this.#notice = { text: libraryError(error, files.map((f) => f.name)), error: true };
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  #reviseForm(product: Product) {
    return html`<form class="form revise" data-test="revise" @submit=${(e: Event) => this.#revise(e, product)}>
      <h4>${t('library.revise.title')}</h4>
      <p class="muted small">${t('library.revise.hint')}</p>
      <div class="field"><label for="revise-title-${product.id}">${t('library.submit.productTitle')}</label>
        <input id="revise-title-${product.id}" name="title" required .value=${product.title} /></div>
      <div class="field"><label for="revise-description-${product.id}">${t('library.submit.description')}</label>
        <textarea id="revise-description-${product.id}" name="description" rows="3" .value=${product.description}></textarea></div>
      <div class="field"><label for="revise-files-${product.id}">${t('library.submit.files')}</label>
        <input id="revise-files-${product.id}" name="files" type="file" multiple accept=${EXTENSIONS.map((e) => `.${e}`).join(',')} /></div>
      <button class="button button--primary" type="submit" ?disabled=${this.#busy}>${t('library.revise.send')}</button>
    </form>`;
  }

  async #revise(event: Event, product: Product): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const files = (data.getAll('files') as File[]).filter((f) => f.name);
    const problem = fileProblem(files);
    if (problem) {
      this.#notice = { text: problem, error: true };
      this.requestUpdate();
      return;
    }
    const json = { title: String(data.get('title') ?? '').trim(), type: product.type, levels: product.levels,
      subject: product.subject, description: String(data.get('description') ?? ''), link: product.link };
    await this.#act(() => http<Product>(`/api/products/${product.id}/versions`, { method: 'POST', body: formData(json, files) }),
      t('library.submit.done', { title: json.title }), files.map((f) => f.name));
  }

  async #act<T extends Product | Group>(call: () => Promise<T>, done: string, files: string[] = []): Promise<void> {
    this.#busy = true;
    this.requestUpdate();
    try {
      const result = await call();
      if ('reviews' in result) this.#desk?.products.set(result.id, result as Product);
      else this.#desk?.groups.set(result.id, result as Group);
      this.#notice = { text: done };
    } catch (error) {
      this.#notice = { text: libraryError(error, files), error: true };
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  // --- the expert's queue ------------------------------------------------------------------

  #reviews(user: Me) {
    const products = this.#deskProducts();
    if (products === null) return this.#loading();
    const assigned = products.flatMap((product) => product.reviews
      .filter((review) => review.reviewerId === user.id)
      .map((review) => ({ product, review })));
    const open = assigned.filter((a) => a.review.conclusion === null).sort((a, b) => a.review.dueAt.localeCompare(b.review.dueAt));
    const done = assigned.filter((a) => a.review.conclusion !== null);
    return html`<section class="panel" aria-labelledby="reviews-title">
      <h2 id="reviews-title">${t('library.reviews.title')}</h2>
      ${open.length === 0 ? html`<p class="muted">${t('library.reviews.empty')}</p>`
        : html`<ul class="library__list" data-test="review-queue">${open.map(({ product, review }) => {
            const overdue = this.#overdue(review.dueAt, null);
            return html`<li class=${overdue ? 'queue-item queue-item--overdue' : 'queue-item'} data-overdue=${overdue}>
              ${this.#productCard(product, false, html`
                <p class=${overdue ? 'review__due review__due--overdue' : 'review__due'} data-test="due">
                  ${t(overdue ? 'library.review.overdue' : 'library.review.due', { date: formatDateTime(review.dueAt) })}</p>
                ${this.#conclusionForm(review)}`)}
            </li>`;
          })}</ul>`}
      ${done.length > 0 ? html`<h3>${t('library.reviews.done')}</h3>
        <ul class="library__list">${done.map(({ product, review }) => html`<li class="muted">${product.title}:
          ${t(`library.conclusion.${review.conclusion}` as MessageKey)}</li>`)}</ul>` : nothing}
    </section>`;
  }

  #conclusionForm(review: Review) {
    return html`<form class="form conclusion" data-test="conclusion" @submit=${(e: Event) => this.#conclude(e, review)}>
      <h4>${t('library.conclude.title')}</h4>
      <fieldset class="field"><legend>${t('library.conclude.decision')}</legend>
        ${CONCLUSIONS.map((c, i) => html`<label class="check"><input type="radio" name="conclusion" value=${c} ?checked=${i === 0} />
          ${t(`library.conclusion.${c}` as MessageKey)}</label>`)}
      </fieldset>
      <fieldset class="field"><legend>${t('library.conclude.assessment')}</legend>
        <div class="scores">${CRITERIA.map((criterion) => html`<label>${t(`library.criterion.${criterion}` as MessageKey)}
          <select name=${criterion}>${[5, 4, 3, 2, 1].map((n) => html`<option value=${n}>${n}</option>`)}</select></label>`)}</div>
      </fieldset>
      <div class="field"><label for="conclusion-comments-${review.id}">${t('library.conclude.comments')}</label>
        <textarea id="conclusion-comments-${review.id}" name="comments" rows="3"></textarea></div>
      <button class="button button--primary" type="submit" ?disabled=${this.#busy} data-test="conclude-send">${t('library.conclude.send')}</button>
    </form>`;
  }

  async #conclude(event: Event, review: Review): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const body = {
      conclusion: data.get('conclusion'),
      comments: String(data.get('comments') ?? '').trim() || null,
      assessment: Object.fromEntries(CRITERIA.map((c) => [c, Number(data.get(c))])),
    };
    await this.#act(() => http<Product>(`/api/reviews/${review.id}/conclusion`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    }), t('library.conclude.done'));
  }

  // --- the coordinator's desk --------------------------------------------------------------

  #expertsOf(network: number): Expert[] | undefined {
    if (!this.#experts.has(network)) {
      this.#experts.set(network, []);
      void get<Expert[]>(`/api/library/experts?network=${network}`).then((experts) => {
        this.#experts.set(network, experts);
        this.requestUpdate();
      }, () => undefined);
    }
    return this.#experts.get(network);
  }

  #coordination(user: Me) {
    const grants = grantsOf(user, 'coordinator');
    const all = grants.some((g) => g.network == null);
    const coordinated = (p: { networkId: number }) => all || grants.some((g) => g.network === p.networkId);
    const products = this.#deskProducts()?.filter(coordinated) ?? null;
    if (products === null) return this.#loading();
    const waiting = products.filter((p) => p.state === 'submitted' || p.state === 'revision');
    const inReview = products.filter((p) => p.state === 'in_review');
    const overdue = inReview.filter((p) => p.reviews.some((r) => r.version === p.version && this.#overdue(r.dueAt, r.decidedAt)));
    const applications = [...(this.#desk?.groups.values() ?? [])].filter((g) => coordinated(g) && g.state === 'applied');
    return html`
      <section class="panel panel--alert" aria-labelledby="overdue-title" data-test="overdue-list">
        <h2 id="overdue-title">${t('library.coordination.overdue')}</h2>
        ${overdue.length === 0 ? html`<p class="muted">${t('library.coordination.none')}</p>`
          : html`<ul class="library__list">${overdue.map((p) => html`<li>${this.#productCard(p, true)}</li>`)}</ul>`}
      </section>
      <section class="panel" aria-labelledby="waiting-title">
        <h2 id="waiting-title">${t('library.coordination.waiting')}</h2>
        ${waiting.length === 0 ? html`<p class="muted">${t('library.coordination.none')}</p>`
          : html`<ul class="library__list" data-test="waiting">${waiting.map((p) => html`<li>${this.#productCard(p, true, this.#assignForm(p))}</li>`)}</ul>`}
      </section>
      <section class="panel" aria-labelledby="in-review-title">
        <h2 id="in-review-title">${t('library.coordination.inReview')}</h2>
        ${inReview.length === 0 ? html`<p class="muted">${t('library.coordination.none')}</p>`
          : html`<ul class="library__list" data-test="in-review">${inReview.map((p) => html`<li>${this.#productCard(p, true, this.#assignForm(p))}</li>`)}</ul>`}
      </section>
      <section class="panel" aria-labelledby="applications-title">
        <h2 id="applications-title">${t('library.coordination.applications')}</h2>
        ${applications.length === 0 ? html`<p class="muted">${t('library.coordination.noApplications')}</p>`
          : html`<ul class="library__list">${applications.map((g) => html`<li>${this.#groupCard(g, true)}</li>`)}</ul>`}
      </section>
    `;
  }

  #assignForm(product: Product) {
    const experts = this.#expertsOf(product.networkId) ?? [];
    const current = new Set(product.reviews.filter((r) => r.version === product.version && r.conclusion === null).map((r) => r.reviewerId));
    return html`<form class="form assign" data-test="assign" @submit=${(e: Event) => this.#assign(e, product)}>
      <fieldset class="field"><legend>${t('library.coordination.experts')}</legend>
        ${experts.length === 0 ? html`<p class="muted">${t('library.coordination.noExperts')}</p>`
          : experts.map((expert) => html`<label class="check"><input type="checkbox" name="expertIds" value=${expert.userId}
              ?checked=${current.has(expert.userId)} /> ${expert.name}</label>`)}
      </fieldset>
      <button class="button" type="submit" ?disabled=${this.#busy || experts.length === 0} data-test="assign-send">${t('library.coordination.assign')}</button>
    </form>`;
  }

  async #assign(event: Event, product: Product): Promise<void> {
    event.preventDefault();
    const ids = new FormData(event.target as HTMLFormElement).getAll('expertIds').map(Number);
    await this.#act(() => http<Product>(`/api/products/${product.id}/reviewers`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ expertIds: ids }),
    }), t('library.coordination.assigned'));
  }

  // --- creative groups ---------------------------------------------------------------------

  #groupCard(group: Group, decide: boolean) {
    const overdue = this.#overdue(group.decisionDueAt, group.decidedAt);
    return html`<article class="panel group" data-test="group" data-group-id=${group.id}>
      <h3>${group.name} <span class="chip" data-state=${group.state}>${t(`library.groups.state.${group.state}` as MessageKey)}</span></h3>
      <p>${group.problem}</p>
      <p class="muted">${group.expectedResult} · ${formatDate(group.termFrom)} — ${formatDate(group.termTo)}</p>
      <p class="small">${t('library.groups.members.list', { names: group.members.map((m) => m.name).join(', ') })}</p>
      ${group.state === 'applied'
        ? html`<p class=${overdue ? 'review__due review__due--overdue' : 'review__due'} data-test="decision-due">
            ${t(overdue ? 'library.groups.overdue' : 'library.groups.due', { date: formatDateTime(group.decisionDueAt) })}</p>`
        : group.decisionReason ? html`<p>${t('library.groups.reason', { reason: group.decisionReason })}</p>` : nothing}
      ${decide ? html`<form class="form" @submit=${(e: SubmitEvent) => this.#decide(e, group)}>
          <div class="field"><label for="reason-${group.id}">${t('library.groups.rejectReason')}</label>
            <textarea id="reason-${group.id}" name="reason" rows="2"></textarea></div>
          <div class="dialog__actions">
            <button class="button button--primary" type="submit" name="decision" value="create" ?disabled=${this.#busy}>${t('library.groups.create')}</button>
            <button class="button button--danger" type="submit" name="decision" value="reject" ?disabled=${this.#busy}>${t('library.groups.reject')}</button>
          </div>
        </form>` : nothing}
    </article>`;
  }

  async #decide(event: SubmitEvent, group: Group): Promise<void> {
    event.preventDefault();
    const decision = (event.submitter as HTMLButtonElement | null)?.value ?? 'create';
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim() || null;
    await this.#act(() => http<Group>(`/api/creative-groups/${group.id}/decision`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ decision, reason }),
    }), t('library.groups.decided', { name: group.name, state: t(decision === 'create' ? 'library.groups.state.created' : 'library.groups.state.rejected') }));
  }

  #groups(user: Me) {
    const groups = this.#desk ? [...this.#desk.groups.values()].sort((a, b) => b.appliedAt.localeCompare(a.appliedAt)) : null;
    const networkId = this.#networks[0]?.id;
    if (user.teacherId != null && networkId && this.#candidates === null) {
      this.#candidates = [];
      void get<Candidate[]>(`/api/creative-groups/candidates?network=${networkId}`).then((c) => {
        this.#candidates = c;
        this.requestUpdate();
      }, () => undefined);
    }
    const candidates = (this.#candidates ?? []).filter((c) => c.teacherId !== user.teacherId);
    const byOrganisation = new Map<string, Candidate[]>();
    for (const c of candidates) byOrganisation.set(c.organisationName, [...(byOrganisation.get(c.organisationName) ?? []), c]);
    return html`
      ${user.teacherId != null ? html`<form class="panel form" data-test="apply-group" @submit=${(e: Event) => this.#apply(e, user)}>
        <h2>${t('library.groups.apply')}</h2>
        <div class="field"><label for="group-name">${t('library.groups.name')}</label><input id="group-name" name="name" required /></div>
        <div class="field"><label for="group-problem">${t('library.groups.problem')}</label><textarea id="group-problem" name="problem" required rows="2"></textarea></div>
        <div class="field"><label for="group-result">${t('library.groups.expectedResult')}</label><textarea id="group-result" name="expectedResult" required rows="2"></textarea></div>
        <div class="library__filters">
          <div class="field"><label for="group-from">${t('library.groups.termFrom')}</label><input id="group-from" name="termFrom" type="date" required /></div>
          <div class="field"><label for="group-to">${t('library.groups.termTo')}</label><input id="group-to" name="termTo" type="date" required /></div>
        </div>
        <fieldset class="field members"><legend>${t('library.groups.members')}</legend>
          ${[...byOrganisation.entries()].map(([organisation, people]) => html`<div class="members__organisation">
            <strong>${organisation}</strong>
            ${people.map((c) => html`<label class="check"><input type="checkbox" name="memberIds" value=${c.teacherId}
              data-organisation=${c.organisationId} /> ${c.name}</label>`)}</div>`)}
        </fieldset>
        <button class="button button--primary" type="submit" ?disabled=${this.#busy}>${t('library.groups.send')}</button>
      </form>` : nothing}
      <section class="panel" aria-labelledby="groups-title">
        <h2 id="groups-title">${t('library.groups.title')}</h2>
        ${groups === null ? this.#loading() : groups.length === 0 ? html`<p class="muted">${t('library.groups.empty')}</p>`
          : html`<ul class="library__list" data-test="groups">${groups.map((g) => html`<li>${this.#groupCard(g, false)}</li>`)}</ul>`}
      </section>
    `;
  }

  async #apply(event: Event, user: Me): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const chosen = [...form.querySelectorAll<HTMLInputElement>('input[name="memberIds"]:checked')];
    if (!chosen.some((input) => Number(input.dataset.organisation) !== user.organisationId)) {
      this.#notice = { text: t('library.groups.twoSchools'), error: true };
      this.requestUpdate();
      return;
    }
    const body = {
      networkId: this.#networks[0]?.id, name: data.get('name'), problem: data.get('problem'),
      expectedResult: data.get('expectedResult'), termFrom: data.get('termFrom'), termTo: data.get('termTo'),
      memberIds: chosen.map((input) => Number(input.value)),
    };
    await this.#act(() => http<Group>('/api/creative-groups', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    }), t('library.groups.sent'));
    form.reset();
  }
}

customElements.define('library-page', LibraryPage);
