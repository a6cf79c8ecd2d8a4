import { html, nothing, type PropertyValues } from 'lit';
import { routes } from '@centrik/protocol';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { CentrikElement } from '../lib/element';
import { formatDate, formatSchoolYear } from '../lib/format';
import { follow } from '../lib/live';
import type { CardEntry } from '../lib/model';
import {
  certificateLinks,
  problemMessage,
  type ActivityCard,
  type CardProgress,
  type CertificateSummary,
  type ProgressChanged,
  type YearCount,
} from '../lib/recognition';
import { me } from '../lib/session';

/**
 * A teacher's activity card, live from `cards.{teacherId}.stream`: green and red centriks by
 * school year with the events behind them, the progress towards a certificate and «Сетевой
 * педагог» in each network, warnings and the certificates with their PDF, badge and
 * verification page. A centrik appears the moment the host marks the teacher; the progress
 * follows within a second (`progress.changed`).
 */
class CardPage extends CentrikElement {
  static properties = { teacherId: { type: Number } };
  teacherId = 0;

  #card: ActivityCard | null = null;
  #entries = new Map<number, CardEntry>();
  #certificates = new Map<number, CertificateSummary>();
  #fresh = new Set<number>();
  #failure: string | null = null;
  #stop: (() => void) | null = null;

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('teacherId') && this.teacherId > 0) this.#start();
  }

  #start(): void {
    this.#stop?.();
    this.#card = null;
    this.#failure = null;
    document.title = `${t('rec.card.title')} — ${t('app.name')}`;
    this.#stop = follow<ActivityCard | CardEntry | CertificateSummary | ProgressChanged>(routes.card(this.teacherId), {
      onMessage: (message) => {
        if (message.kind === 'snapshot') {
          const card = message.data as ActivityCard;
          this.#card = card;
          this.#entries = new Map(card.entries.map((entry) => [entry.participationId, entry]));
          this.#certificates = new Map(card.certificates.map((c) => [c.id, c]));
        } else if (message.kind === 'change' && this.#card) {
          if (message.type?.startsWith('participation.')) {
            const entry = message.data as CardEntry;
            if (!this.#entries.has(entry.participationId)) this.#fresh.add(entry.participationId);
            this.#entries.set(entry.participationId, entry);
          } else if (message.type?.startsWith('certificate.')) {
            const certificate = message.data as CertificateSummary;
            this.#certificates.set(certificate.id, certificate);
          } else if (message.type === 'progress.changed') {
            const changed = message.data as ProgressChanged;
            this.#card = { ...this.#card, ...changed, entries: this.#card.entries, certificates: this.#card.certificates };
          }
        }
        this.requestUpdate();
      },
      onError: (error) => {
        this.#failure = problemMessage(error);
        this.requestUpdate();
      },
    });
  }

  render() {
    if (this.teacherId <= 0) {
      return html`<section class="panel" role="alert"><p>${t('rec.error.forbidden')}</p></section>`;
    }
    const own = me.value?.teacherId === this.teacherId;
    const card = this.#card;
    return html`<section class="rec" data-test="card-page" data-teacher-id=${this.teacherId}>
      <header class="rec__header">
        <h1>${own ? t('card.title') : t('rec.card.title')}</h1>
        <p class="muted">${t('rec.card.live')}</p>
      </header>
      ${this.#failure
        ? html`<p class="notice notice--error" role="alert" data-test="card-error">${this.#failure}</p>`
        : nothing}
      ${card === null
        ? this.#failure
          ? nothing
          : html`<p class="muted" role="status">${t('app.loading')}</p>`
        : html`<div class="rec__grid">
            <div>
              ${this.#warnings(card)} ${this.#progress(card)} ${this.#certificatesSection()}
            </div>
            ${this.#years()}
          </div>`}
    </section>`;
  }

  #warnings(card: ActivityCard) {
    if (card.warnings.length === 0) return nothing;
    return html`<section class="notice rec__warnings" role="status" aria-label=${t('rec.card.warnings')} data-test="card-warnings">
      ${card.warnings.map((warning) => html`<p>${warning.message}</p>`)}
    </section>`;
  }

  #progress(card: ActivityCard) {
    return html`<section class="panel" aria-labelledby="rec-progress-title" data-test="card-progress">
      <h2 id="rec-progress-title">${t('rec.card.progress', { year: formatSchoolYear(card.schoolYear) })}</h2>
      ${card.progress.length === 0
        ? html`<p class="muted">${t('rec.card.noProgress')}</p>`
        : card.progress.map((progress) => this.#networkProgress(progress, card.progress.length > 1))}
    </section>`;
  }

  #networkProgress(p: CardProgress, named: boolean) {
    const counted = Math.min(p.centriks, p.needed);
    return html`<article class="rec-progress" data-network-id=${p.networkId}>
      ${named ? html`<h3>${p.networkName}</h3>` : nothing}
      <div class="rec-progress__dots" role="img" aria-label=${t('rec.card.centriksOf', { n: p.centriks, needed: p.needed })}>
        ${Array.from({ length: p.needed }, (_, i) =>
          i < p.red
            ? html`<span class="centrik__dot centrik__dot--red"></span>`
            : i < counted
              ? html`<span class="centrik__dot centrik__dot--green"></span>`
              : html`<span class="centrik__dot rec-progress__empty"></span>`,
        )}
        <strong data-test="centriks-counted">${t('rec.card.centriksOf', { n: p.centriks, needed: p.needed })}</strong>
      </div>
      <p class="progress-line" data-test="progress-state">
        ${p.certificateNumber
          ? t('rec.card.issued', { number: p.certificateNumber })
          : p.eligible
            ? t('rec.card.eligible')
            : t('rec.card.missing', { n: p.missing })}
      </p>
      ${p.earns ? html`<p class="chip ${p.earns === 'network_teacher' ? 'chip--red' : ''}">${t(`rec.card.earns.${p.earns}` as MessageKey)}</p>` : nothing}
      ${p.earns !== 'network_teacher' ? html`<p class="muted small">${t('rec.card.networkTeacherHint')}</p>` : nothing}
      <p class="muted small">${t('rec.card.countsFrom', { year: formatSchoolYear(p.countsFrom) })}</p>
    </article>`;
  }

  #certificatesSection() {
    const certificates = [...this.#certificates.values()].sort((a, b) => b.schoolYear - a.schoolYear || b.id - a.id);
    return html`<section class="panel" aria-labelledby="rec-certificates-title" data-test="card-certificates">
      <h2 id="rec-certificates-title">${t('rec.card.certificates')}</h2>
      ${certificates.length === 0
        ? html`<p class="muted">${t('rec.card.noCertificates')}</p>`
        : html`<ul class="rec-list">
            ${certificates.map(
              (c) => html`<li class="rec-certificate ${c.revoked ? 'rec-certificate--revoked' : ''}" data-certificate-id=${c.id}>
                <strong>${t(`rec.kind.${c.kind}` as MessageKey)}</strong>
                <span>№ ${c.number} · ${formatSchoolYear(c.schoolYear)}</span>
                ${c.revoked ? html`<span class="chip chip--red">${t('rec.card.revoked')}</span>` : nothing}
                <span class="rec-links">
                  <a href=${certificateLinks.pdf(c.id)} target="_blank" rel="noopener">${t('rec.card.pdf')}</a>
                  <a href=${certificateLinks.badge(c.id)} target="_blank" rel="noopener">${t('rec.card.badge')}</a>
                  <a href=${certificateLinks.verify(c.verificationToken)} target="_blank" rel="noopener">${t('rec.card.verify')}</a>
                </span>
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  /** Years from the entries themselves, so that a new centrik shows before the progress follows. */
  #years() {
    const entries = [...this.#entries.values()];
    const byYear = new Map<number, CardEntry[]>();
    for (const entry of entries) byYear.set(entry.schoolYear, [...(byYear.get(entry.schoolYear) ?? []), entry]);
    const years = [...byYear.keys()].sort((a, b) => b - a);
    const count = (list: CardEntry[]): YearCount => ({
      schoolYear: 0,
      green: list.filter((e) => e.status === 'present' && e.role === 'listener').length,
      red: list.filter((e) => e.status === 'present' && e.role === 'presenter').length,
    });
    return html`<section class="panel" aria-labelledby="rec-years-title" data-test="card-years">
      <h2 id="rec-years-title">${t('rec.card.years')}</h2>
      ${years.length === 0
        ? html`<p class="muted">${t('rec.card.empty')}</p>`
        : years.map((year) => {
            const list = byYear.get(year)!.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
            const { green, red } = count(list);
            return html`<article class="rec-year" data-school-year=${year}>
              <h3>
                ${t('rec.card.yearTitle', { year: formatSchoolYear(year) })}
                <span class="rec-year__counts">
                  <span class="legend legend--green" data-test="green-count">${t('card.green', { n: green })}</span>
                  <span class="legend legend--red" data-test="red-count">${t('card.red', { n: red })}</span>
                </span>
              </h3>
              <ul class="card-entries">
                ${list.map(
                  (entry) => html`<li
                    class="${entry.status === 'removed' ? 'rec-entry--removed' : ''} ${this.#fresh.has(entry.participationId) ? 'rec-entry--fresh' : ''}"
                    data-participation-id=${entry.participationId}
                  >
                    <span
                      class="centrik__dot centrik__dot--${entry.role === 'presenter' ? 'red' : 'green'}"
                      role="img"
                      aria-label=${t(entry.role === 'presenter' ? 'card.redHint' : 'card.greenHint')}
                    ></span>
                    <span class="card-entries__title">${entry.eventTitle}</span>
                    <span class="muted">
                      ${formatDate(entry.startsAt)} · ${t(entry.role === 'presenter' ? 'card.redHint' : 'card.greenHint')}
                      ${entry.status === 'removed' ? html` · ${t('rec.card.removed')}` : nothing}
                      ${this.#fresh.has(entry.participationId) ? html` · <strong>${t('rec.card.new')}</strong>` : nothing}
                    </span>
                  </li>`,
                )}
              </ul>
            </article>`;
          })}
    </section>`;
  }
}

customElements.define('card-page', CardPage);
