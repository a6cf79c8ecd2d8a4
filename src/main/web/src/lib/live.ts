import { connect, type Client, type ProtocolError, type Status, type StreamOptions } from '@centrik/protocol';
import { reachable } from './api';
import type { LiveMessage } from './model';
import { sessionToken } from './session';
import { Store } from './store';

/** What the header shows about the live connection. */
export type Connection = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Reconnecting for longer than this is shown as "no connection". */
const OFFLINE_AFTER_MS = 4000;

export const connection = new Store<Connection>('idle');

let client: Promise<Client> | null = null;
const streams = new Map<object, Status>();
let reconnectingSince: number | null = null;
let offlineTimer: ReturnType<typeof setTimeout> | undefined;

function wsUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rsocket`;
}

function theClient(): Promise<Client> {
  if (!client) {
    client = connect({ url: wsUrl(), token: () => sessionToken.get(), connectTimeoutMs: 5000, backoff: { maxMs: 5000 } });
    client.catch(() => {
      client = null;
    });
  }
  return client;
}

function update(): void {
  const statuses = [...streams.values()];
  let next: Connection;
  if (statuses.length === 0) next = 'idle';
  else if (statuses.every((s) => s === 'live')) next = 'live';
  else if (statuses.some((s) => s === 'reconnecting')) next = 'reconnecting';
  else next = 'connecting';
  if (next === 'reconnecting') {
    reconnectingSince ??= Date.now();
    if (!navigator.onLine || Date.now() - reconnectingSince >= OFFLINE_AFTER_MS) next = 'offline';
    clearTimeout(offlineTimer);
    offlineTimer = setTimeout(update, OFFLINE_AFTER_MS);
  } else {
    reconnectingSince = null;
    clearTimeout(offlineTimer);
  }
  connection.set(next);
}

/** Errors that end a stream because its bearer token is no good any more: ask for a new one. */
const TOKEN_ERRORS = new Set(['token_expired', 'token_invalid', 'token_revoked', 'unauthenticated']);

export interface Handlers<T> {
  onMessage(message: LiveMessage<T>): void;
  onError?(error: ProtocolError): void;
}

/**
 * Follows a live route: snapshot, then changes, resumed with `since` after every drop (the
 * protocol client does that once connected; this also retries the very first connection).
 * Returns the function that stops following.
 */
export function follow<T>(route: string, handlers: Handlers<T>): () => void {
  const key = {};
  let subscription: { cancel(): void } | null = null;
  let last: number | undefined;
  let stopped = false;
  let attempt = 0;
  let tokenRetries = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const status = (s: Status) => {
    if (stopped) return;
    if (s === 'closed') streams.delete(key);
    else streams.set(key, s);
    update();
  };
  const start = async () => {
    status(attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      const c = await theClient();
      if (stopped) return;
      attempt = 0;
      const options: StreamOptions = {
        since: last,
        onMessage: (message) => {
          tokenRetries = 0;
          last = message.sequence;
          handlers.onMessage(message as LiveMessage<T>);
        },
        onStatus: status,
        onError: (error) => {
          if (TOKEN_ERRORS.has(error.code) && tokenRetries < 3) {
            // a long stream outlived its token (or the session ended): new token, new connection, same position
            sessionToken.forget();
            c.reconnect();
            tokenRetries += 1;
            retry = setTimeout(start, 250 * tokenRetries);
            if (error.code === 'token_revoked' || error.code === 'unauthenticated') onSessionEnded();
            return;
          }
          handlers.onError?.(error);
        },
      };
      subscription = c.subscribe(route, options);
    } catch {
      if (stopped) return;
      attempt += 1;
      retry = setTimeout(start, Math.min(5000, 250 * 2 ** attempt));
    }
  };
  void start();
  return () => {
    stopped = true;
    clearTimeout(retry);
    subscription?.cancel();
    streams.delete(key);
    update();
  };
}

/**
 * The live connection's client, for the requests that are not live routes (e.g. the
 * year-end run, a request-stream of progress).
 */
export function liveClient(): Promise<Client> {
  return theClient();
}

let onSessionEnded: () => void = () => {};

/** Called when a stream says the session is over (the shell then checks who is logged in). */
export function whenSessionEnded(handler: () => void): void {
  onSessionEnded = handler;
}

/** Drops the live connection on purpose: used when the browser says the network is back. */
function reconnectNow(): void {
  client?.then((c) => c.reconnect()).catch(() => undefined);
}

window.addEventListener('online', () => {
  reconnectNow();
  update();
});
window.addEventListener('offline', update);
reachable.subscribe(update);
