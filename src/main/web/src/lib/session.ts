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
    if (error instanceof ApiError && error.status === 404) {
      me.set(interim.user());
    } else if (error instanceof ApiError && error.status === 401) {
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
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      return interim.login(username, password);
    }
    return failure(error);
  }
}

export async function logout(): Promise<void> {
  sessionToken.forget();
  try {
    if (interim.user()) await interim.logout();
    else await http<void>('/logout', { method: 'POST', anonymous: true });
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
  refreshToken?: string;
}

/**
 * The bearer token the live connection presents in its RSocket SETUP: issued for the session
 * by `POST /api/auth/session-token` and asked again a minute before it expires. Undefined while
 * the server has no such endpoint (live streams are open until security is enforced).
 */
export const sessionToken = (() => {
  let cached: { token: string | undefined; until: number } | null = null;
  return {
    async get(): Promise<string | undefined> {
      if (cached && Date.now() < cached.until) return cached.token;
      const fromInterim = await interim.accessToken();
      if (fromInterim !== null) {
        cached = fromInterim;
        return cached.token;
      }
      try {
        const issued = await http<IssuedToken>('/api/auth/session-token', { method: 'POST' });
        cached = { token: issued.accessToken, until: Date.now() + Math.max(issued.expiresIn - 60, 10) * 1000 };
      } catch (error) {
        if (!(error instanceof ApiError && (error.status === 404 || error.status === 405))) throw error;
        cached = { token: undefined, until: Date.now() + 5 * 60_000 };
      }
      return cached.token;
    },
    forget(): void {
      cached = null;
    },
  };
})();

/**
 * Until the server serves `POST /login` and `GET /api/me` (security work in progress), the UI
 * logs in with the token endpoint for API clients and reads who the user is from the access
 * token's claims; the tokens live in sessionStorage, so they end with the tab. This object goes
 * away when the session endpoints land.
 */
const interim = (() => {
  const KEY = 'centrik.interim-session';
  interface Stored {
    user: Me;
    accessToken: string;
    refreshToken: string;
    until: number;
  }
  const read = (): Stored | null => {
    try {
      const raw = sessionStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as Stored) : null;
    } catch {
      return null;
    }
  };
  const store = (issued: IssuedToken, user: Me) => {
    const stored: Stored = {
      user,
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken ?? '',
      until: Date.now() + Math.max(issued.expiresIn - 60, 10) * 1000,
    };
    sessionStorage.setItem(KEY, JSON.stringify(stored));
    return stored;
  };
  const claims = (jwt: string): Record<string, unknown> => {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  };
  return {
    user: (): Me | null => read()?.user ?? null,
    async login(username: string, password: string): Promise<LoginOutcome> {
      try {
        const issued = await http<IssuedToken & { mustChangePassword?: boolean }>('/api/auth/token', {
          method: 'POST',
          anonymous: true,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ login: username, password }),
        });
        const c = claims(issued.accessToken);
        const user: Me = {
          id: Number(c.sub),
          login: String(c.login ?? username),
          displayName: String(c.login ?? username),
          teacherId: null,
          organisationId: null,
          mustChangePassword: Boolean(issued.mustChangePassword),
          roles: (c.roles as RoleGrant[] | undefined) ?? [],
          hosts: [],
        };
        store(issued, user);
        me.set(user);
        return { ok: true, user };
      } catch (error) {
        return failure(error);
      }
    },
    async accessToken(): Promise<{ token: string; until: number } | null> {
      const stored = read();
      if (!stored) return null;
      if (Date.now() < stored.until) return { token: stored.accessToken, until: stored.until };
      const issued = await http<IssuedToken>('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: stored.refreshToken }),
      });
      const next = store(issued, stored.user);
      return { token: next.accessToken, until: next.until };
    },
    async logout(): Promise<void> {
      const stored = read();
      sessionStorage.removeItem(KEY);
      if (stored?.refreshToken) {
        await http<void>('/api/auth/logout', {
          method: 'POST',
          anonymous: true,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: stored.refreshToken }),
        }).catch(() => undefined);
      }
    },
  };
})();

/** The user's grants of one role. */
export function grantsOf(user: Me, role: RoleGrant['role']): RoleGrant[] {
  return user.roles.filter((grant) => grant.role === role);
}
