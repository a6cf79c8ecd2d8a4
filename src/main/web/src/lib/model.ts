/** The payloads of the JSON API and of the live streams (frontend-protocol/schemas). */

export type EventFormat =
  | 'seminar' | 'webinar' | 'web_conference' | 'master_class' | 'workshop'
  | 'discussion' | 'contest' | 'open_microphone' | 'fair' | 'open_day';

export interface CentrikEvent {
  id: number;
  networkId: number;
  title: string;
  format: EventFormat;
  mode: 'online' | 'offline' | 'hybrid';
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  link: string | null;
  capacity: number | null;
  description: string;
  state: 'draft' | 'published' | 'live' | 'finished' | 'cancelled';
  hostIds: number[];
  checkInOpensAt: string;
  checkInClosesAt: string;
  materials?: string[];
  cancelReason?: string | null;
  presenterIds?: number[];
  requestIds?: number[];
  registered?: number;
  waitlisted?: number;
}

export interface Participant {
  participationId: number;
  eventId: number;
  teacherId: number;
  teacherName: string;
  organisationId: number;
  organisationName: string;
  role: 'listener' | 'presenter';
  method: string;
  status: 'present' | 'removed';
  recordedAt: string;
}

export interface CardEntry {
  participationId: number;
  eventId: number;
  eventTitle: string;
  role: 'listener' | 'presenter';
  status: 'present' | 'removed';
  startsAt: string;
  schoolYear: number;
}

export interface Network {
  id: number;
  name: string;
  [field: string]: unknown;
}

export interface Organisation {
  id: number;
  name: string;
  [field: string]: unknown;
}

export type RoleName = 'coordinator' | 'organisation_admin' | 'teacher' | 'expert';

export interface RoleGrant {
  role: RoleName;
  network?: number | null;
  organisation?: number | null;
}

/** The logged-in user, as `POST /login` and `GET /api/me` describe them. */
export interface Me {
  id: number;
  login: string;
  displayName: string;
  teacherId: number | null;
  organisationId: number | null;
  mustChangePassword: boolean;
  roles: RoleGrant[];
  hosts: number[];
}

export interface LiveMessage<T = unknown> {
  kind: 'snapshot' | 'change' | 'resync';
  topic: string;
  sequence: number;
  type?: string;
  reason?: string;
  at?: string;
  data: T;
}
