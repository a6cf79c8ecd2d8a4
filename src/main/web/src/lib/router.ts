import { Store } from './store';

/**
 * Pages of the UI, by hash route (no server-side routes needed): #/, #/login,
 * #/events/42/dashboard, #/checkin/42?code=… (where the QR code leads), #/host/42.
 */
export type Route =
  | { page: 'home' }
  | { page: 'login'; next?: string }
  | { page: 'dashboard'; eventId: number }
  | { page: 'checkin'; eventId: number; code?: string }
  | { page: 'host'; eventId: number }
  | { page: 'card'; teacherId?: number }
  | { page: 'teachers'; organisationId: number }
  | { page: 'year-end'; networkId: number; schoolYear?: number }
  | { page: 'not-found' };

export function parse(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 'login' && parts.length === 1) {
    return { page: 'login', next: new URLSearchParams(query).get('next') ?? undefined };
  }
  const id = Number(parts[1]);
  const validId = Number.isSafeInteger(id) && id > 0;
  if (parts[0] === 'events' && validId && parts[2] === 'dashboard' && parts.length === 3) {
    return { page: 'dashboard', eventId: id };
  }
  if (parts[0] === 'checkin' && validId && parts.length === 2) {
    const code = new URLSearchParams(query).get('code')?.trim();
    return code ? { page: 'checkin', eventId: id, code } : { page: 'checkin', eventId: id };
  }
  if (parts[0] === 'host' && validId && parts.length === 2) return { page: 'host', eventId: id };
  if (parts[0] === 'card' && parts.length === 1) return { page: 'card' };
  if (parts[0] === 'card' && validId && parts.length === 2) return { page: 'card', teacherId: id };
  if (parts[0] === 'organisations' && validId && parts[2] === 'teachers' && parts.length === 3) {
    return { page: 'teachers', organisationId: id };
  }
  if (parts[0] === 'networks' && validId && parts[2] === 'year-end' && parts.length === 3) {
    const year = Number(new URLSearchParams(query).get('year'));
    return Number.isInteger(year) && year >= 2000 && year <= 2100
      ? { page: 'year-end', networkId: id, schoolYear: year }
      : { page: 'year-end', networkId: id };
  }
  return { page: 'not-found' };
}

export const route = new Store<Route>(parse(location.hash));

window.addEventListener('hashchange', () => route.set(parse(location.hash)));

export function navigate(hash: string): void {
  if (location.hash === hash) route.set(parse(hash));
  else location.hash = hash;
}

export const links = {
  home: () => '#/',
  login: (next?: string) => (next && next !== '#/' ? `#/login?next=${encodeURIComponent(next)}` : '#/login'),
  dashboard: (eventId: number) => `#/events/${eventId}/dashboard`,
  checkin: (eventId: number) => `#/checkin/${eventId}`,
  host: (eventId: number) => `#/host/${eventId}`,
  card: (teacherId?: number) => (teacherId ? `#/card/${teacherId}` : '#/card'),
  teachers: (organisationId: number) => `#/organisations/${organisationId}/teachers`,
  yearEnd: (networkId: number, schoolYear?: number) =>
    `#/networks/${networkId}/year-end${schoolYear ? `?year=${schoolYear}` : ''}`,
};
