import { ErrorCode, ProtocolError, toProtocolError } from './errors.js';
import { resolveToken } from './connection.js';
import { jsonPayload, requestMetadata } from './metadata.js';

const DEFAULT_WINDOW = 256;
const DEFAULT_BACKOFF = Object.freeze({ initialMs: 250, maxMs: 10_000 });
const STABLE_MS = 10_000;

/**
 * A live subscription to one *.stream route that survives dropped connections and resyncs.
 *
 * It remembers the sequence of the last message handed to `onMessage` and, whenever the stream
 * ends early (transport lost, `resync`, `internal` error, unexpected completion), subscribes
 * again with `since` = that sequence after a capped, jittered exponential backoff. A change whose
 * sequence is not above the last one is dropped, so `onMessage` never sees a sequence twice or
 * out of order. A snapshot is always delivered: it replaces the state and resets the position.
 *
 * Errors that a retry cannot fix (`not_found`, `bad_input`, `unknown_route`, `forbidden`, a refused
 * token: `unauthenticated`, `token_invalid`, `token_revoked`) end the subscription: `onError` gets
 * a {@link ProtocolError} and the status becomes `closed`. `token_expired` ends it too, unless
 * the token is a function: then it subscribes again at once, with a token the function gives anew.
 */
export class LiveSubscription {
  #connection;
  #route;
  #token;
  #onMessage;
  #onStatus;
  #onError;
  #window;
  #backoff;
  #random;

  #lastSequence;
  #status = null;
  #stream = null;
  #generation = 0;
  #consumed = 0;
  #attempt = 0;
  #timer = null;
  #done = false;
  #droppedDuplicates = 0;
  #liveSince = 0;
  #failing = 0;

  constructor(connection, route, options = {}) {
    if (options.since !== undefined && options.since !== null && !(Number.isSafeInteger(options.since) && options.since >= 0)) {
      throw new TypeError(`since must be an integer >= 0, got ${String(options.since)}`);
    }
    this.#connection = connection;
    this.#route = route;
    this.#token = options.token;
    this.#onMessage = options.onMessage ?? (() => {});
    this.#onStatus = options.onStatus ?? (() => {});
    this.#onError = options.onError ?? (() => {});
    this.#window = Math.max(2, options.window ?? DEFAULT_WINDOW);
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#random = options.random ?? Math.random;
    this.#lastSequence = options.since ?? null;
    this.#subscribe();
  }

  /** The route this subscription reads, e.g. `attendance.42.stream`. */
  get route() {
    return this.#route;
  }

  /** Sequence of the last message delivered to onMessage (or the `since` given), null before any. */
  get lastSequence() {
    return this.#lastSequence;
  }

  /** 'connecting' | 'live' | 'reconnecting' | 'closed' */
  get status() {
    return this.#status;
  }

  /** How many changes were dropped because their sequence was not above the last one. */
  get droppedDuplicates() {
    return this.#droppedDuplicates;
  }

  cancel() {
    if (this.#done) return;
    this.#finish();
  }

  #subscribe() {
    if (this.#done) return;
    if (this.#status === null) this.#setStatus('connecting');
    const generation = ++this.#generation;
    Promise.all([this.#connection.acquire(), resolveToken(this.#token)]).then(
      ([rsocket, token]) => {
        if (this.#done || generation !== this.#generation) return;
        const request = this.#lastSequence === null ? {} : { since: this.#lastSequence };
        this.#consumed = 0;
        const stream = rsocket.requestStream(
          jsonPayload(request, requestMetadata(this.#route, token)),
          this.#window,
          {
            onNext: (payload) => this.#handleNext(generation, payload),
            onError: (error) => this.#handleStreamError(generation, error, rsocket),
            onComplete: () => this.#handleComplete(generation),
            onExtension: () => {},
          },
        );
        // rsocket-js reports a request on a closed connection synchronously, through onError.
        if (generation === this.#generation && !this.#done && this.#failing !== generation) {
          this.#stream = stream;
          this.#liveSince = Date.now();
          this.#setStatus('live');
        }
      },
      (error) => this.#handleError(generation, error),
    );
  }

  #handleNext(generation, payload) {
    if (this.#done || generation !== this.#generation) return;
    let message;
    try {
      message = JSON.parse(payload.data?.toString('utf8') ?? '');
    } catch (error) {
      this.#retry(new ProtocolError('protocol_violation', `a stream element is not JSON: ${error.message}`, { route: this.#route }));
      return;
    }
    if (!message || !Number.isSafeInteger(message.sequence)) {
      this.#retry(new ProtocolError('protocol_violation', 'a stream element has no integer sequence', { route: this.#route }));
      return;
    }
    switch (message.kind) {
      case 'snapshot':
        this.#deliver(message);
        break;
      case 'change':
        if (this.#lastSequence !== null && message.sequence <= this.#lastSequence) {
          this.#droppedDuplicates++;
        } else {
          this.#deliver(message);
        }
        break;
      case 'resync':
        // The server completes the stream after this; read again from the last sequence we kept.
        this.#retry(new ProtocolError('resync', `the server asked to resync (${message.reason})`, { route: this.#route }), { immediately: true });
        return;
      default:
        // A kind this client does not know yet: skip it, it only counts against the window.
        break;
    }
    this.#replenish();
  }

  #deliver(message) {
    this.#lastSequence = message.sequence;
    this.#attempt = 0;
    try {
      this.#onMessage(message);
    } catch (error) {
      // A failing handler must not break the stream; report it the way an event listener would.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  #replenish() {
    if (this.#done || !this.#stream) return;
    this.#consumed++;
    if (this.#consumed >= this.#window / 2) {
      const n = this.#consumed;
      this.#consumed = 0;
      this.#stream.request(n);
    }
  }

  #handleStreamError(generation, error, rsocket) {
    if (typeof error?.code === 'number') {
      this.#handleError(generation, error);
      return;
    }
    // The connection closed under the stream: rsocket-js tells the stream before it tells why,
    // and the why (a refused token) decides whether to retry.
    this.#failing = generation;
    queueMicrotask(() => this.#handleError(generation, this.#connection.closeCause(rsocket, this.#route) ?? error));
  }

  #handleError(generation, error) {
    if (this.#done || generation !== this.#generation) return;
    const problem = toProtocolError(error, this.#route);
    if (problem.retryable) {
      this.#retry(problem);
    } else if (problem.code === ErrorCode.TOKEN_EXPIRED && this.#renewsToken()) {
      // A token function gives a fresh token on the next try: the connection asks it again.
      this.#retry(problem, { immediately: true });
    } else {
      this.#finish(problem);
    }
  }

  #renewsToken() {
    return typeof this.#token === 'function' || (this.#token == null && this.#connection.renewsToken);
  }

  #handleComplete(generation) {
    if (this.#done || generation !== this.#generation) return;
    this.#retry(new ProtocolError('connection', 'the server completed a live stream', { route: this.#route }));
  }

  #retry(cause, { immediately = false } = {}) {
    const stream = this.#stream;
    this.#stream = null;
    this.#generation++;
    stream?.cancel();
    // A stream that stayed up a while was a success, even on a quiet topic that sent nothing.
    if (this.#liveSince && Date.now() - this.#liveSince > STABLE_MS) this.#attempt = 0;
    this.#liveSince = 0;
    const delayMs = immediately && this.#attempt === 0 ? 0 : this.#delay(this.#attempt);
    this.#attempt++;
    this.#setStatus('reconnecting', { cause, attempt: this.#attempt, delayMs });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#subscribe();
    }, delayMs);
  }

  #delay(attempt) {
    const { initialMs, maxMs } = this.#backoff;
    const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
    // Full jitter on the upper half: clients dropped together do not come back together.
    return Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
  }

  #finish(error) {
    this.#done = true;
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = null;
    const stream = this.#stream;
    this.#stream = null;
    stream?.cancel();
    this.#setStatus('closed', error ? { cause: error } : undefined);
    if (error) {
      this.#onError(error);
    }
  }

  #setStatus(status, detail) {
    if (this.#status === status && status !== 'reconnecting') return;
    this.#status = status;
    this.#onStatus(status, detail);
  }
}
