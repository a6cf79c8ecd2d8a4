import { ProtocolError, toCommandError } from './errors.js';
import { jsonPayload, requestMetadata } from './metadata.js';

/** The request-response route of self check-in (asyncapi.yaml, attendanceCheckIn). */
export function checkInRoute(eventId) {
  const n = typeof eventId === 'string' && /^[1-9][0-9]*$/.test(eventId) ? Number(eventId) : eventId;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new TypeError(`eventId must be a positive integer, got ${String(eventId)}`);
  }
  return `attendance.${n}.check-in`;
}

/**
 * One request-response over the client's connection. Resolves with the parsed JSON reply;
 * rejects with a {@link ProtocolError} whose `body` holds the server's error properties
 * (e.g. `checkedInAt`, `retryAfter`).
 */
export async function requestResponse(connection, route, data, token) {
  const rsocket = await connection.acquire();
  const resolved = typeof token === 'function' ? await token() : token;
  return new Promise((resolve, reject) => {
    rsocket.requestResponse(jsonPayload(data, requestMetadata(route, resolved)), {
      onNext: (payload) => {
        try {
          resolve(JSON.parse(payload.data.toString('utf8')));
        } catch (cause) {
          reject(new ProtocolError('protocol_violation', 'the reply is not JSON', { route, cause }));
        }
      },
      onError: (error) => reject(toCommandError(error, route)),
      onComplete: () => {},
      onExtension: () => {},
    });
  });
}

/** Codes after which the same check-in may succeed later: the queue keeps it. */
const RETRY = new Set(['connection', 'internal', 'unavailable', 'protocol_violation', 'too_many_attempts', 'closed']);

/** Storage for queued check-ins in memory (Node, tests). */
export function memoryStorage() {
  const values = new Map();
  return {
    getItem: (key) => (values.has(key) ? values.get(key) : null),
    setItem: (key, value) => values.set(key, String(value)),
    removeItem: (key) => values.delete(key),
  };
}

/** `globalThis.localStorage` where there is one (browsers), else memory. */
export function defaultStorage() {
  try {
    if (globalThis.localStorage) return globalThis.localStorage;
  } catch {
    // a browser that forbids storage: memory only
  }
  return memoryStorage();
}

/**
 * Offline-first check-in. `checkIn()` stores the check-in (with its client id and the scan
 * time) before sending it, so that a phone without network, or a page that is closed, keeps
 * it; `flush()` sends what is queued, oldest first, each retry with the same client id and
 * its original scan time — the server records it once and, when the scan fell inside the
 * check-in window, accepts it even hours later. A refusal (`code_invalid`,
 * `outside_window`, …) or success removes it; a lost connection keeps it for the next flush,
 * tried again with a capped exponential backoff while the queue lives.
 *
 * @param {object} options
 * @param {(eventId: number, request: object) => Promise<object>} options.send e.g.
 *   `(eventId, request) => client.checkIn(eventId, request)`
 * @param {{getItem, setItem, removeItem}} [options.storage] `localStorage` by default in
 *   browsers, memory in Node
 * @param {string} [options.key='centrik.checkIns'] storage key
 * @param {(entry, outcome) => void} [options.onSettled] told of every check-in that ended:
 *   `{result}` or `{error}`
 * @param {{initialMs?: number, maxMs?: number}} [options.backoff] 1 s .. 60 s
 * @param {() => Date} [options.now]
 */
export class CheckInQueue {
  #send;
  #storage;
  #key;
  #onSettled;
  #backoff;
  #now;
  #flushing = null;
  #again = false;
  #timer = null;
  #attempt = 0;
  #waiters = new Map();

  constructor({ send, storage = defaultStorage(), key = 'centrik.checkIns', onSettled, backoff = {}, now } = {}) {
    if (typeof send !== 'function') throw new TypeError('send must be a function');
    this.#send = send;
    this.#storage = storage;
    this.#key = key;
    this.#onSettled = onSettled;
    this.#backoff = { initialMs: backoff.initialMs ?? 1000, maxMs: backoff.maxMs ?? 60000 };
    this.#now = now ?? (() => new Date());
  }

  /**
   * Queues a check-in scanned now (or at `scannedAt`) and tries to send it.
   * @returns {Promise<object>} the server's CheckInResult once it is accepted; rejects with
   *   the refusal; stays pending while the phone is offline (the entry is safe in storage).
   */
  checkIn(eventId, code, { scannedAt = this.#now(), clientId = newClientId() } = {}) {
    checkInRoute(eventId);
    const entry = { clientId, eventId: Number(eventId), code, scannedAt: new Date(scannedAt).toISOString() };
    this.#write([...this.pending(), entry]);
    const settled = new Promise((resolve, reject) => this.#waiters.set(clientId, { resolve, reject }));
    this.flush();
    return settled;
  }

  /** The queued check-ins, oldest first. */
  pending() {
    try {
      const stored = JSON.parse(this.#storage.getItem(this.#key) ?? '[]');
      return Array.isArray(stored) ? stored : [];
    } catch {
      return [];
    }
  }

  /**
   * Sends every queued check-in once, including those queued while it runs; resolves when
   * done (call it on `online`, or at start).
   */
  flush() {
    if (this.#flushing) {
      // a send is in flight: whatever was queued meanwhile goes as soon as it ends
      this.#again = true;
      return this.#flushing;
    }
    this.#again = false;
    this.#flushing = this.#flushAll().finally(() => {
      this.#flushing = null;
      if (this.#again) this.flush();
    });
    return this.#flushing;
  }

  /** Stops retrying by timer (the queue stays in storage). */
  stop() {
    clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #flushAll() {
    clearTimeout(this.#timer);
    this.#timer = null;
    let keptAny = false;
    // read the queue again after every send: a check-in added while one was in flight goes
    // right after it, not at the next trigger
    const tried = new Set();
    for (let entry = this.#next(tried); entry; entry = this.#next(tried)) {
      tried.add(entry.clientId);
      const request = { clientId: entry.clientId, code: entry.code, scannedAt: entry.scannedAt, sentAt: this.#now().toISOString() };
      try {
        const result = await this.#send(entry.eventId, request);
        this.#settle(entry, { result });
      } catch (error) {
        const code = error?.code;
        if (RETRY.has(code) || typeof code !== 'string') {
          keptAny = true;
          if (code === 'connection' || code === 'closed') break; // offline: the rest waits too
        } else {
          this.#settle(entry, { error });
        }
      }
    }
    if (keptAny) {
      const delay = Math.min(this.#backoff.maxMs, this.#backoff.initialMs * 2 ** this.#attempt++);
      this.#timer = setTimeout(() => this.flush(), delay);
      this.#timer.unref?.();
    } else {
      this.#attempt = 0;
    }
  }

  #next(tried) {
    return this.pending().find((entry) => !tried.has(entry.clientId));
  }

  #settle(entry, outcome) {
    this.#write(this.pending().filter((queued) => queued.clientId !== entry.clientId));
    this.#onSettled?.(entry, outcome);
    const waiter = this.#waiters.get(entry.clientId);
    this.#waiters.delete(entry.clientId);
    if (waiter) {
      if (outcome.error) waiter.reject(outcome.error);
      else waiter.resolve(outcome.result);
    }
  }

  #write(entries) {
    this.#storage.setItem(this.#key, JSON.stringify(entries));
  }
}

function newClientId() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  throw new Error('crypto.randomUUID is not available: pass clientId');
}
