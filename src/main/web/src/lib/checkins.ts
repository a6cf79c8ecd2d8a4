import { CheckInQueue, type CheckInRequest, type QueuedCheckIn } from '@centrik/protocol';
import { ApiError, OfflineError, http, reachable } from './api';
import type { Participant } from './model';
import { route } from './router';
import { me } from './session';
import { Store } from './store';

/** What the server answers a check-in (docs/attendance.md). */
export interface CheckInResult {
  participation: Participant;
  created: boolean;
}

/** Where a teacher's check-in into one event stands, as the check-in page shows it. */
export type CheckInState =
  | { state: 'sending'; clientId: string; scannedAt: string }
  | { state: 'queued'; clientId: string; scannedAt: string; reason: 'offline' | 'too_many_attempts' | 'unavailable'; retryAfter?: number }
  | { state: 'done'; clientId: string; scannedAt: string; participation: Participant; created: boolean }
  | { state: 'refused'; clientId: string; scannedAt: string; code: string; body: Record<string, unknown> };

/** The latest check-in of each event (by event id), for the logged-in user. */
export const checkIns = new Store<ReadonlyMap<number, CheckInState>>(new Map());

function put(eventId: number, state: CheckInState): void {
  checkIns.set(new Map(checkIns.value).set(eventId, state));
}

/** A refusal or a failure in the shape the queue understands: a string `code`. */
class CheckInFailure extends Error {
  constructor(
    readonly code: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/**
 * Sends one check-in over HTTP (`POST /api/events/{id}/check-ins`, the session's cookie and
 * CSRF token): one short request survives school Wi-Fi better than opening a WebSocket first.
 * A lost network, a server error and a lost session keep the check-in in the queue
 * (`connection`, `internal`, `closed`); every refusal with a code ends it.
 */
async function send(eventId: number, request: CheckInRequest): Promise<CheckInResult> {
  const current = checkIns.value.get(eventId);
  if (current?.clientId !== request.clientId || current.state !== 'queued') {
    put(eventId, { state: 'sending', clientId: request.clientId, scannedAt: request.scannedAt });
  }
  const queued = (reason: 'offline' | 'too_many_attempts' | 'unavailable', retryAfter?: number) =>
    put(eventId, { state: 'queued', clientId: request.clientId, scannedAt: request.scannedAt, reason, retryAfter });
  try {
    return await http<CheckInResult>(`/api/events/${eventId}/check-ins`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (error) {
    if (error instanceof OfflineError) {
      queued('offline');
      throw new CheckInFailure('connection');
    }
    if (error instanceof ApiError && error.status === 401) {
      // the session ended: the check-in waits in storage until the teacher logs in again
      queued('unavailable');
      throw new CheckInFailure('closed');
    }
    if (error instanceof ApiError && error.code === 'too_many_attempts') {
      queued('too_many_attempts', Number(error.body.retryAfter ?? 60));
      throw new CheckInFailure('too_many_attempts', error.body);
    }
    if (
      error instanceof ApiError &&
      error.code &&
      error.code !== 'internal' &&
      error.code !== 'unavailable' &&
      error.code !== 'csrf_invalid'
    ) {
      throw new CheckInFailure(error.code, error.body);
    }
    queued('unavailable');
    throw new CheckInFailure('internal');
  }
}

let queue: CheckInQueue | null = null;
let owner: number | null = null;

function settled(entry: QueuedCheckIn, outcome: { result?: unknown; error?: unknown }): void {
  if (outcome.error) {
    const failure = outcome.error as { code?: string; body?: Record<string, unknown> };
    put(entry.eventId, {
      state: 'refused',
      clientId: entry.clientId,
      scannedAt: entry.scannedAt,
      code: failure.code ?? 'internal',
      body: failure.body ?? {},
    });
  } else {
    const result = outcome.result as CheckInResult;
    put(entry.eventId, {
      state: 'done',
      clientId: entry.clientId,
      scannedAt: entry.scannedAt,
      participation: result.participation,
      created: result.created,
    });
  }
}

/**
 * The queue of the logged-in user, kept in localStorage under their own key (a phone passed
 * between colleagues sends each one's check-ins only in their own session).
 */
function queueOf(userId: number): CheckInQueue {
  if (!queue || owner !== userId) {
    queue?.stop();
    owner = userId;
    queue = new CheckInQueue({ send, key: `centrik.checkIns.${userId}`, onSettled: settled });
    const waiting = new Map<number, CheckInState>();
    for (const entry of queue.pending()) {
      waiting.set(entry.eventId, { state: 'queued', clientId: entry.clientId, scannedAt: entry.scannedAt, reason: 'offline' });
    }
    checkIns.set(waiting);
  }
  return queue;
}

/** Sends what is queued: at login and start, when the browser is online again, when a call got through. */
function flush(): void {
  const user = me.value;
  if (user && user.teacherId != null) void queueOf(user.id).flush();
}

me.subscribe((user) => {
  if (!user) {
    queue?.stop();
    queue = null;
    owner = null;
    checkIns.set(new Map());
  } else {
    flush();
  }
});
window.addEventListener('online', flush);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') flush();
});
reachable.subscribe((ok) => {
  if (ok) flush();
});

/**
 * Checks the logged-in teacher in: stored first (with its client id and scan time), then sent,
 * and sent again from storage until the server answers. `checkIns` tells how it goes.
 */
export function checkIn(eventId: number, code: string, scannedAt: Date): void {
  const user = me.value;
  if (!user) return;
  const clientId = crypto.randomUUID();
  put(eventId, { state: 'sending', clientId, scannedAt: scannedAt.toISOString() });
  queueOf(user.id)
    .checkIn(eventId, code, { scannedAt, clientId })
    .catch(() => undefined);
}

/**
 * When the QR code of an event was scanned: the first time its page was opened with that code,
 * even if a login came in between (the code on the screen rotates every 20 s; the server
 * judges the code of the moment of scanning).
 */
export function scannedAt(eventId: number, code: string): Date {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SCAN_KEY) ?? 'null') as { eventId: number; code: string; at: string } | null;
    if (stored && stored.eventId === eventId && stored.code === code) return new Date(stored.at);
  } catch {
    // no storage: the time of the confirmation
  }
  return new Date();
}

const SCAN_KEY = 'centrik.scan';

function rememberScan(): void {
  const current = route.value;
  if (current.page !== 'checkin' || !current.code) return;
  try {
    const stored = JSON.parse(sessionStorage.getItem(SCAN_KEY) ?? 'null') as { eventId: number; code: string } | null;
    if (stored && stored.eventId === current.eventId && stored.code === current.code) return;
    sessionStorage.setItem(SCAN_KEY, JSON.stringify({ eventId: current.eventId, code: current.code, at: new Date().toISOString() }));
  } catch {
    // storage disabled: the confirmation's time is the scan time
  }
}

rememberScan();
route.subscribe(rememberScan);
