import { html, nothing, type PropertyValues } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { links } from '../lib/router';
import { me } from '../lib/session';
import { administered, coordinates, errorLine, memberNetworks, problemText, type RegistryOrganisation } from './matrix-common';
import { cardOf, organisationFields } from './registry-page';

/**
 * An organisation's card in the registry. Its admin edits names and contacts; a coordinator
 * also its innovation labels (the server has the last word on who may change what).
 */
class OrganisationPage extends CentrikElement {
  static properties = { organisationId: { type: Number } };
  organisationId = 0;

  #card: RegistryOrganisation | null = null;
  #coordinator = false;
  #problem: string | null = null;
  #error: string | null = null;
  #saved = false;
  #sending = false;

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('organisationId') && this.organisationId > 0) void this.#load();
  }

  async #load(): Promise<void> {
    this.#card = null;
    this.#problem = null;
    try {
      const [card, networks] = await Promise.all([
        get<RegistryOrganisation>(`/api/organisations/${this.organisationId}`),
        memberNetworks(),
      ]);
      this.#card = card;
      this.#coordinator = networks.some((network) => coordinates(me.value!, network.id));
      document.title = `${card.shortName ?? card.name} · ${t('app.name')}`;
    } catch (error) {
      this.#problem = error instanceof ApiError && error.status === 404 ? t('org.notFound') : problemText(error);
    }
    this.requestUpdate();
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const current = this.#card!;
    const card = cardOf(new FormData(event.target as HTMLFormElement), current);
    if (!this.#coordinator) card.labels = current.labels;
    if (!card.name || !card.municipality) {
      this.#error = t('org.needName');
      this.requestUpdate();
      return;
    }
    this.#sending = true;
    this.#saved = false;
    this.#error = null;
    this.requestUpdate();
    try {
      this.#card = await http<RegistryOrganisation>(`/api/organisations/${current.id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(card),
      });
      this.#saved = true;
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
    if (this.#problem) return html`<section class="panel" role="alert"><p>${this.#problem}</p></section>`;
    const card = this.#card;
    if (!card) return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    const mayEdit = this.#coordinator || administered(user).includes(card.id);
    return html`<p class="breadcrumbs"><a href=${links.registry()}>← ${t('registry.title')}</a></p>
      <section class="panel" aria-labelledby="org-title">
        <h1 id="org-title">${card.name}</h1>
        <p>
          <span class="chip">${t(`org.kind.${card.kind}` as MessageKey)}</span>
          ${card.labels.map((label) => html`<span class="chip chip--red">${t(`org.label.${label}` as MessageKey)}</span> `)}
        </p>
        ${mayEdit
          ? html`<form class="form form--grid" novalidate @submit=${(event: Event) => void this.#save(event)} data-test="card-form">
              ${organisationFields('oc', card, this.#coordinator)}
              ${errorLine(this.#error)}
              ${this.#saved ? html`<p class="notice notice--ok field--wide" role="status" data-test="saved">${t('org.saved')}</p>` : nothing}
              <button class="button button--primary field--wide" type="submit" ?disabled=${this.#sending}>${t('org.save')}</button>
            </form>`
          : html`<dl class="facts">
                <dt>${t('org.municipality')}</dt><dd>${card.municipality}</dd>
                ${card.address ? html`<dt>${t('org.address')}</dt><dd>${card.address}</dd>` : nothing}
                ${card.email ? html`<dt>${t('org.email')}</dt><dd><a href=${`mailto:${card.email}`}>${card.email}</a></dd>` : nothing}
                ${card.phone ? html`<dt>${t('org.phone')}</dt><dd>${card.phone}</dd>` : nothing}
              </dl>
              <p class="muted small">${t('org.readOnly')}</p>`}
      </section>`;
  }
}

customElements.define('organisation-page', OrganisationPage);
