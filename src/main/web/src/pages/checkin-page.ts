import { html } from 'lit';
import { t } from '../i18n/i18n';
import { get } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatPeriod } from '../lib/format';
import type { CentrikEvent } from '../lib/model';

/**
 * Where the dashboard's QR code leads. Checking in from the phone comes with issue 8; for now
 * the page names the event and says so.
 */
class CheckinPage extends CentrikElement {
  static properties = { eventId: { type: Number } };
  eventId = 0;
  #event: CentrikEvent | null = null;
  #failed = false;

  protected willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('eventId') && this.eventId > 0) {
      get<CentrikEvent>(`/api/events/${this.eventId}`).then(
        (event) => {
          this.#event = event;
          this.requestUpdate();
        },
        () => {
          this.#failed = true;
          this.requestUpdate();
        },
      );
    }
  }

  render() {
    document.title = `${t('checkin.title')} · ${t('app.name')}`;
    return html`<section class="panel" aria-labelledby="checkin-page-title">
      <h1 id="checkin-page-title">${t('checkin.title')}</h1>
      ${this.#event
        ? html`<h2>${this.#event.title}</h2><p class="muted">${formatPeriod(this.#event.startsAt, this.#event.endsAt)}</p>`
        : this.#failed
          ? html`<p role="alert">${t('dashboard.notFound')}</p>`
          : html`<p class="muted">${t('app.loading')}</p>`}
      <p class="notice">${t('checkin.soon')}</p>
    </section>`;
  }
}

customElements.define('checkin-page', CheckinPage);
