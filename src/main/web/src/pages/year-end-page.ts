import { html, nothing, type PropertyValues } from 'lit';
import { routes } from '@centrik/protocol';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { get, http } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatSchoolYear, schoolYearOf } from '../lib/format';
import { liveClient } from '../lib/live';
import type { Network } from '../lib/model';
import {
  certificateLinks,
  problemMessage,
  type Award,
  type CertificateView,
  type PlatformProposal,
  type YearEndOutcome,
  type YearEndProgress,
} from '../lib/recognition';
import { links, navigate } from '../lib/router';

type Run = { state: 'idle' } | { state: 'running'; progress: YearEndProgress | null } | { state: 'done'; issued: number };

/**
 * The coordinator's year end of a network: the preview of who gets what, issuing the
 * certificates with progress (the RSocket request-stream `year-end.{n}.{y}.run`), the list of
 * certificates with their PDF and badge (and revoking one), then the «Сетевая площадка»
 * proposals to confirm.
 */
class YearEndPage extends CentrikElement {
  static properties = { networkId: { type: Number }, schoolYear: { type: Number } };
  networkId = 0;
  schoolYear = 0;

  #network: Network | null = null;
  #outcome: YearEndOutcome | null = null;
  #failure: string | null = null;
  #run: Run = { state: 'idle' };
  #runFailure: string | null = null;
  #platformErrors = new Map<number, string>();
  #confirming = new Set<number>();
  #revoking: Award | null = null;
  #revokeError: string | null = null;

  protected willUpdate(changed: PropertyValues): void {
    if ((changed.has('networkId') || changed.has('schoolYear')) && this.networkId > 0) {
      document.title = `${t('rec.yearEnd.title')} — ${t('app.name')}`;
      this.#outcome = null;
      this.#run = { state: 'idle' };
      void get<Network>(`/api/networks/${this.networkId}`).then(
        (network) => {
          this.#network = network;
          this.requestUpdate();
        },
        () => undefined,
      );
      void this.#preview();
    }
  }

  get #year(): number {
    return this.schoolYear > 0 ? this.schoolYear : schoolYearOf(new Date());
  }

  async #preview(): Promise<void> {
    try {
      this.#outcome = await http<YearEndOutcome>(
        `/api/networks/${this.networkId}/year-end/preview?schoolYear=${this.#year}`,
        { method: 'POST' },
      );
      this.#failure = null;
    } catch (error) {
      this.#failure = problemMessage(error);
    }
    this.requestUpdate();
  }

  async #issue(): Promise<void> {
    this.querySelector<HTMLDialogElement>('#issue-dialog')?.close();
    this.#run = { state: 'running', progress: null };
    this.#runFailure = null;
    this.requestUpdate();
    try {
      const client = await liveClient();
      const steps = await client.requestStream<YearEndProgress>(routes.yearEndRun(this.networkId, this.#year), {}, (step) => {
        this.#run = { state: 'running', progress: step };
        this.requestUpdate();
      });
      const done = steps.at(-1);
      this.#run = { state: 'done', issued: done?.outcome?.certificates.length ?? 0 };
    } catch (error) {
      this.#run = { state: 'idle' };
      this.#runFailure = problemMessage(error);
    }
    await this.#preview();
    this.querySelector<HTMLElement>('#issued-title')?.focus();
  }

  async #confirm(platform: PlatformProposal): Promise<void> {
    this.#confirming.add(platform.organisationId);
    this.#platformErrors.delete(platform.organisationId);
    this.requestUpdate();
    try {
      await http<CertificateView>(
        `/api/networks/${this.networkId}/platform-status/${platform.organisationId}/confirm?schoolYear=${this.#year}`,
        { method: 'POST' },
      );
      await this.#preview();
    } catch (error) {
      this.#platformErrors.set(platform.organisationId, problemMessage(error));
    }
    this.#confirming.delete(platform.organisationId);
    this.requestUpdate();
  }

  #askRevoke(award: Award): void {
    this.#revoking = award;
    this.#revokeError = null;
    this.requestUpdate();
    void this.updateComplete.then(() => this.querySelector<HTMLDialogElement>('#revoke-dialog')?.showModal());
  }

  async #revoke(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    if (!reason) {
      this.#revokeError = t('rec.error.reasonRequired');
      this.requestUpdate();
      return;
    }
    try {
      await http<CertificateView>(`/api/certificates/${this.#revoking!.certificateId}/revoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason }),
      });
      this.querySelector<HTMLDialogElement>('#revoke-dialog')?.close();
      this.#revoking = null;
      form.reset();
      await this.#preview();
    } catch (error) {
      this.#revokeError = problemMessage(error);
      this.requestUpdate();
    }
  }

  render() {
    const year = this.#year;
    const current = schoolYearOf(new Date());
    const outcome = this.#outcome;
    return html`<section class="rec" data-test="year-end-page" data-loaded-year=${outcome?.schoolYear ?? ''}>
      <header class="rec__header">
        <h1>${t('rec.yearEnd.title')}</h1>
        <p class="muted">${this.#network ? this.#network.name : nothing}</p>
        <label class="rec-year-select">
          ${t('rec.yearEnd.schoolYear')}
          <select
            data-test="school-year"
            @change=${(e: Event) => navigate(links.yearEnd(this.networkId, Number((e.target as HTMLSelectElement).value)))}
          >
            ${[current, current - 1, current - 2].map(
              (y) => html`<option value=${y} ?selected=${y === year}>${formatSchoolYear(y)}</option>`,
            )}
          </select>
        </label>
      </header>
      ${this.#failure ? html`<p class="notice notice--error" role="alert" data-test="year-end-error">${this.#failure}</p>` : nothing}
      ${outcome === null
        ? this.#failure
          ? nothing
          : html`<p class="muted" role="status">${t('app.loading')}</p>`
        : html`<div class="rec__grid">
            <div>${this.#previewSection(outcome)} ${this.#runSection(outcome)}</div>
            <div>${this.#issuedSection(outcome)} ${this.#platformsSection(outcome)}</div>
          </div>`}
      ${this.#revokeDialog()}
    </section>`;
  }

  #previewSection(outcome: YearEndOutcome) {
    return html`<section class="panel" aria-labelledby="preview-title" data-test="preview">
      <h2 id="preview-title">${t('rec.yearEnd.step1')}</h2>
      <p class="progress-line" data-test="to-issue">
        ${outcome.certificates.length > 0
          ? t('rec.yearEnd.toIssue', { n: outcome.certificates.length })
          : t('rec.yearEnd.nothingToIssue')}
      </p>
      ${this.#awards(outcome.certificates, 'to-issue-list', false)}
      ${outcome.oneShort.length > 0
        ? html`<h3>${t('rec.yearEnd.oneShortTitle')}</h3>${this.#awards(outcome.oneShort, 'one-short-list', false)}`
        : nothing}
    </section>`;
  }

  #runSection(outcome: YearEndOutcome) {
    const run = this.#run;
    const step = run.state === 'running' ? run.progress : null;
    const total = step?.total ?? outcome.certificates.length;
    return html`<section class="panel" aria-labelledby="run-title" data-test="run">
      <h2 id="run-title">${t('rec.yearEnd.step2')}</h2>
      ${this.#runFailure ? html`<p class="notice notice--error" role="alert">${this.#runFailure}</p>` : nothing}
      <div role="status" aria-live="polite" data-test="run-status">
        ${run.state === 'running'
          ? html`<p>${t(`rec.yearEnd.stage.${step?.stage ?? 'planned'}` as MessageKey, { done: step?.done ?? 0, total })}</p>
              <progress max=${Math.max(total, 1)} value=${step ? (step.stage === 'planned' ? 0 : step.done) : 0}></progress>`
          : run.state === 'done'
            ? html`<p class="progress-line" data-test="run-done">${t('rec.yearEnd.stage.done', { done: run.issued })}</p>`
            : nothing}
      </div>
      <button
        type="button"
        class="button button--primary"
        data-test="issue"
        ?disabled=${outcome.certificates.length === 0 || run.state === 'running'}
        @click=${() => this.querySelector<HTMLDialogElement>('#issue-dialog')?.showModal()}
      >
        ${t('rec.yearEnd.issue')}
      </button>
      <dialog id="issue-dialog" class="dialog" aria-labelledby="issue-dialog-title">
        <h2 id="issue-dialog-title">${t('rec.yearEnd.issue')}</h2>
        <p>${t('rec.yearEnd.confirmIssue', { n: outcome.certificates.length, year: formatSchoolYear(this.#year) })}</p>
        <div class="dialog__actions">
          <button type="button" class="button" @click=${() => this.querySelector<HTMLDialogElement>('#issue-dialog')?.close()}>
            ${t('rec.yearEnd.cancel')}
          </button>
          <button type="button" class="button button--primary" data-test="issue-confirm" @click=${() => void this.#issue()}>
            ${t('rec.yearEnd.yes')}
          </button>
        </div>
      </dialog>
    </section>`;
  }

  #issuedSection(outcome: YearEndOutcome) {
    return html`<section class="panel" aria-labelledby="issued-title" data-test="issued">
      <h2 id="issued-title" tabindex="-1">${t('rec.yearEnd.step3')}</h2>
      <p class="muted">${t('rec.yearEnd.issuedTitle', { year: formatSchoolYear(outcome.schoolYear) })}</p>
      ${outcome.alreadyIssued.length === 0
        ? html`<p class="muted">${t('rec.yearEnd.noneIssued')}</p>`
        : this.#awards(outcome.alreadyIssued, 'issued-list', true)}
    </section>`;
  }

  #awards(awards: Award[], testId: string, issued: boolean) {
    if (awards.length === 0) return nothing;
    return html`<ul class="rec-list" data-test=${testId}>
      ${awards.map(
        (award) => html`<li class="rec-award ${award.revoked ? 'rec-certificate--revoked' : ''}" data-teacher-id=${award.teacherId}>
          <div>
            <strong>${award.teacherName}</strong>
            <span class="muted small">${award.organisationName}</span>
          </div>
          <span>
            ${award.kind ? html`<span class="chip ${award.kind === 'network_teacher' ? 'chip--red' : ''}">${t(`rec.kind.${award.kind}` as MessageKey)}</span>` : nothing}
            <span class="rec-centriks" title=${t('card.greenHint') + ' · ' + t('card.redHint')}>
              <span class="legend legend--green">${award.green}</span> <span class="legend legend--red">${award.red}</span>
            </span>
          </span>
          ${issued && award.certificateId
            ? html`<span class="rec-links">
                <span>№ ${award.number}</span>
                ${award.revoked ? html`<span class="chip chip--red">${t('rec.card.revoked')}</span>` : nothing}
                <a href=${certificateLinks.pdf(award.certificateId)} target="_blank" rel="noopener" data-test="pdf">${t('rec.card.pdf')}</a>
                <a href=${certificateLinks.badge(award.certificateId)} target="_blank" rel="noopener">${t('rec.card.badge')}</a>
                ${award.revoked
                  ? nothing
                  : html`<button type="button" class="button button--small button--quiet" data-test="revoke" @click=${() => this.#askRevoke(award)}>
                      ${t('rec.yearEnd.revoke')}
                    </button>`}
              </span>`
            : nothing}
        </li>`,
      )}
    </ul>`;
  }

  #platformsSection(outcome: YearEndOutcome) {
    const needed = outcome.platforms[0]?.needed ?? 3;
    const anyIssued = outcome.alreadyIssued.length > 0;
    return html`<section class="panel" aria-labelledby="platforms-title" data-test="platforms">
      <h2 id="platforms-title">${t('rec.yearEnd.step4')}</h2>
      <p class="muted">${t('rec.yearEnd.platformsHint', { needed })}</p>
      ${outcome.platforms.length === 0
        ? html`<p class="muted">${t('rec.yearEnd.noPlatforms')}</p>`
        : html`<ul class="rec-list">
            ${outcome.platforms.map(
              (platform) => html`<li class="rec-platform" data-organisation-id=${platform.organisationId} data-met=${platform.met}>
                <strong>${platform.organisationName}</strong>
                <span class="chip ${platform.met ? '' : 'chip--muted'}">
                  ${t(platform.met ? 'rec.yearEnd.platformMet' : 'rec.yearEnd.platformNotMet')}
                </span>
                <p class="muted small">
                  ${t('rec.yearEnd.platformFacts', {
                    declared: t(platform.declaredPractice ? 'rec.yearEnd.yes.short' : 'rec.yearEnd.no.short'),
                    presenters: platform.presenters,
                    certified: platform.certifiedPresenters.length,
                    needed: platform.needed,
                  })}
                </p>
                ${platform.certificateNumber
                  ? html`<p class="progress-line" data-test="platform-confirmed">
                      ${t('rec.yearEnd.platformConfirmed', { number: platform.certificateNumber })}
                    </p>`
                  : platform.met
                    ? html`${anyIssued ? nothing : html`<p class="muted small">${t('rec.yearEnd.runFirst')}</p>`}
                        <button
                          type="button"
                          class="button button--small button--primary"
                          data-test="confirm-platform"
                          ?disabled=${this.#confirming.has(platform.organisationId)}
                          @click=${() => void this.#confirm(platform)}
                        >
                          ${t('rec.yearEnd.confirmPlatform')}
                        </button>`
                    : nothing}
                ${this.#platformErrors.has(platform.organisationId)
                  ? html`<p class="form__error" role="alert">${this.#platformErrors.get(platform.organisationId)}</p>`
                  : nothing}
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  #revokeDialog() {
    const award = this.#revoking;
    return html`<dialog id="revoke-dialog" class="dialog" aria-labelledby="revoke-dialog-title" @close=${() => (this.#revoking = null)}>
      <form class="form" @submit=${(e: SubmitEvent) => void this.#revoke(e)}>
        <h2 id="revoke-dialog-title">${t('rec.yearEnd.revokeSubmit')}</h2>
        ${award ? html`<p>${award.teacherName}, № ${award.number}</p>` : nothing}
        <div class="field">
          <label for="revoke-reason">${t('rec.yearEnd.revokeReason')}</label>
          <input id="revoke-reason" name="reason" autocomplete="off" required />
        </div>
        ${this.#revokeError ? html`<p class="form__error" role="alert">${this.#revokeError}</p>` : nothing}
        <div class="dialog__actions">
          <button type="button" class="button" @click=${() => this.querySelector<HTMLDialogElement>('#revoke-dialog')?.close()}>
            ${t('rec.yearEnd.cancel')}
          </button>
          <button type="submit" class="button button--danger" data-test="revoke-confirm">${t('rec.yearEnd.revokeSubmit')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('year-end-page', YearEndPage);
