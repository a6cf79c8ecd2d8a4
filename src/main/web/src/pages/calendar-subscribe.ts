import { html, nothing } from 'lit';
import { t } from '../i18n/i18n';
import { get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import type { Network } from '../lib/model';
import { problemMessage } from '../lib/schedule';
import { me } from '../lib/session';

interface Feed {
  id: number;
  scope: 'network' | 'organisation' | 'teacher';
  targetId: number;
  url?: string;
  createdAt: string;
}

/**
 * Subscribing a calendar app to the schedule: a secret .ics URL of a network, the user's
 * organisation or the user's own events (POST /api/calendar-feeds), shown once, with the
 * subscriptions in force and their revocation.
 */
class CalendarSubscribe extends CentrikElement {
  static properties = { networks: { attribute: false } };
  networks: Network[] = [];
  #scope = '';
  #created: Feed | null = null;
  #feeds: Feed[] = [];
  #error = '';
  #copied = false;
  #busy = false;

  connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    this.#feeds = await get<Feed[]>('/api/calendar-feeds').catch(() => []);
    this.requestUpdate();
  }

  #scopes(): Array<[string, string]> {
    const user = me.value!;
    const scopes: Array<[string, string]> = [];
    if (user.teacherId != null) scopes.push([`teacher:${user.teacherId}`, t('calendar.scope.teacher')]);
    const organisation = user.organisationId ?? user.roles.find((r) => r.role === 'organisation_admin')?.organisation;
    if (organisation != null) scopes.push([`organisation:${organisation}`, t('calendar.scope.organisation')]);
    for (const network of this.networks) scopes.push([`network:${network.id}`, t('calendar.scope.network', { name: network.name })]);
    return scopes;
  }

  async #create(event: Event): Promise<void> {
    event.preventDefault();
    const [scope, id] = (this.#scope || this.#scopes()[0]?.[0] || '').split(':');
    if (!scope) return;
    this.#busy = true;
    this.#error = '';
    this.requestUpdate();
    try {
      this.#created = await http<Feed>('/api/calendar-feeds', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ scope, id: Number(id) }),
      });
      this.#copied = false;
      await this.#load();
    } catch (error) {
      this.#error = problemMessage(error);
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  async #revoke(feed: Feed): Promise<void> {
    try {
      await http<void>(`/api/calendar-feeds/${feed.id}`, { method: 'DELETE' });
      if (this.#created?.id === feed.id) this.#created = null;
      await this.#load();
    } catch (error) {
      this.#error = problemMessage(error);
      this.requestUpdate();
    }
  }

  async #copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.#copied = true;
    } catch {
      (this.querySelector('#calendar-url') as HTMLInputElement | null)?.select();
    }
    this.requestUpdate();
  }

  render() {
    const scopes = this.#scopes();
    const label = (feed: Feed) => {
      if (feed.scope === 'network') {
        const network = this.networks.find((n) => n.id === feed.targetId);
        return t('calendar.scope.network', { name: network?.name ?? String(feed.targetId) });
      }
      return t(`calendar.scope.${feed.scope}`);
    };
    const url = this.#created?.url ? `${location.origin}${this.#created.url}` : null;
    return html`<section class="panel calendar" aria-labelledby="calendar-title" data-test="calendar">
      <h2 id="calendar-title">${t('calendar.subscribe')}</h2>
      <p class="muted">${t('calendar.intro')}</p>
      <form class="form" @submit=${(e: Event) => this.#create(e)}>
        <div class="field">
          <label for="calendar-scope">${t('calendar.scope')}</label>
          <select id="calendar-scope" @change=${(e: Event) => (this.#scope = (e.target as HTMLSelectElement).value)}>
            ${scopes.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
          </select>
        </div>
        <button class="button button--primary" type="submit" ?disabled=${this.#busy} data-test="calendar-create">
          ${t('calendar.create')}
        </button>
      </form>
      ${this.#error ? html`<p class="form__error" role="alert">${this.#error}</p>` : nothing}
      ${url
        ? html`<div class="field calendar__url">
            <label for="calendar-url">${t('calendar.url')}</label>
            <input id="calendar-url" readonly .value=${url} data-test="calendar-url" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
            <p class="notice" role="note">${t('calendar.urlOnce')}</p>
            <div class="calendar__actions">
              <button type="button" class="button" @click=${() => this.#copy(url)}>
                ${this.#copied ? t('calendar.copied') : t('calendar.copy')}
              </button>
              <a class="button button--quiet" href=${url.replace(/^https?:/, 'webcal:')}>${t('calendar.openApp')}</a>
            </div>
          </div>`
        : nothing}
      ${this.#feeds.length > 0
        ? html`<h3>${t('calendar.feeds')}</h3>
            <ul class="calendar__feeds">
              ${this.#feeds.map(
                (feed) => html`<li>
                  <span>${label(feed)}</span>
                  <button type="button" class="button button--small" @click=${() => this.#revoke(feed)}>${t('calendar.revoke')}</button>
                </li>`,
              )}
            </ul>`
        : nothing}
    </section>`;
  }
}

customElements.define('calendar-subscribe', CalendarSubscribe);
