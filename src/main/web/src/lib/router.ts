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
  | { page: 'schedule' }
  | { page: 'event'; eventId: number }
  | { page: 'event-editor'; eventId: number }
  | { page: 'library'; view: LibraryView }
  | { page: 'bank' }
  | { page: 'practice'; practiceId: number }
  | { page: 'practice-form'; practiceId?: number }
  | { page: 'requests' }
  | { page: 'request'; requestId: number }
  | { page: 'matrix'; networkId?: number; year?: number }
  | { page: 'registry'; networkId?: number }
  | { page: 'organisation'; organisationId: number }
  | { page: 'card'; teacherId?: number }
  | { page: 'teachers'; organisationId: number }
  | { page: 'year-end'; networkId: number; schoolYear?: number }
  | { page: 'not-found' };

/** Views of the methodical cabinet: #/library, #/library/products, /reviews, /coordination, /groups. */
export type LibraryView = 'cabinet' | 'products' | 'reviews' | 'coordination' | 'groups';
const LIBRARY_VIEWS: LibraryView[] = ['cabinet', 'products', 'reviews', 'coordination', 'groups'];

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
  if (parts[0] === 'schedule' && parts.length === 1) return { page: 'schedule' };
  if (parts[0] === 'events' && parts[1] === 'new' && parts.length === 2) return { page: 'event-editor', eventId: 0 };
  if (parts[0] === 'events' && validId && parts.length === 2) return { page: 'event', eventId: id };
  if (parts[0] === 'events' && validId && parts[2] === 'edit' && parts.length === 3) return { page: 'event-editor', eventId: id };
  if (parts[0] === 'library' && parts.length <= 2) {
    const view = (parts[1] ?? 'cabinet') as LibraryView;
    if (LIBRARY_VIEWS.includes(view)) return { page: 'library', view };
  }
  const matrixRoute = parseMatrix(parts, id, validId, query);
  if (matrixRoute) return matrixRoute;
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

/** The pages of the registry, the bank, the requests and the matrix (docs/matrix.md). */
function parseMatrix(parts: string[], id: number, validId: boolean, query: string): Route | null {
  if (parts[0] === 'practices') {
    if (parts.length === 1) return { page: 'bank' };
    if (parts[1] === 'new' && parts.length === 2) return { page: 'practice-form' };
    if (validId && parts.length === 2) return { page: 'practice', practiceId: id };
    if (validId && parts[2] === 'edit' && parts.length === 3) return { page: 'practice-form', practiceId: id };
  }
  if (parts[0] === 'requests') {
    if (parts.length === 1) return { page: 'requests' };
    if (validId && parts.length === 2) return { page: 'request', requestId: id };
  }
  if (parts[0] === 'matrix') {
    const year = Number(new URLSearchParams(query).get('year'));
    const withYear = Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {};
    if (parts.length === 1) return { page: 'matrix', ...withYear };
    if (validId && parts.length === 2) return { page: 'matrix', networkId: id, ...withYear };
  }
  if (parts[0] === 'registry') {
    if (parts.length === 1) return { page: 'registry' };
    if (validId && parts.length === 2) return { page: 'registry', networkId: id };
  }
  if (parts[0] === 'organisations' && validId && parts.length === 2) return { page: 'organisation', organisationId: id };
  return null;
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
  schedule: () => '#/schedule',
  event: (eventId: number) => `#/events/${eventId}`,
  newEvent: () => '#/events/new',
  editEvent: (eventId: number) => `#/events/${eventId}/edit`,
  library: (view: LibraryView = 'cabinet') => (view === 'cabinet' ? '#/library' : `#/library/${view}`),
  bank: () => '#/practices',
  practice: (practiceId: number) => `#/practices/${practiceId}`,
  newPractice: () => '#/practices/new',
  editPractice: (practiceId: number) => `#/practices/${practiceId}/edit`,
  requests: () => '#/requests',
  request: (requestId: number) => `#/requests/${requestId}`,
  matrix: (networkId?: number, year?: number) =>
    `#/matrix${networkId ? `/${networkId}` : ''}${year ? `?year=${year}` : ''}`,
  registry: (networkId?: number) => `#/registry${networkId ? `/${networkId}` : ''}`,
  organisation: (organisationId: number) => `#/organisations/${organisationId}`,
  card: (teacherId?: number) => (teacherId ? `#/card/${teacherId}` : '#/card'),
  teachers: (organisationId: number) => `#/organisations/${organisationId}/teachers`,
  yearEnd: (networkId: number, schoolYear?: number) =>
    `#/networks/${networkId}/year-end${schoolYear ? `?year=${schoolYear}` : ''}`,
};
