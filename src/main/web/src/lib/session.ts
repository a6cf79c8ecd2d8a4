import { ApiError, http } from './api';
import type { Me, RoleGrant } from './model';
import { Store } from './store';

/** The logged-in user; null when nobody is (or the session ended). */
export const me = new Store<Me | null>(null);

export type LoginOutcome =
  | { ok: true; user: Me }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'too_many_attempts'; retryAfter: number }
  | { ok: false; reason: 'offline' | 'failed' };

/** Asks the server who is logged in (`GET /api/me`). */
export async function loadMe(): Promise<Me | null> {
  try {
    me.set(await http<Me>('/api/me', { anonymous: true }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      me.set(null);
    } else {
      throw error;
    }
  }
  return me.value;
}

/** `POST /login` with the form fields; the session cookie comes back with the user. */
export async function login(username: string, password: string): Promise<LoginOutcome> {
  try {
    const user = await http<Me>('/login', {
      method: 'POST',
      anonymous: true,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }),
    });
    me.set(user);
    return { ok: true, user };
  } catch (error) {
    return failure(error);
  }
}

export async function logout(): Promise<void> {
  sessionToken.forget();
  try {
    await http<void>('/logout', { method: 'POST', anonymous: true });
  } finally {
    me.set(null);
  }
}

function failure(error: unknown): LoginOutcome {
  if (error instanceof ApiError && error.code === 'bad_credentials') return { ok: false, reason: 'bad_credentials' };
  if (error instanceof ApiError && error.status === 401) return { ok: false, reason: 'bad_credentials' };
  if (error instanceof ApiError && error.status === 429) {
    return { ok: false, reason: 'too_many_attempts', retryAfter: Number(error.body.retryAfter ?? 60) };
  }
  if (error instanceof ApiError) return { ok: false, reason: 'failed' };
  return { ok: false, reason: 'offline' };
}

interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/**
 * The bearer token the live connection presents in its RSocket SETUP: issued for the session
 * by `POST /api/auth/session-token` and asked again a minute before it expires.
 */
export const sessionToken = (() => {
  let cached: { token: string | undefined; until: number } | null = null;
  return {
    async get(): Promise<string | undefined> {
      if (cached && Date.now() < cached.until) return cached.token;
      const issued = await http<IssuedToken>('/api/auth/session-token', { method: 'POST' });
      cached = { token: issued.accessToken, until: Date.now() + Math.max(issued.expiresIn - 60, 10) * 1000 };
      return cached.token;
    },
    forget(): void {
      cached = null;
    },
  };
})();

/** The user's grants of one role. */
export function grantsOf(user: Me, role: RoleGrant['role']): RoleGrant[] {
  return user.roles.filter((grant) => grant.role === role);
}
