import { Store } from './store';

/** An HTTP answer other than 2xx; `code` is the problem detail's stable code when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly body: Record<string, unknown>,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ''}`);
  }
}

/** The server could not be reached at all. */
export class OfflineError extends Error {}

/** Whether the last HTTP call reached the server (false when it failed on the network). */
export const reachable = new Store<boolean>(true);

/** Called on a 401 from the API: the session is gone, so the app shows the login page. */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function cookie(name: string): string | undefined {
  const entry = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : undefined;
}

/**
 * A same-origin call with the session cookie. Unsafe methods carry the CSRF token from the
 * `XSRF-TOKEN` cookie as `X-XSRF-TOKEN`. Resolves to the JSON body (undefined for 204).
 */
export async function http<T>(path: string, init: RequestInit & { anonymous?: boolean } = {}): Promise<T> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json, application/problem+json');
  const csrf = cookie('XSRF-TOKEN');
  if (UNSAFE.has(method) && csrf) headers.set('X-XSRF-TOKEN', csrf);
  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  } catch (error) {
    reachable.set(false);
    throw new OfflineError(String(error));
  }
  reachable.set(true);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter && problem.retryAfter === undefined) problem.retryAfter = Number(retryAfter);
    const error = new ApiError(response.status, typeof problem.code === 'string' ? problem.code : undefined, problem);
    if (response.status === 401 && !init.anonymous) onUnauthenticated();
    throw error;
  }
  return body as T;
}

export const get = <T>(path: string) => http<T>(path);
