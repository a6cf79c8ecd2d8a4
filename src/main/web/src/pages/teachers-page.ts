import { html, nothing, type PropertyValues } from 'lit';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { get } from '../lib/api';
import { CentrikElement } from '../lib/element';
import { formatSchoolYear } from '../lib/format';
import { problemMessage, type TeacherProgress } from '../lib/recognition';
import { links } from '../lib/router';

type Filter = 'all' | 'oneShort' | 'eligible';
type Status = 'issued' | 'networkTeacher' | 'eligible' | 'oneShort' | 'none';

/** Re-read while open: the list has no live topic of its own (docs/recognition.md). */
const REFRESH_MS = 30_000;

function statusOf(teacher: TeacherProgress): Status {
  const progress = teacher.progress;
  if (progress.some((p) => p.certificateNumber)) return 'issued';
  if (progress.some((p) => p.eligible && p.earns === 'network_teacher')) return 'networkTeacher';
  if (progress.some((p) => p.eligible)) return 'eligible';
  if (progress.some((p) => p.oneShort)) return 'oneShort';
  return 'none';
}

/**
 * An organisation's teachers for its admin (and the network's coordinator): each card's
 * progress towards a certificate this school year, who is one centrik short, who is
 * eligible, with a link to each card.
 */
class TeachersPage extends CentrikElement {
  static properties = { organisationId: { type: Number } };
  organisationId = 0;

  #teachers: TeacherProgress[] | null = null;
  #failure: string | null = null;
  #filter: Filter = 'all';
  #timer: ReturnType<typeof setInterval> | undefined;
  #onFocus = () => void this.#load();

  connectedCallback(): void {
    super.connectedCallback();
    document.title = `${t('rec.teachers.title')} — ${t('app.name')}`;
    window.addEventListener('focus', this.#onFocus);
    this.#timer = setInterval(() => void this.#load(), REFRESH_MS);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('focus', this.#onFocus);
    clearInterval(this.#timer);
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('organisationId') && this.organisationId > 0) {
      this.#teachers = null;
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    try {
      this.#teachers = await get<TeacherProgress[]>(`/api/organisations/${this.organisationId}/teachers`);
      this.#failure = null;
    } catch (error) {
      this.#failure = problemMessage(error);
    }
    this.requestUpdate();
  }

  render() {
    const teachers = this.#teachers;
    const counts = { eligible: 0, oneShort: 0 };
    for (const teacher of teachers ?? []) {
      const status = statusOf(teacher);
      if (status === 'eligible' || status === 'networkTeacher') counts.eligible++;
      if (status === 'oneShort') counts.oneShort++;
    }
    const shown = (teachers ?? []).filter((teacher) => {
      const status = statusOf(teacher);
      if (this.#filter === 'oneShort') return status === 'oneShort';
      if (this.#filter === 'eligible') return status === 'eligible' || status === 'networkTeacher';
      return true;
    });
    const year = teachers?.flatMap((teacher) => teacher.progress)[0]?.schoolYear;
    return html`<section class="rec" data-test="teachers-page">
      <header class="rec__header">
        <h1>${t('rec.teachers.title')}${year ? html` <span class="muted">${formatSchoolYear(year)}</span>` : nothing}</h1>
        <p class="muted">${t('rec.teachers.hint')}</p>
      </header>
      ${this.#failure ? html`<p class="notice notice--error" role="alert">${this.#failure}</p>` : nothing}
      ${teachers === null
        ? this.#failure
          ? nothing
          : html`<p class="muted" role="status">${t('app.loading')}</p>`
        : html`<section class="panel">
            <p class="progress-line" data-test="teachers-summary">
              ${t('rec.teachers.summary', { eligible: counts.eligible, oneShort: counts.oneShort })}
            </p>
            <div class="rec-filter" role="group" aria-label=${t('rec.teachers.filter')}>
              ${(['all', 'oneShort', 'eligible'] as Filter[]).map(
                (filter) => html`<button
                  type="button"
                  class="button button--small ${this.#filter === filter ? 'button--primary' : ''}"
                  aria-pressed=${this.#filter === filter ? 'true' : 'false'}
                  data-filter=${filter}
                  @click=${() => {
                    this.#filter = filter;
                    this.requestUpdate();
                  }}
                >
                  ${t(`rec.teachers.${filter}` as MessageKey)}
                </button>`,
              )}
            </div>
            <p class="muted small" role="status">${t('rec.teachers.count', { n: shown.length })}</p>
            ${shown.length === 0
              ? html`<p class="muted">${t('rec.teachers.empty')}</p>`
              : html`<ul class="rec-list" data-test="teachers">
                  ${shown.map((teacher) => this.#row(teacher))}
                </ul>`}
          </section>`}
    </section>`;
  }

  #row(teacher: TeacherProgress) {
    const status = statusOf(teacher);
    const best = [...teacher.progress].sort((a, b) => b.centriks - a.centriks)[0];
    return html`<li class="rec-teacher rec-teacher--${status}" data-teacher-id=${teacher.teacherId} data-status=${status}>
      <div class="rec-teacher__who">
        <strong>${teacher.name}</strong>
        <span class="muted small">${[teacher.position, teacher.subject].filter(Boolean).join(', ')}</span>
      </div>
      <span class="chip ${status === 'oneShort' ? 'chip--live' : status === 'none' ? 'chip--muted' : ''}">
        ${t(`rec.teachers.status.${status}` as MessageKey)}
      </span>
      <span class="rec-teacher__count">
        ${best ? t('rec.card.centriksOf', { n: best.centriks, needed: best.needed }) : nothing}
      </span>
      <a class="button button--small" href=${links.card(teacher.teacherId)}>${t('rec.teachers.openCard')}</a>
    </li>`;
  }
}

customElements.define('teachers-page', TeachersPage);
