import { html, nothing } from 'lit';
import { routes } from '@centrik/protocol';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { links } from '../lib/router';
import { get } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatDate, formatSchoolYear, schoolYearOf } from '../lib/format';
import { follow } from '../lib/live';
import type { CardEntry, CentrikEvent, Me, Network } from '../lib/model';
import { grantsOf, me } from '../lib/session';
import { eventItem } from './event-item';
import { canCreate } from '../lib/schedule';
import { matrixLinks } from './matrix-links';

type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed' };

/**
 * What a user starts from, by role: a teacher sees today's events and their activity card, a
 * host the events they run, a coordinator their network with its upcoming events, live.
 */
class HomePage extends CentrikElement {
  #today: Loaded<CentrikEvent[]> = { state: 'loading' };
  #hosting: Loaded<CentrikEvent[]> = { state: 'loading' };
  #networks: Loaded<Network[]> = { state: 'loading' };
  /** Upcoming events by network: absent until the stream's snapshot arrives, 'failed' when it ended in an error. */
  #upcoming = new Map<number, Map<number, CentrikEvent> | 'failed'>();
  #card: Map<number, CardEntry> | null = null;
  /** The teacher's products in the methodical cabinet (approved after expert review). */
  #contributions = new Map<number, { productId: number; title: string; recommended: boolean }>();
  #cardFailed = false;
  #stops: Array<() => void> = [];

  connectedCallback(): void {
    super.connectedCallback();
    document.title = t('app.name');
    const user = me.value!;
    void this.#load(user);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  async #load(user: Me): Promise<void> {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    const end = new Date(start);
    end.setDate(end.getDate() + 1);
    const today = get<CentrikEvent[]>(`/api/events?from=${start.toISOString()}&to=${end.toISOString()}`);
    this.#settle(today, (value) => (this.#today = value));
    const hosting = Promise.all(user.hosts.map((id) => get<CentrikEvent>(`/api/events/${id}`)));
    this.#settle(hosting, (value) => (this.#hosting = value));
    const coordinated = grantsOf(user, 'coordinator');
    if (coordinated.length > 0) {
      const networks = coordinated.some((grant) => grant.network == null)
        ? get<Network[]>('/api/networks')
        : Promise.all(coordinated.map((grant) => get<Network>(`/api/networks/${grant.network}`)));
      this.#settle(networks, (value) => (this.#networks = value));
      networks.then((list) => list.slice(0, 3).forEach((network) => this.#followUpcoming(network.id)), () => undefined);
    }
    if (user.teacherId != null) {
      this.#stops.push(
        follow<{ entries: CardEntry[] } | CardEntry>(routes.card(user.teacherId), {
          onMessage: (message) => {
            const next = new Map(this.#card ?? []);
            if (message.kind === 'snapshot') {
              next.clear();
              for (const entry of (message.data as { entries: CardEntry[] }).entries) next.set(entry.participationId, entry);
              const contributions = (message.data as { contributions?: Array<{ productId: number; title: string; recommended: boolean }> }).contributions;
              this.#contributions = new Map((contributions ?? []).map((c) => [c.productId, c]));
            } else if (message.kind === 'change' && message.type === 'contribution.added') {
              const contribution = message.data as unknown as { productId: number; title: string; recommended: boolean };
              this.#contributions.set(contribution.productId, contribution);
            } else if (message.kind === 'change') {
              const entry = message.data as CardEntry;
              next.set(entry.participationId, entry);
            }
            this.#card = next;
            this.requestUpdate();
          },
          onError: () => {
            this.#cardFailed = true;
            this.requestUpdate();
          },
        }),
      );
    }
  }

  #followUpcoming(networkId: number): void {
    this.#stops.push(
      follow<{ events: CentrikEvent[] } | CentrikEvent>(routes.upcomingEvents(networkId), {
        onMessage: (message) => {
          const current = this.#upcoming.get(networkId);
          const next = new Map(message.kind === 'snapshot' || current === 'failed' ? [] : (current ?? []));
          if (message.kind === 'snapshot') {
            for (const event of (message.data as { events: CentrikEvent[] }).events) next.set(event.id, event);
          } else if (message.kind === 'change') {
            const event = message.data as CentrikEvent;
            next.set(event.id, event);
          }
          this.#upcoming.set(networkId, next);
          this.requestUpdate();
        },
        onError: () => {
          this.#upcoming.set(networkId, 'failed');
          this.requestUpdate();
        },
      }),
    );
  }

  #settle<T>(promise: Promise<T>, assign: (value: Loaded<T>) => void): void {
    promise.then(
      (value) => assign({ state: 'ready', value }),
      () => assign({ state: 'failed' }),
    ).finally(() => this.requestUpdate());
  }

  render() {
    const user = me.value;
    if (!user) return nothing;
    const roles = [...new Set(user.roles.map((grant) => grant.role))];
    return html`
      <section class="greeting">
        <h1>${t('home.greeting', { name: user.displayName })}</h1>
        <ul class="chips">
          ${roles.map((role) => html`<li class="chip">${t(`role.${role}`)}</li>`)}
          ${user.hosts.length > 0 ? html`<li class="chip">${t('role.host')}</li>` : nothing}
        </ul>
        ${user.mustChangePassword ? html`<p class="notice" role="note">${t('login.mustChangePassword')}</p>` : nothing}
      </section>
      <nav class="quick-links" aria-label=${t('schedule.title')}>
        <a class="button" href=${links.schedule()} data-test="open-schedule">${t('schedule.open')}</a>
        ${canCreate(user) ? html`<a class="button" href=${links.newEvent()} data-test="open-new-event">${t('schedule.create')}</a>` : nothing}
      </nav>
      <div class="home-grid">
        ${user.teacherId != null ? this.#cardSection() : nothing}
        ${this.#todaySection(user)}
        ${user.hosts.length > 0 ? this.#hostingSection(user) : nothing}
        ${grantsOf(user, 'coordinator').length > 0 ? this.#networkSection(user) : nothing}
        ${this.#librarySection(user)}
        ${matrixLinks(user)}
        ${this.#recognitionSection(user)}
      </div>
    `;
  }

  /** The methodical cabinet, with the way in that fits each role. */
  #librarySection(user: Me) {
    const items: Array<[string, string]> = [[links.library(), 'library.nav.cabinet']];
    if (user.teacherId != null || grantsOf(user, 'organisation_admin').length > 0) items.push([links.library('products'), 'library.nav.products']);
    if (grantsOf(user, 'expert').length > 0) items.push([links.library('reviews'), 'library.nav.reviews']);
    if (grantsOf(user, 'coordinator').length > 0) items.push([links.library('coordination'), 'library.nav.coordination']);
    items.push([links.library('groups'), 'library.nav.groups']);
    return html`<section class="panel" aria-labelledby="library-title" data-test="library-links">
      <h2 id="library-title">${t('library.home')}</h2>
      <p class="muted">${t('library.home.hint')}</p>
      <ul class="link-list">${items.map(([href, key]) => html`<li><a href=${href}>${t(key as MessageKey)}</a></li>`)}</ul>
    </section>`;
  }

  #list(loaded: Loaded<CentrikEvent[]>, user: Me, empty: string, testId: string) {
    if (loaded.state === 'loading') return html`<p class="muted">${t('app.loading')}</p>`;
    if (loaded.state === 'failed') return html`<p class="muted" role="alert">${t('app.error')}</p>`;
    if (loaded.value.length === 0) return html`<p class="muted">${empty}</p>`;
    const sorted = [...loaded.value].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return html`<ul class="event-list" data-test=${testId}>${sorted.map((event) => eventItem(event, user))}</ul>`;
  }

  #todaySection(user: Me) {
    return html`<section class="panel" aria-labelledby="today-title">
      <h2 id="today-title">${t('home.today')} <span class="muted">${formatDate(new Date())}</span></h2>
      ${this.#list(this.#today, user, t('home.todayEmpty'), 'today')}
    </section>`;
  }

  #hostingSection(user: Me) {
    return html`<section class="panel" aria-labelledby="hosting-title">
      <h2 id="hosting-title">${t('home.hosting')}</h2>
      ${this.#list(this.#hosting, user, t('home.hostingEmpty'), 'hosting')}
    </section>`;
  }

  #networkSection(user: Me) {
    const loaded = this.#networks;
    return html`<section class="panel" aria-labelledby="network-title">
      <h2 id="network-title">${t(loaded.state === 'ready' && loaded.value.length > 1 ? 'home.networks' : 'home.network')}</h2>
      ${loaded.state === 'loading'
        ? html`<p class="muted">${t('app.loading')}</p>`
        : loaded.state === 'failed'
          ? html`<p class="muted" role="alert">${t('app.error')}</p>`
          : loaded.value.map((network) => {
              const loaded = this.#upcoming.get(network.id);
              const upcoming = [...(loaded instanceof Map ? loaded.values() : [])]
                .filter((event) => event.state === 'published' || event.state === 'live')
                .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
                .slice(0, 6);
              return html`<article class="network" data-network-id=${network.id}>
                <h3>${network.name}</h3>
                ${typeof network.description === 'string' && network.description
                  ? html`<p class="muted">${network.description}</p>`
                  : nothing}
                <h4>${t('home.upcoming')}</h4>
                ${loaded === undefined
                  ? html`<p class="muted">${t('app.loading')}</p>`
                  : loaded === 'failed'
                    ? html`<p class="muted" role="alert">${t('app.error')}</p>`
                    : upcoming.length === 0
                  ? html`<p class="muted">${t('home.upcomingEmpty')}</p>`
                  : html`<ul class="event-list" data-test="upcoming">${upcoming.map((event) => eventItem(event, user))}</ul>`}
              </article>`;
            })}
    </section>`;
  }

  /** Links to the recognition pages of the user's roles: their organisations' teachers, their networks' year end. */
  #recognitionSection(user: Me) {
    const organisations = [...new Set(grantsOf(user, 'organisation_admin').map((grant) => grant.organisation))].filter(
      (id): id is number => id != null,
    );
    const networks = this.#networks.state === 'ready' ? this.#networks.value : [];
    if (organisations.length === 0 && networks.length === 0) return nothing;
    return html`<section class="panel" aria-labelledby="recognition-title" data-test="recognition-links">
      <h2 id="recognition-title">${t('rec.home.recognition')}</h2>
      <ul class="rec-home-links">
        ${organisations.map(
          (id) => html`<li><a class="button" href=${links.teachers(id)} data-test="teachers-link">${t('rec.home.teachers')}</a></li>`,
        )}
        ${networks.map(
          (network) => html`<li>
            <a class="button" href=${links.yearEnd(network.id)} data-test="year-end-link">${t('rec.home.yearEnd')}</a>
            ${networks.length > 1 ? html`<span class="muted small">${network.name}</span>` : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  #cardSection() {
    const entries = this.#card ? [...this.#card.values()].filter((entry) => entry.status === 'present') : null;
    const year = schoolYearOf(new Date());
    const thisYear = entries?.filter((entry) => entry.schoolYear === year) ?? [];
    const green = thisYear.filter((entry) => entry.role === 'listener').length;
    const red = thisYear.filter((entry) => entry.role === 'presenter').length;
    const threeYears = entries?.filter((entry) => entry.schoolYear > year - 3 && entry.schoolYear <= year).length ?? 0;
    const recent = [...(entries ?? [])].sort((a, b) => b.startsAt.localeCompare(a.startsAt)).slice(0, 5);
    return html`<section class="panel card" aria-labelledby="card-title" data-test="card">
      <h2 id="card-title">${t('card.title')}</h2>
      <p><a class="button button--small" href=${links.card()} data-test="card-link">${t('rec.home.card')}</a></p>
      ${entries === null
        ? html`<p class="muted" role=${this.#cardFailed ? 'alert' : 'status'}>${t(this.#cardFailed ? 'app.error' : 'app.loading')}</p>`
        : html`
            <p class="muted">${t('card.schoolYear', { year: formatSchoolYear(year) })}</p>
            <div class="centriks">
              <div class="centrik centrik--green">
                <span class="centrik__dot" aria-hidden="true"></span>
                <span>${t('card.green', { n: green })}</span>
                <span class="muted">${t('card.greenHint')}</span>
              </div>
              <div class="centrik centrik--red">
                <span class="centrik__dot" aria-hidden="true"></span>
                <span>${t('card.red', { n: red })}</span>
                <span class="muted">${t('card.redHint')}</span>
              </div>
            </div>
            <p class="progress-line">
              ${threeYears >= 3 ? t('card.certificateReady') : t('card.towardsCertificate', { n: threeYears })}
            </p>
            ${recent.length === 0
              ? html`<p class="muted">${t('card.empty')}</p>`
              : html`<h3>${t('card.recent')}</h3>
                  <ul class="card-entries">
                    ${recent.map(
                      (entry) => html`<li>
                        <span class="centrik__dot centrik__dot--${entry.role === 'presenter' ? 'red' : 'green'}"
                          title=${t(entry.role === 'presenter' ? 'card.redHint' : 'card.greenHint')}></span>
                        <span class="card-entries__title">${entry.eventTitle}</span>
                        <span class="muted">${formatDate(entry.startsAt)}</span>
                      </li>`,
                    )}
                  </ul>`}
            ${this.#contributions.size > 0
              ? html`<h3>${t('library.contributions')}</h3>
                  <ul class="card-entries" data-test="contributions">
                    ${[...this.#contributions.values()].map((c) => html`<li><span class="card-entries__title">${c.title}</span>
                      ${c.recommended ? html`<span class="chip">${t('library.recommended')}</span>` : nothing}</li>`)}
                  </ul>`
              : nothing}
          `}
    </section>`;
  }
}

customElements.define('home-page', HomePage);
