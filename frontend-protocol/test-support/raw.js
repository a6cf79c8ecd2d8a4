import '../src/buffer-global.js';
import net from 'node:net';
import { RSocketConnector } from 'rsocket-core';
import { WebsocketClientTransport } from 'rsocket-websocket-client';
import { TcpClientTransport } from 'rsocket-tcp-client';
import WebSocket from 'ws';
import { DATA_MIME_TYPE, METADATA_MIME_TYPE, requestMetadata, setupMetadata } from '../src/metadata.js';
import { assertValid } from './schemas.js';

/**
 * Plain rsocket-js, without the client's resume and de-duplication, so the conformance suite
 * sees exactly what the server sends. `token`, when given, is the SETUP frame's bearer.
 * `closed` resolves with the error the connection closed with (e.g. REJECTED_SETUP), or null.
 */
export async function openRaw(target, { token } = {}) {
  // rsocket-js stops listening for 'error' once it closes a connection, and a refused SETUP is
  // closed by both ends at once: a late reset must not become an uncaught exception.
  const transport =
    target.kind === 'tcp'
      ? new TcpClientTransport({
          connectionOptions: { host: target.host, port: target.port },
          socketCreator: (options) => net.connect(options).on('error', () => {}),
        })
      : new WebsocketClientTransport({
          url: target.url,
          wsCreator: (url) => {
            const socket = new WebSocket(url);
            socket.addEventListener('error', () => {});
            return socket;
          },
        });
  const connector = new RSocketConnector({
    transport,
    setup: {
      dataMimeType: DATA_MIME_TYPE,
      metadataMimeType: METADATA_MIME_TYPE,
      keepAlive: 10_000,
      lifetime: 30_000,
      payload: token ? { data: undefined, metadata: setupMetadata(token) } : undefined,
    },
  });
  const rsocket = await connector.connect();
  rsocket.closed = new Promise((resolve) => rsocket.onClose((error) => resolve(error ?? null)));
  return rsocket;
}

/**
 * One request-stream. Every element is parsed and validated against schemas/live-message.json;
 * a violation fails the pending `until` at once. `data` is sent as JSON unless it is a string.
 */
export function rawStream(rsocket, route, data, { window = 1 << 20, token } = {}) {
  const messages = [];
  const waiters = new Set();
  let failure = null;
  let ended = null;
  let resolveEnd;
  const end = new Promise((resolve) => (resolveEnd = resolve));

  const settle = () => {
    for (const waiter of [...waiters]) {
      if (failure) {
        waiters.delete(waiter);
        waiter.reject(failure);
      } else if (waiter.predicate(messages)) {
        waiters.delete(waiter);
        waiter.resolve(messages);
      } else if (ended) {
        waiters.delete(waiter);
        waiter.reject(new Error(`${route}: stream ended (${describeEnd(ended)}) before the expected messages; got ${messages.length}`));
      }
    }
  };
  const finish = (outcome) => {
    if (ended) return;
    ended = outcome;
    resolveEnd(outcome);
    settle();
  };

  const body = Buffer.from(typeof data === 'string' ? data : JSON.stringify(data), 'utf8');
  const stream = rsocket.requestStream({ data: body, metadata: requestMetadata(route, token) }, window, {
    onNext(payload) {
      let message;
      try {
        message = JSON.parse(payload.data.toString('utf8'));
        assertValid('live-message.json', message);
      } catch (error) {
        failure ??= new Error(`${route}: invalid stream element: ${error.message}`);
        settle();
        return;
      }
      messages.push(message);
      settle();
    },
    onError(error) {
      finish({ type: 'error', error, body: parseErrorBody(error.message) });
    },
    onComplete() {
      finish({ type: 'complete' });
    },
    onExtension() {},
  });

  return {
    route,
    messages,
    /** Resolves with the messages once `predicate(messages)` holds; rejects on timeout, end or invalid element. */
    until(predicate, timeoutMs, what = 'the expected messages') {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${route}: no ${what} within ${timeoutMs} ms; got ${messages.length} messages: ${summary(messages)}`));
        }, timeoutMs);
        const waiter = {
          predicate,
          resolve: (v) => (clearTimeout(timer), resolve(v)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        };
        waiters.add(waiter);
        settle();
      });
    },
    /** Resolves with `{type: 'complete'}` or `{type: 'error', error, body}` when the stream ends. */
    end,
    get failure() {
      return failure;
    },
    cancel() {
      if (!ended) {
        stream.cancel();
        finish({ type: 'cancelled' });
      }
    },
  };
}

function parseErrorBody(message) {
  try {
    return JSON.parse(message);
  } catch {
    return null;
  }
}

function describeEnd(outcome) {
  return outcome.type === 'error' ? `error ${outcome.error.code}: ${outcome.error.message}` : outcome.type;
}

export function summary(messages) {
  const shown = messages.slice(-12).map((m) => `${m.kind}#${m.sequence}`);
  return (messages.length > 12 ? '... ' : '') + shown.join(' ');
}

/** Awaits a stream's end, failing if it does not end within `timeoutMs`. */
export async function endOf(stream, timeoutMs) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${stream.route}: did not end within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([stream.end, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
