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

/**
 * A same-origin multipart upload (XMLHttpRequest, the one browser API that reports upload
 * progress), with the session cookie and the CSRF header like {@link http}. `onProgress` gets
 * the share sent, 0..1, while the body goes out; then the JSON answer or an ApiError /
 * OfflineError as {@link http} gives.
 */
export function upload<T>(path: string, form: FormData, onProgress: (sent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    const csrf = cookie('XSRF-TOKEN');
    if (csrf) request.setRequestHeader('X-XSRF-TOKEN', csrf);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.upload.onload = () => onProgress(1);
    request.onerror = () => {
      reachable.set(false);
      reject(new OfflineError('upload failed'));
    };
    request.onload = () => {
      reachable.set(true);
      let body: unknown = undefined;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(body as T);
        return;
      }
      const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      if (request.status === 401) onUnauthenticated();
      reject(new ApiError(request.status, typeof problem.code === 'string' ? problem.code : undefined, problem));
    };
    request.send(form);
  });
}
