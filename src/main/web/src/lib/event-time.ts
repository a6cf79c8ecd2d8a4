import { locale } from '../i18n/i18n';

/**
 * Times of an event in the event's own time zone (the IANA zone it is held in), whatever the
 * browser's zone is, and the conversion back from a wall-clock time in that zone to an instant.
 */

function partsIn(instant: number, zone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const value: Record<string, number> = {};
  for (const part of parts) if (part.type !== 'literal') value[part.type] = Number(part.value);
  return value;
}

/** The zone's offset from UTC at an instant, in minutes (Moscow: 180). */
export function offsetMinutes(instant: number, zone: string): number {
  const p = partsIn(instant, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

/**
 * The instant of a wall-clock time (`2026-10-25T01:30`) in a zone, as ISO 8601 with the zone's
 * offset at that instant (`2026-10-25T01:30:00+03:00`); right across daylight-saving changes.
 */
export function zonedToIso(local: string, zone: string): string {
  const [date, time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let offset = offsetMinutes(wall, zone);
  offset = offsetMinutes(wall - offset * 60000, zone);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(hh)}:${pad(mm)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall-clock time of an instant in a zone, for a datetime-local input (`2026-10-25T01:30`). */
export function isoToZoned(iso: string, zone: string): string {
  const p = partsIn(Date.parse(iso), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour % 24)}:${pad(p.minute)}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayIn(iso: string, zone: string): string {
  return isoToZoned(iso, zone).slice(0, 10);
}

function format(iso: string, zone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, ...options }).format(new Date(iso));
}

/** "10:00" in the event's zone. */
export const timeIn = (iso: string, zone: string) => format(iso, zone, { hour: '2-digit', minute: '2-digit' });

/** "пн, 23 ноября" in the event's zone. */
export const dateIn = (iso: string, zone: string) => format(iso, zone, { weekday: 'short', day: 'numeric', month: 'long' });

/** "GMT+3": the zone's offset at that instant. */
export function zoneLabel(iso: string, zone: string): string {
  const part = new Intl.DateTimeFormat(locale(), { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** The browser's own zone. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "пн, 23 ноября, 10:00–12:00 (GMT+3)": the period in the event's zone, with its offset. */
export function periodIn(startsAt: string, endsAt: string, zone: string): string {
  const sameDay = dayIn(startsAt, zone) === dayIn(endsAt, zone);
  const end = sameDay ? timeIn(endsAt, zone) : `${dateIn(endsAt, zone)}, ${timeIn(endsAt, zone)}`;
  return `${dateIn(startsAt, zone)}, ${timeIn(startsAt, zone)}–${end} (${zoneLabel(startsAt, zone)})`;
}

/** "15:00–16:30 (GMT+3)": the times only, in the event's zone. */
export function timesIn(startsAt: string, endsAt: string, zone: string): string {
  return `${timeIn(startsAt, zone)}–${timeIn(endsAt, zone)} (${zoneLabel(startsAt, zone)})`;
}

/** Whether the zone's offset at this instant differs from the browser's. */
export function differsFromBrowser(iso: string, zone: string): boolean {
  const instant = Date.parse(iso);
  return offsetMinutes(instant, zone) !== offsetMinutes(instant, browserZone());
}

/** The time zones offered in the editor: Russia's, west to east (and the event's own, if another). */
export const ZONES = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
];
