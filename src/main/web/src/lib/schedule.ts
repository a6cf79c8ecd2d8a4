import { routes } from '@centrik/protocol';
import { t } from '../i18n/i18n';
import { ru, type MessageKey } from '../i18n/ru';
import { ApiError, OfflineError } from './api';
import { follow } from './live';
import type { CentrikEvent, Me } from './model';

/** What an event is to the logged-in user (frontend-protocol/schemas/my-event.json). */
export interface Mine {
  organisation: boolean;
  host: boolean;
  presenter: boolean;
  registration: 'registered' | 'waitlisted' | 'cancelled' | null;
  waitingPosition: number | null;
  listed: boolean;
}

export interface MyEvent {
  event: CentrikEvent;
  mine: Mine;
}

export interface Registration {
  eventId: number;
  teacherId: number;
  status: 'registered' | 'waitlisted' | 'cancelled';
  waitingPosition: number | null;
}

export interface Named {
  id: number;
  name: string;
  organisationId: number | null;
}

export interface EventPeople {
  hosts: Named[];
  presenters: Named[];
  hostPeople: Named[];
}

/** What a live change did to an event, as the schedule marks it for a while. */
export type Flash = 'new' | 'changed' | 'cancelled' | 'soon' | 'live';

export const FORMATS = [
  'seminar', 'webinar', 'web_conference', 'master_class', 'workshop',
  'discussion', 'contest', 'open_microphone', 'fair', 'open_day',
] as const;
export const MODES = ['offline', 'online', 'hybrid'] as const;

/** The flash of a change: by its type, or by what changed in the event. */
export function flashOf(type: string | undefined, before: CentrikEvent | undefined, after: CentrikEvent): Flash {
  if (type === 'event.starting-soon') return 'soon';
  if (after.state === 'cancelled' && before?.state !== 'cancelled') return 'cancelled';
  if (after.state === 'live' && before?.state !== 'live') return 'live';
  if (!before || (before.state === 'draft' && after.state === 'published')) return 'new';
  return 'changed';
}

/** Starting soon: published, and its check-in has opened (or it starts within 30 minutes). */
export function startingSoon(event: CentrikEvent, now = Date.now()): boolean {
  const start = Date.parse(event.startsAt);
  return event.state === 'published' && start > now && (Date.parse(event.checkInOpensAt) <= now || start - now <= 30 * 60000);
}

/**
 * Follows the user's own feed (`events.mine.stream`): calls `onEvent` for every snapshot
 * entry and change, with the change type. Returns the function that stops following.
 */
export function followMine(
  onSnapshot: (events: MyEvent[]) => void,
  onChange: (entry: MyEvent, type: string | undefined) => void,
  onError?: () => void,
): () => void {
  return follow<{ events: MyEvent[] } | MyEvent>(routes.myEvents(), {
    onMessage: (message) => {
      if (message.kind === 'snapshot') onSnapshot((message.data as { events: MyEvent[] }).events);
      else if (message.kind === 'change') onChange(message.data as MyEvent, message.type);
    },
    onError: () => onError?.(),
  });
}

/** Follows a network's upcoming events: snapshot events and changes, each with its change type. */
export function followUpcoming(
  networkId: number,
  onEvent: (event: CentrikEvent, type: string | undefined, snapshot: boolean) => void,
  onError?: () => void,
): () => void {
  return follow<{ events: CentrikEvent[] } | CentrikEvent>(routes.upcomingEvents(networkId), {
    onMessage: (message) => {
      if (message.kind === 'snapshot') {
        for (const event of (message.data as { events: CentrikEvent[] }).events) onEvent(event, undefined, true);
      } else if (message.kind === 'change') {
        onEvent(message.data as CentrikEvent, message.type, false);
      }
    },
    onError: () => onError?.(),
  });
}

/** Creates events: an organisation admin or a coordinator. */
export function canCreate(user: Me): boolean {
  return user.roles.some((grant) => grant.role === 'coordinator' || grant.role === 'organisation_admin');
}

/** A Russian message for a failed command, from the problem detail's code. */
export function problemMessage(error: unknown): string {
  if (error instanceof OfflineError) return t('event.error.offline');
  if (error instanceof ApiError && error.code) {
    const key = `event.error.${error.code}`;
    if (key in ru) return t(key as MessageKey);
  }
  return t('event.error.generic');
}
