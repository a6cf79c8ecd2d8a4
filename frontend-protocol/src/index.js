import './buffer-global.js';
import { Connection } from './connection.js';
import { LiveSubscription } from './subscription.js';
import { routes } from './routes.js';
import { checkInRoute, requestResponse } from './checkin.js';
import { requestStream } from './command.js';

export { ErrorCode, ProtocolError } from './errors.js';
export { applyMessage, entityKey } from './state.js';
export { routes } from './routes.js';
export { LiveSubscription } from './subscription.js';
export { CheckInQueue, checkInRoute, defaultStorage, memoryStorage } from './checkin.js';

/**
 * Opens a client of the Centrik RSocket protocol (asyncapi.yaml).
 *
 * @param {object} options
 * @param {string} [options.url] WebSocket endpoint, e.g. `wss://centrik.example/rsocket`
 *   (browsers, and Node through the `ws` package).
 * @param {{host: string, port: number}} [options.tcp] TCP endpoint (Node only).
 * @param {string | (() => string | Promise<string>)} [options.token] bearer token, sent in SETUP
 *   and on every request; a function is asked again on every (re)connection.
 * @param {typeof WebSocket} [options.WebSocket] WebSocket constructor to use instead of the global one.
 * @param {number} [options.connectTimeoutMs=10000]
 * @param {number} [options.keepAliveMs=15000]
 * @param {number} [options.lifetimeMs=45000]
 * @param {{initialMs?: number, maxMs?: number}} [options.backoff] resubscription backoff (250 ms .. 10 s)
 * @param {number} [options.window=256] request-n window of each stream
 * @returns {Promise<Client>} resolves once the first connection is open; rejects if it cannot open.
 */
export async function connect(options = {}) {
  const connection = new Connection(options);
  await connection.acquire();
  return new Client(connection, options);
}

/**
 * Stream options: `{ since, onMessage(message), onStatus(status, detail), onError(error), window, backoff }`.
 * Every stream function returns a {@link LiveSubscription}.
 */
export class Client {
  #connection;
  #defaults;
  #subscriptions = new Set();
  #closed = false;

  constructor(connection, options) {
    this.#connection = connection;
    this.#defaults = { token: options.token, window: options.window, backoff: options.backoff };
  }

  /** Attendance of a network event: snapshot `{event, participants, counts}`, changes upsert a Participant. */
  attendanceStream(eventId, options) {
    return this.subscribe(routes.attendance(eventId), options);
  }

  /** The collaboration matrix of a network for a school year (the calendar year it starts in). */
  matrixStream(networkId, schoolYear, options) {
    return this.subscribe(routes.matrix(networkId, schoolYear), options);
  }

  /** The caller's own events: snapshot `{userId, events}`, changes upsert a MyEvent by `event.id`. */
  myEventsStream(options) {
    return this.subscribe(routes.myEvents(), options);
  }

  /** Upcoming events of a network: snapshot `{networkId, events}`, changes upsert an Event. */
  upcomingEventsStream(networkId, options) {
    return this.subscribe(routes.upcomingEvents(networkId), options);
  }

  /** A teacher's activity card: snapshot `{teacherId, entries}`, changes upsert a CardEntry. */
  cardStream(teacherId, options) {
    return this.subscribe(routes.card(teacherId), options);
  }

  /**
   * Self check-in (request-response): `{clientId, code, scannedAt, sentAt?}` → CheckInResult.
   * Rejects with a ProtocolError (`error.body` has e.g. `checkedInAt`). For phones, wrap it in a
   * {@link CheckInQueue}, which keeps check-ins across lost connections and page reloads.
   */
  checkIn(eventId, request) {
    if (this.#closed) return Promise.reject(new Error('the client is closed'));
    return requestResponse(this.#connection, checkInRoute(eventId), request, this.#defaults.token);
  }

  /**
   * Any request-response route of the protocol (`routes.practicesSearch()`, `routes.request(id)`,
   * `routes.requestAccept(id)`, `routes.yearEndPreview(7, 2025)`, …) with its JSON data: resolves with the reply, rejects with a
   * {@link ProtocolError} carrying the error frame's `code`.
   */
  call(route, data = {}) {
    if (this.#closed) return Promise.reject(new Error('the client is closed'));
    return requestResponse(this.#connection, route, data, this.#defaults.token);
  }

  /**
   * A finite request-stream (`routes.yearEndRun(7, 2025)`): `onNext` sees each element; resolves
   * with all of them when the server completes, rejects with a ProtocolError.
   */
  requestStream(route, data = {}, onNext) {
    if (this.#closed) return Promise.reject(new Error('the client is closed'));
    return requestStream(this.#connection, route, data, this.#defaults.token, onNext);
  }

  /** Any request-stream route of the protocol, by its full name. Prefer the functions above. */
  subscribe(route, options = {}) {
    if (this.#closed) throw new Error('the client is closed');
    const onStatus = options.onStatus;
    const subscription = new LiveSubscription(this.#connection, route, {
      ...this.#defaults,
      ...options,
      onStatus: (status, detail) => {
        if (status === 'closed') this.#subscriptions.delete(subscription);
        onStatus?.(status, detail);
      },
    });
    if (subscription.status !== 'closed') this.#subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Drops the current transport; every subscription resumes on a new one from its last sequence.
   * For a page that learns the network changed (the `online` event, a phone waking up).
   */
  reconnect() {
    this.#connection.drop('reconnect requested');
  }

  /** Cancels every subscription and closes the connection. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    for (const subscription of [...this.#subscriptions]) subscription.cancel();
    this.#connection.close();
  }
}
