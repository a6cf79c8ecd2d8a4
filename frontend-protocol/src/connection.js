import { RSocketConnector } from 'rsocket-core';
import { WebsocketClientTransport } from 'rsocket-websocket-client';
import { ProtocolError, toProtocolError } from './errors.js';
import { DATA_MIME_TYPE, METADATA_MIME_TYPE, setupMetadata } from './metadata.js';

/**
 * One RSocket connection shared by every subscription of a client. It opens lazily, at most one
 * attempt at a time, and forgets a connection as soon as it closes so the next acquire opens a
 * new one. Retrying is the subscriptions' business.
 */
export class Connection {
  #options;
  #current = null;
  #closed = false;
  #causes = new WeakMap();

  constructor(options) {
    this.#options = options;
  }

  /** The open RSocket, opening one when there is none. */
  acquire() {
    if (this.#closed) {
      return Promise.reject(new ProtocolError('closed', 'the client is closed'));
    }
    if (!this.#current) {
      const attempt = this.#open();
      this.#current = attempt;
      attempt.then(
        (rsocket) =>
          rsocket.onClose((error) => {
            if (error) this.#causes.set(rsocket, error);
            this.#forget(attempt);
          }),
        () => this.#forget(attempt),
      );
    }
    return this.#current;
  }

  /** Closes the transport under every subscription as if the network had dropped it. */
  drop(reason = 'dropped by the client') {
    const current = this.#current;
    this.#current = null;
    current?.then((rsocket) => rsocket.close(new Error(reason)), () => {});
  }

  /**
   * Why an RSocket of this connection closed, as a {@link ProtocolError}, or null while it is
   * open. rsocket-js closes the streams of a connection with a plain "Closed" error before it
   * tells why (e.g. REJECTED_SETUP with `{"code": "token_expired"}`): ask once that is over.
   */
  closeCause(rsocket, route) {
    const error = this.#causes.get(rsocket);
    return error ? toProtocolError(error, route) : null;
  }

  /** Whether a token refused as expired can be renewed: the token is a function, asked on every connection. */
  get renewsToken() {
    return typeof this.#options.token === 'function';
  }

  close() {
    this.#closed = true;
    this.drop('client closed');
  }

  #forget(attempt) {
    if (this.#current === attempt) {
      this.#current = null;
    }
  }

  async #open() {
    const options = this.#options;
    const token = await resolveToken(options.token);
    const transport = await createTransport(options);
    const connector = new RSocketConnector({
      transport,
      setup: {
        dataMimeType: DATA_MIME_TYPE,
        metadataMimeType: METADATA_MIME_TYPE,
        keepAlive: options.keepAliveMs ?? 15_000,
        lifetime: options.lifetimeMs ?? 45_000,
        payload: token ? { data: undefined, metadata: setupMetadata(token) } : undefined,
      },
    });
    const rsocket = await withTimeout(connector.connect(), options.connectTimeoutMs ?? 10_000, where(options));
    if (this.#closed) {
      rsocket.close();
      throw new ProtocolError('closed', 'the client is closed');
    }
    return rsocket;
  }
}

export async function resolveToken(token) {
  return typeof token === 'function' ? await token() : token;
}

async function createTransport(options) {
  if (options.url) {
    const WebSocketImpl = options.WebSocket ?? globalThis.WebSocket ?? (await import('ws')).default;
    const transport = new WebsocketClientTransport({
      url: options.url,
      wsCreator: (url) => {
        const socket = new WebSocketImpl(url);
        // rsocket-websocket-client stops listening for 'error' when it closes; the `ws` package
        // throws an 'error' nobody listens to, which would end the whole Node process.
        socket.addEventListener('error', () => {});
        return socket;
      },
    });
    return {
      // rsocket-websocket-client rejects with `event.error`, which browsers leave undefined.
      connect: (factory) =>
        transport.connect(factory).catch((error) => {
          throw new ProtocolError('connection', `cannot open ${options.url}: ${error?.message ?? 'WebSocket error'}`, { cause: error });
        }),
    };
  }
  if (options.tcp) {
    const { tcpTransport } = await import('./tcp.js');
    const transport = tcpTransport(options.tcp);
    return {
      connect: (factory) =>
        transport.connect(factory).catch((error) => {
          throw new ProtocolError('connection', `cannot open tcp://${options.tcp.host}:${options.tcp.port}: ${error?.message ?? error}`, { cause: error });
        }),
    };
  }
  throw new TypeError('connect() needs { url } (WebSocket) or { tcp: { host, port } }');
}

function where(options) {
  return options.url ?? `tcp://${options.tcp.host}:${options.tcp.port}`;
}

function withTimeout(promise, ms, target) {
  let timedOut = false;
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new ProtocolError('connection', `no connection to ${target} within ${ms} ms`));
    }, ms);
  });
  // A connection that arrives after the timeout is closed, not leaked.
  promise.then((rsocket) => timedOut && rsocket.close(), () => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
