import { html, nothing, type PropertyValues } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import type { Network } from '../lib/model';
import { links, navigate } from '../lib/router';
import { me } from '../lib/session';
import {
  KINDS, LABELS, administered, coordinates, errorLine, filterSelect, memberNetworks, problemText, shortDate,
  type Agreement, type RegistryOrganisation,
} from './matrix-common';

/**
 * The registry of a network: its agreements, current and lapsed (who is a member, from when
 * to when), and for its coordinator the forms that add an organisation and an agreement.
 */
class RegistryPage extends CentrikElement {
  static properties = { networkId: { type: Number } };
  /** 0: the first network of the user. */
  networkId = 0;

  #networks: Network[] | null = null;
  #agreements: Agreement[] | null = null;
  #organisations: RegistryOrganisation[] = [];
  #error: string | null = null;
  #orgError: string | null = null;
  #agreementError: string | null = null;
  #notice: string | null = null;
  #picked = '';
  #sending = false;

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('registry.title')} · ${t('app.name')}`;
    memberNetworks().then(
      (networks) => {
        this.#networks = networks;
        void this.#load();
      },
      (error) => {
        this.#error = problemText(error);
        this.requestUpdate();
      },
    );
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('networkId') && this.#networks) void this.#load();
  }

  get #network(): number {
    return this.networkId || this.#networks?.[0]?.id || 0;
  }

  async #load(): Promise<void> {
    const network = this.#network;
    if (!network) {
      this.#agreements = [];
      this.requestUpdate();
      return;
    }
    try {
      const [agreements, organisations] = await Promise.all([
        get<Agreement[]>(`/api/networks/${network}/agreements`),
        get<RegistryOrganisation[]>('/api/organisations'),
      ]);
      this.#agreements = agreements;
      this.#organisations = organisations;
      this.#error = null;
    } catch (error) {
      this.#error = problemText(error);
    }
    this.requestUpdate();
  }

  async #addOrganisation(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const card = cardOf(new FormData(form));
    if (!card.name || !card.municipality) {
      this.#orgError = t('org.needName');
      this.requestUpdate();
      return;
    }
    await this.#send(async () => {
      const added = await http<RegistryOrganisation>('/api/organisations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(card),
      });
      form.reset();
      this.#organisations = [...this.#organisations, added];
      this.#picked = String(added.id);
      this.#notice = t('registry.organisationAdded', { name: added.name });
      this.#orgError = null;
    }, (message) => (this.#orgError = message));
  }

  async #addAgreement(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim() || null;
    await this.#send(async () => {
      const added = await http<Agreement>(`/api/networks/${this.#network}/agreements`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          organisationId: Number(text('organisationId')) || null,
          number: text('number'),
          signedOn: text('signedOn'),
          validFrom: text('validFrom'),
          validTo: text('validTo'),
          purpose: text('purpose'),
        }),
      });
      form.reset();
      this.#picked = '';
      this.#notice = t('registry.agreementAdded', { number: added.number });
      this.#agreementError = null;
      this.#agreements = await get<Agreement[]>(`/api/networks/${this.#network}/agreements`);
    }, (message, error) => (this.#agreementError = error instanceof ApiError && error.code === 'conflict' ? t('registry.numberTaken') : message));
  }

  async #send(work: () => Promise<void>, failed: (message: string, error: unknown) => void): Promise<void> {
    this.#sending = true;
    this.#notice = null;
    this.requestUpdate();
    try {
      await work();
    } catch (error) {
      failed(problemText(error), error);
    } finally {
      this.#sending = false;
      this.requestUpdate();
    }
  }

  render() {
    const user = me.value;
    if (!user) return nothing;
    if (this.#networks === null) return html`<p class="muted" role="status">${this.#error ?? t('app.loading')}</p>`;
    const coordinator = this.#network > 0 && coordinates(user, this.#network);
    const own = administered(user);
    return html`<section aria-labelledby="registry-title">
      <div class="page-head">
        <h1 id="registry-title">${t('registry.title')}</h1>
        ${own.length > 0 ? html`<a class="button" href=${links.organisation(own[0])}>${t('matrixNav.ownCard')}</a>` : nothing}
      </div>
      ${this.#networks.length > 1
        ? html`<div class="panel">${filterSelect('rg-network', t('matrixFilter.network'), String(this.#network),
            this.#networks.map((n) => [String(n.id), n.name]), (value) => navigate(links.registry(Number(value))), false)}</div>`
        : nothing}
      ${errorLine(this.#error)}
      ${this.#notice ? html`<p class="notice notice--ok" role="status" data-test="notice">${this.#notice}</p>` : nothing}
      <div class="registry-layout">
        ${this.#agreementList()}
        ${coordinator ? html`<div>${this.#organisationForm()}${this.#agreementForm()}</div>` : nothing}
      </div>
    </section>`;
  }

  #agreementList() {
    const agreements = this.#agreements;
    return html`<section class="panel" aria-labelledby="agreements-title">
      <h2 id="agreements-title">${t('registry.agreements')}</h2>
      ${agreements === null
        ? html`<p class="muted" role="status">${t('app.loading')}</p>`
        : agreements.length === 0
          ? html`<p class="muted">${t('registry.agreementsEmpty')}</p>`
          : html`<ul class="agreements" data-test="agreements">
              ${agreements.map((a) => html`<li class="agreement ${a.inForce ? '' : 'agreement--lapsed'}" data-agreement-id=${a.id}>
                <a class="agreement__org" href=${links.organisation(a.organisationId)}>${a.organisationName}</a>
                <span class="chip ${a.inForce ? '' : 'chip--muted'}">${t(a.inForce ? 'registry.inForce' : 'registry.lapsed')}</span>
                <span class="muted small">№ ${a.number} · ${t('registry.period', {
                  from: shortDate(a.validFrom),
                  to: a.validTo ? shortDate(a.validTo) : t('registry.openEnded'),
                })}</span>
                ${a.purpose ? html`<span class="small">${a.purpose}</span>` : nothing}
              </li>`)}
            </ul>`}
    </section>`;
  }

  #organisationForm() {
    return html`<section class="panel" aria-labelledby="add-org-title">
      <h2 id="add-org-title">${t('registry.addOrganisation')}</h2>
      <form class="form form--grid" novalidate @submit=${(event: Event) => void this.#addOrganisation(event)} data-test="organisation-form">
        ${organisationFields('ao', null, true)}
        ${errorLine(this.#orgError)}
        <button class="button button--primary field--wide" type="submit" ?disabled=${this.#sending}>${t('registry.addOrganisation')}</button>
      </form>
    </section>`;
  }

  #agreementForm() {
    const members = new Set((this.#agreements ?? []).filter((a) => a.inForce).map((a) => a.organisationId));
    const candidates = [...this.#organisations].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    const today = new Date().toISOString().slice(0, 10);
    return html`<section class="panel" aria-labelledby="add-agreement-title">
      <h2 id="add-agreement-title">${t('registry.addAgreement')}</h2>
      <form class="form form--grid" @submit=${(event: Event) => void this.#addAgreement(event)} data-test="agreement-form">
        <div class="field field--wide">
          <label for="ag-organisation">${t('matrixFilter.organisation')}</label>
          <select id="ag-organisation" name="organisationId" required .value=${this.#picked}>
            <option value="">${t('registry.pickOrganisation')}</option>
            ${candidates.map((o) => html`<option value=${o.id} ?selected=${String(o.id) === this.#picked}>
              ${o.name}${members.has(o.id) ? ` · ${t('registry.inForce')}` : ''}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="ag-number">${t('registry.number')}</label>
          <input id="ag-number" name="number" required maxlength="60" />
        </div>
        <div class="field">
          <label for="ag-signed">${t('registry.signedOn')}</label>
          <input id="ag-signed" name="signedOn" type="date" required value=${today} />
        </div>
        <div class="field">
          <label for="ag-from">${t('registry.validFrom')}</label>
          <input id="ag-from" name="validFrom" type="date" required value=${today} />
        </div>
        <div class="field">
          <label for="ag-to">${t('registry.validTo')}</label>
          <input id="ag-to" name="validTo" type="date" />
        </div>
        <div class="field field--wide">
          <label for="ag-purpose">${t('registry.purpose')}</label>
          <input id="ag-purpose" name="purpose" maxlength="500" />
        </div>
        ${errorLine(this.#agreementError)}
        <button class="button button--primary field--wide" type="submit" ?disabled=${this.#sending}>${t('registry.addAgreement')}</button>
      </form>
    </section>`;
  }
}

/** The card fields of a form, as `POST/PUT /api/organisations` take them. */
export function cardOf(data: FormData, current?: RegistryOrganisation) {
  const text = (name: string) => String(data.get(name) ?? '').trim() || null;
  return {
    name: text('name') ?? '',
    shortName: text('shortName'),
    kind: text('kind') ?? 'school',
    municipality: text('municipality') ?? '',
    address: text('address'),
    email: text('email'),
    phone: text('phone'),
    labels: data.getAll('labels').map(String),
    responsibleUserId: current?.responsibleUserId ?? null,
  };
}

/** The inputs of an organisation's card; the labels only for a coordinator. */
export function organisationFields(prefix: string, card: RegistryOrganisation | null, labelsEditable: boolean) {
  const input = (name: keyof RegistryOrganisation, label: MessageKey, type = 'text', required = false) => html`<div class="field">
    <label for=${`${prefix}-${name}`}>${t(label)}</label>
    <input id=${`${prefix}-${name}`} name=${name} type=${type} ?required=${required} maxlength="300"
      .value=${String(card?.[name] ?? '')} />
  </div>`;
  return html`
    <div class="field field--wide">
      <label for=${`${prefix}-name`}>${t('org.name')}</label>
      <input id=${`${prefix}-name`} name="name" required maxlength="300" .value=${card?.name ?? ''} />
    </div>
    ${input('shortName', 'org.shortName')}
    <div class="field">
      <label for=${`${prefix}-kind`}>${t('org.kind')}</label>
      <select id=${`${prefix}-kind`} name="kind">
        ${KINDS.map((kind) => html`<option value=${kind} ?selected=${(card?.kind ?? 'school') === kind}>${t(`org.kind.${kind}` as MessageKey)}</option>`)}
      </select>
    </div>
    ${input('municipality', 'org.municipality', 'text', true)}
    ${input('address', 'org.address')}
    ${input('email', 'org.email', 'email')}
    ${input('phone', 'org.phone', 'tel')}
    <fieldset class="field field--wide checks" ?disabled=${!labelsEditable}>
      <legend>${t('org.labels')}</legend>
      ${LABELS.map((label) => html`<label class="check"><input type="checkbox" name="labels" value=${label}
        ?checked=${card?.labels.includes(label) ?? false} />${t(`org.label.${label}` as MessageKey)}</label>`)}
      ${labelsEditable ? nothing : html`<span class="muted small">${t('org.labelsCoordinator')}</span>`}
    </fieldset>`;
}

customElements.define('registry-page', RegistryPage);
