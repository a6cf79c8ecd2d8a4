import { ErrorCodes } from 'rsocket-core';

/**
 * The error codes the server sends in the JSON message of an ERROR frame (schemas/error.json):
 * APPLICATION_ERROR for a request, REJECTED_SETUP for a connection whose token is refused.
 */
export const ErrorCode = Object.freeze({
  NOT_FOUND: 'not_found',
  BAD_INPUT: 'bad_input',
  UNKNOWN_ROUTE: 'unknown_route',
  INTERNAL: 'internal',
  UNAUTHENTICATED: 'unauthenticated',
  TOKEN_EXPIRED: 'token_expired',
  TOKEN_INVALID: 'token_invalid',
  TOKEN_REVOKED: 'token_revoked',
  FORBIDDEN: 'forbidden',
  UNAVAILABLE: 'unavailable',
});

/**
 * An error from the server or the connection. `code` is one of {@link ErrorCode}, or
 * `connection` (transport lost or unreachable), `closed` (the client was closed) or
 * `protocol_violation` (the server sent something that breaks the contract).
 * `retryable` tells whether a subscription retries by itself; `token_expired` is not, unless
 * the client has a token function to ask for a fresh one (the subscription decides that).
 */
export class ProtocolError extends Error {
  constructor(code, detail, { route, rsocketCode, cause } = {}) {
    super(route ? `${route}: ${code}: ${detail}` : `${code}: ${detail}`, cause ? { cause } : undefined);
    this.name = 'ProtocolError';
    this.code = code;
    this.detail = detail;
    this.route = route;
    this.rsocketCode = rsocketCode;
  }

  get retryable() {
    return RETRYABLE.has(this.code);
  }
}

const RETRYABLE = new Set([ErrorCode.INTERNAL, ErrorCode.UNAVAILABLE, 'connection', 'protocol_violation']);

// Spring answers an unmapped destination with this text unless the server maps it to JSON.
const SPRING_NO_HANDLER = /no handler for destination/i;

/** Turns whatever rsocket-js hands to onError into a {@link ProtocolError}. */
export function toProtocolError(error, route) {
  if (error instanceof ProtocolError) {
    return error;
  }
  // rsocket-js compiles `class RSocketError extends Error` to ES5, where instanceof fails:
  // an RSocket error is recognised by its numeric frame error code instead.
  if (typeof error?.code === 'number') {
    const rsocketCode = error.code;
    if (rsocketCode === ErrorCodes.APPLICATION_ERROR) {
      const body = parseErrorBody(error.message);
      if (body) {
        return new ProtocolError(body.code, body.detail, { route, rsocketCode, cause: error });
      }
      const code = SPRING_NO_HANDLER.test(error.message) ? ErrorCode.UNKNOWN_ROUTE : ErrorCode.INTERNAL;
      return new ProtocolError(code, error.message, { route, rsocketCode, cause: error });
    }
    if (rsocketCode === ErrorCodes.INVALID) {
      return new ProtocolError(ErrorCode.BAD_INPUT, error.message, { route, rsocketCode, cause: error });
    }
    if (rsocketCode === ErrorCodes.REJECTED_SETUP) {
      // The server refused the connection's token: its message says why, e.g. token_expired.
      const body = parseErrorBody(error.message);
      return new ProtocolError(body?.code ?? ErrorCode.UNAUTHENTICATED, body?.detail ?? error.message, { route, rsocketCode, cause: error });
    }
    // REJECTED, CANCELED and every other connection-level code: the request may succeed on a new try.
    return new ProtocolError('connection', error.message, { route, rsocketCode, cause: error });
  }
  return new ProtocolError('connection', error?.message ?? String(error), { route, cause: error });
}

/**
 * {@link toProtocolError} for a request of a command: the error keeps the server's whole JSON
 * as `body` (e.g. `checkedInAt`, `retryAfter`), or `{code, detail}` when it sent none.
 */
export function toCommandError(error, route) {
  const problem = toProtocolError(error, route);
  try {
    problem.body = JSON.parse(error?.message);
  } catch {
    problem.body = { code: problem.code, detail: problem.detail };
  }
  return problem;
}

function parseErrorBody(message) {
  try {
    const body = JSON.parse(message);
    if (body && typeof body.code === 'string') {
      return { code: body.code, detail: typeof body.detail === 'string' ? body.detail : '' };
    }
  } catch {
    // not JSON: the caller decides
  }
  return null;
}
