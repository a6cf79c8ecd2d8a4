import { html, nothing } from 'lit';
import { locale, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, OfflineError, get } from '../lib/api';
import type { EventFormat, Me, Network } from '../lib/model';
import { grantsOf } from '../lib/session';
import '../matrix.css';

/**
 * What the pages of the registry, the bank, the requests and the matrix share: the payloads of
 * their API (frontend-protocol/schemas), the Russian words for a problem's code, and who may do
 * what as the UI guesses it (the server decides; a refusal shows its reason).
 */

export const LEVELS = ['preschool', 'primary', 'general', 'additional'] as const;
export const LABELS = ['fip', 'kip', 'kap', 'opp', 'oou', 'cio', 'rop'] as const;
export const KINDS = ['kindergarten', 'school', 'lyceum', 'gymnasium', 'additional_education', 'methodical_centre'] as const;
export const FORMATS: EventFormat[] = [
  'seminar', 'webinar', 'web_conference', 'master_class', 'workshop',
  'discussion', 'contest', 'open_microphone', 'fair', 'open_day',
];
export const STATES = ['submitted', 'accepted', 'declined', 'scheduled', 'delivered', 'withdrawn'] as const;
export type RequestState = (typeof STATES)[number];

export interface Practice {
  id: number;
  networkId: number;
  organisationId: number;
  organisationName: string;
  title: string;
  direction: string;
  levels: string[];
  description: string;
  formats: EventFormat[];
  materialsUrl: string | null;
  declaredOn: string;
}

export interface MatrixRequest {
  id: number;
  practiceId: number;
  practiceTitle: string;
  direction: string;
  applicantId: number;
  applicantName: string;
  executorId: number;
  executorName: string;
  state: RequestState;
  desiredFormat: EventFormat | null;
  teachersCount: number | null;
  declineReason: string | null;
  eventIds: number[];
  submittedAt: string;
  updatedAt: string;
}

export interface CentrikRequest extends MatrixRequest {
  networkId: number;
  schoolYear: number;
  periodFrom: string | null;
  periodTo: string | null;
  comment: string | null;
}

export interface Transition {
  from: RequestState | null;
  to: RequestState;
  actor: string;
  reason: string | null;
  eventId: number | null;
  at: string;
}

export interface RegistryOrganisation {
  id: number;
  name: string;
  shortName: string | null;
  kind: (typeof KINDS)[number];
  municipality: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  labels: string[];
  responsibleUserId: number | null;
}

export interface Agreement {
  id: number;
  networkId: number;
  organisationId: number;
  organisationName: string;
  number: string;
  signedOn: string;
  validFrom: string;
  validTo: string | null;
  purpose: string | null;
  inForce: boolean;
}

/** The Russian (or English) sentence for a failed call: by the problem's stable code. */
export function problemText(error: unknown): string {
  if (error instanceof OfflineError) return t('matrixError.offline');
  if (error instanceof ApiError) {
    const code = error.code ?? (error.status === 403 ? 'forbidden' : error.status === 404 ? 'not_found' : undefined);
    if (code === 'bad_input') return t('matrixError.bad_input', { detail: String(error.body.detail ?? '') });
    const key = `matrixError.${code}` as MessageKey;
    if (code && MESSAGES.has(key)) return t(key);
  }
  return t('matrixError.unknown');
}

const MESSAGES = new Set<string>([
  'matrixError.forbidden', 'matrixError.not_found', 'matrixError.illegal_transition', 'matrixError.agreement_lapsed',
  'matrixError.client_id_reused', 'matrixError.conflict',
]);

/** A state as a coloured chip (colour and word: never colour alone). */
export function stateChip(state: RequestState, extra: Record<string, string | number> = {}) {
  return html`<span class="state state--${state}" data-state=${state} data-request-id=${extra.id ?? nothing}
    >${t(`request.state.${state}` as MessageKey)}</span
  >`;
}

/** "22.11.2026" for an ISO date (or date-time) in the UI's language. */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return new Intl.DateTimeFormat(locale()).format(date);
}

/** The organisations the user administers. */
export function administered(user: Me): number[] {
  const ids = grantsOf(user, 'organisation_admin')
    .map((grant) => grant.organisation)
    .filter((id): id is number => typeof id === 'number');
  return [...new Set(ids)];
}

/** Whether the user coordinates the network (or every network). */
export function coordinates(user: Me, networkId: number): boolean {
  return grantsOf(user, 'coordinator').some((grant) => grant.network == null || grant.network === networkId);
}

/** The networks the user is a member of (`GET /api/networks`), loaded once per page view. */
export function memberNetworks(): Promise<Network[]> {
  return get<Network[]>('/api/networks');
}

/** A `<select>` of options with an "all" entry; `value` '' means all. */
export function filterSelect(
  id: string,
  label: string,
  value: string,
  options: Array<[string, string]>,
  onChange: (value: string) => void,
  all = true,
) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} .value=${value} @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value)}>
      ${all ? html`<option value="" ?selected=${value === ''}>${t('matrixFilter.all')}</option>` : nothing}
      ${options.map(([key, text]) => html`<option value=${key} ?selected=${value === key}>${text}</option>`)}
    </select>
  </div>`;
}

/** An error line that screen readers announce. */
export function errorLine(message: string | null) {
  return message ? html`<p class="notice notice--error field--wide" role="alert" data-test="error">${message}</p>` : nothing;
}
