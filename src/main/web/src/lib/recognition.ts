import type { ProtocolError } from '@centrik/protocol';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/ru';
import { ApiError, OfflineError } from './api';
import type { CardEntry } from './model';

/** The payloads of recognition (frontend-protocol/schemas, docs/recognition.md). */
export type CertificateKind = 'teacher_certificate' | 'network_teacher' | 'network_platform';

export interface CardProgress {
  networkId: number;
  networkName: string;
  schoolYear: number;
  countsFrom: number;
  centriks: number;
  green: number;
  red: number;
  needed: number;
  missing: number;
  eligible: boolean;
  oneShort: boolean;
  earns: CertificateKind | null;
  certificateNumber: string | null;
  participations: number[];
}

export interface CardWarning {
  code: 'one_centrik_short';
  networkId: number;
  schoolYear: number;
  message: string;
}

export interface CertificateSummary {
  id: number;
  kind: CertificateKind;
  number: string;
  schoolYear: number;
  issuedOn: string;
  networkId: number;
  revoked: boolean;
  verificationToken: string;
}

export interface YearCount {
  schoolYear: number;
  green: number;
  red: number;
}

export interface ActivityCard {
  teacherId: number;
  schoolYear: number;
  entries: CardEntry[];
  years: YearCount[];
  progress: CardProgress[];
  warnings: CardWarning[];
  certificates: CertificateSummary[];
}

export interface ProgressChanged {
  teacherId: number;
  schoolYear: number;
  years: YearCount[];
  progress: CardProgress[];
  warnings: CardWarning[];
}

export interface TeacherProgress {
  teacherId: number;
  name: string;
  position: string | null;
  subject: string | null;
  progress: CardProgress[];
  warnings: CardWarning[];
}

export interface Award {
  teacherId: number;
  teacherName: string | null;
  organisationName: string | null;
  kind: CertificateKind | null;
  centriks: number;
  green: number;
  red: number;
  missing: number;
  certificateId: number | null;
  number: string | null;
  revoked: boolean;
}

export interface PlatformProposal {
  organisationId: number;
  organisationName: string;
  declaredPractice: boolean;
  presenters: number;
  certifiedPresenters: number[];
  needed: number;
  met: boolean;
  certificateNumber: string | null;
  evidence: number[];
}

export interface YearEndOutcome {
  schoolYear: number;
  certificates: Award[];
  alreadyIssued: Award[];
  oneShort: Award[];
  platforms: PlatformProposal[];
}

export interface YearEndProgress {
  stage: 'planned' | 'issued' | 'evidence' | 'announced' | 'done';
  done: number;
  total: number;
  outcome?: YearEndOutcome;
}

export interface Certificate extends Omit<CertificateSummary, 'revoked'> {
  holderName: string;
  organisationName: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface CertificateView {
  certificate: Certificate;
  verificationAddress: string;
}

export const certificateLinks = {
  pdf: (id: number) => `/api/certificates/${id}.pdf`,
  badge: (id: number) => `/api/certificates/${id}/badge`,
  verify: (token: string) => `/verify/${encodeURIComponent(token)}`,
};

const CODES = new Set(['forbidden', 'not_found', 'bad_input', 'not_eligible']);

/** A clear Russian message for a failed HTTP call or RSocket request, from its stable code. */
export function problemMessage(error: unknown): string {
  if (error instanceof OfflineError) return t('rec.error.offline');
  const code =
    error instanceof ApiError
      ? error.code ?? (error.status === 403 ? 'forbidden' : error.status === 404 ? 'not_found' : undefined)
      : (error as Partial<ProtocolError> | null)?.code;
  if (code === 'connection' || code === 'closed') return t('rec.error.offline');
  return code && CODES.has(code) ? t(`rec.error.${code}` as MessageKey) : t('rec.error.other');
}
