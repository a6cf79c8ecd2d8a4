import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { language, setLanguage, t, type Language } from './i18n/i18n';
import { reachable, whenUnauthenticated } from './lib/api';
import { CentrikElement } from './lib/element';
import { connection, whenSessionEnded } from './lib/live';
import { links, navigate, route } from './lib/router';
import { loadMe, logout, me } from './lib/session';
import type { Store } from './lib/store';
import './pages/checkin-page';
import './pages/dashboard-page';
import './pages/home-page';
import './pages/host-page';
import './pages/library-page';
import './pages/login-page';
import './pages/schedule-page';
import './pages/event-page';
import './pages/event-editor';
import './pages/bank-page';
import './pages/practice-page';
import './pages/practice-form';
import './pages/requests-page';
import './pages/request-page';
import './pages/matrix-page';
import './pages/registry-page';
import './pages/organisation-page';
import './pages/card-page';
import './pages/teachers-page';
import './pages/year-end-page';

/** The shell: header (connection, language, user), the offline notice and the current page. */
class CentrikApp extends CentrikElement {
  #state: 'loading' | 'ready' | 'unreachable' = 'loading';

  protected watched(): Store<unknown>[] {
    return [route, me, connection, reachable] as Store<unknown>[];
  }

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#rerender);
    window.addEventListener('offline', this.#rerender);
    whenUnauthenticated(() => {
      me.set(null);
    });
    whenSessionEnded(() => void loadMe().catch(() => undefined));
    this.#stops.push(route.subscribe(() => this.#guard()), me.subscribe(() => this.#guard()));
    void this.#start();
  }

  #stops: Array<() => void> = [];
  #rerender = () => this.requestUpdate();

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#rerender);
    window.removeEventListener('offline', this.#rerender);
    for (const stop of this.#stops) stop();
  }

  async #start(): Promise<void> {
    this.#state = 'loading';
    this.requestUpdate();
    try {
      await loadMe();
      this.#state = 'ready';
    } catch {
      this.#state = 'unreachable';
      setTimeout(() => void this.#start(), 3000);
    }
    this.#guard();
    this.requestUpdate();
  }

  /** Anonymous users see the login page (and come back where they were going afterwards). */
  #guard(): void {
    if (this.#state !== 'ready') return;
    const current = route.value;
    if (!me.value && current.page !== 'login') {
      navigate(links.login(location.hash || '#/'));
    } else if (me.value && current.page === 'login') {
      navigate(current.next && current.next.startsWith('#/') ? current.next : links.home());
    }
  }

  render() {
    const user = me.value;
    const offline = !navigator.onLine || !reachable.value || connection.value === 'offline';
    const current = route.value;
    const onDashboard = current.page === 'dashboard' || current.page === 'matrix';
    return html`
      <a class="skip-link" href="#main" @click=${this.#skip}>${t('app.skipToContent')}</a>
      <header class="app-header ${onDashboard ? 'app-header--compact' : ''}">
        <a class="brand" href=${links.home()} aria-label=${t('app.home')}>
          <span class="brand__mark" aria-hidden="true"></span>
          <span class="brand__name">${t('app.name')}</span>
          <span class="brand__tagline">${t('app.tagline')}</span>
        </a>
        <div class="app-header__tools">
          ${this.#connectionBadge(offline)}
          <div class="language" role="group" aria-label=${t('app.language')}>
            ${(['ru', 'en'] as Language[]).map(
              (lang) => html`<button
                type="button"
                class="language__option"
                lang=${lang}
                aria-pressed=${language.value === lang ? 'true' : 'false'}
                @click=${() => setLanguage(lang)}
              >
                <span aria-hidden="true">${lang.toUpperCase()}</span><span class="visually-hidden">${t(`lang.${lang}`)}</span>
              </button>`,
            )}
          </div>
          ${user
            ? html`<button type="button" class="button button--quiet" data-test="logout" @click=${this.#logout}>
                ${t('app.logout')}
              </button>`
            : nothing}
        </div>
      </header>
      ${offline
        ? html`<p class="offline-banner" role="status" data-test="offline">${t('connection.offlineHint')}</p>`
        : nothing}
      <main id="main" tabindex="-1" class="page ${onDashboard ? 'page--wide' : ''}">${this.#page()}</main>
    `;
  }

  #connectionBadge(offline: boolean) {
    const state = offline ? 'offline' : connection.value;
    if (state === 'idle') return html`<span class="visually-hidden" role="status"></span>`;
    return html`<span class="connection connection--${state}" role="status" data-test="connection" data-state=${state}>
      <span class="connection__dot" aria-hidden="true"></span>${t(`connection.${state}`)}
    </span>`;
  }

  #page() {
    if (this.#state === 'loading') return html`<p class="muted">${t('app.loading')}</p>`;
    if (this.#state === 'unreachable' && !me.value) {
      return html`<section class="panel" role="alert">
        <p>${t('login.offline')}</p>
        <button class="button" type="button" @click=${() => this.#start()}>${t('app.retry')}</button>
      </section>`;
    }
    const current = route.value;
    switch (current.page) {
      case 'login':
        return html`<login-page></login-page>`;
      case 'home':
        return me.value ? html`<home-page></home-page>` : nothing;
      case 'dashboard':
        return me.value ? html`<dashboard-page .eventId=${current.eventId}></dashboard-page>` : nothing;
      case 'checkin':
        return me.value ? html`<checkin-page .eventId=${current.eventId} .code=${current.code}></checkin-page>` : nothing;
      case 'host':
        return me.value ? html`<host-page .eventId=${current.eventId}></host-page>` : nothing;
      case 'schedule':
        return me.value ? html`<schedule-page></schedule-page>` : nothing;
      case 'event':
        return me.value ? keyed(current.eventId, html`<event-page .eventId=${current.eventId}></event-page>`) : nothing;
      case 'event-editor':
        return me.value ? keyed(current.eventId, html`<event-editor .eventId=${current.eventId}></event-editor>`) : nothing;
      case 'library':
        return me.value ? html`<library-page .view=${current.view}></library-page>` : nothing;
      case 'bank':
        return me.value ? html`<bank-page></bank-page>` : nothing;
      case 'practice':
        return me.value ? html`<practice-page .practiceId=${current.practiceId}></practice-page>` : nothing;
      case 'practice-form':
        return me.value ? html`<practice-form .practiceId=${current.practiceId ?? 0}></practice-form>` : nothing;
      case 'requests':
        return me.value ? html`<requests-page></requests-page>` : nothing;
      case 'request':
        return me.value ? html`<request-page .requestId=${current.requestId}></request-page>` : nothing;
      case 'matrix':
        return me.value
          ? html`<matrix-page .networkId=${current.networkId ?? 0} .year=${current.year ?? 0}></matrix-page>`
          : nothing;
      case 'registry':
        return me.value ? html`<registry-page .networkId=${current.networkId ?? 0}></registry-page>` : nothing;
      case 'organisation':
        return me.value ? html`<organisation-page .organisationId=${current.organisationId}></organisation-page>` : nothing;
      case 'card':
        return me.value ? html`<card-page .teacherId=${current.teacherId ?? me.value.teacherId ?? 0}></card-page>` : nothing;
      case 'teachers':
        return me.value ? html`<teachers-page .organisationId=${current.organisationId}></teachers-page>` : nothing;
      case 'year-end':
        return me.value
          ? html`<year-end-page .networkId=${current.networkId} .schoolYear=${current.schoolYear ?? 0}></year-end-page>`
          : nothing;
      default:
        return html`<section class="panel"><h1>${t('app.notFound')}</h1><a href=${links.home()}>${t('app.home')}</a></section>`;
    }
  }

  #skip(event: Event): void {
    event.preventDefault();
    this.querySelector<HTMLElement>('#main')?.focus();
  }

  async #logout(): Promise<void> {
    await logout().catch(() => undefined);
    navigate(links.login());
  }
}

customElements.define('centrik-app', CentrikApp);
