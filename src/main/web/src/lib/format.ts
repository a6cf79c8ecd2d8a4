import { locale, t } from '../i18n/i18n';

/**
 * Dates and times in the user's own time zone (the browser's), in the formats of the UI's
 * language: 22 ноября 2026 г., 18:30.
 */
function format(iso: string | Date, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale(), options).format(typeof iso === 'string' ? new Date(iso) : iso);
}

export const formatTime = (iso: string | Date, seconds = false) =>
  format(iso, seconds ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' });

export const formatDate = (iso: string | Date) =>
  format(iso, { day: 'numeric', month: 'long', weekday: 'short' });

export const formatDateTime = (iso: string | Date) =>
  format(iso, { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

/** "сб, 22 ноября, 18:00–19:30". */
export function formatPeriod(startsAt: string, endsAt: string): string {
  return t('event.when', { date: formatDate(startsAt), from: formatTime(startsAt), to: formatTime(endsAt) });
}

/** "3 мин", "45 с": how long until a retry. */
export function formatDuration(seconds: number): string {
  const unit = seconds >= 90 ? 'minute' : 'second';
  const value = unit === 'minute' ? Math.ceil(seconds / 60) : Math.max(1, Math.round(seconds));
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** The school year a date falls in, named by the calendar year it starts in (1 September). */
export function schoolYearOf(date: Date): number {
  return date.getMonth() >= 8 ? date.getFullYear() : date.getFullYear() - 1;
}

/** "2025/26". */
export function formatSchoolYear(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}
