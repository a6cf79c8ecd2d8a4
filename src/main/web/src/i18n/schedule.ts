import type { PluralForms } from './ru';

/**
 * Messages of the schedule, the event page and the host's event editor: Russian first (the reference), English with the same keys
 * (checked by the type). Merged into ru.ts and en.ts.
 */
export const scheduleRu = {
};

export const scheduleEn: Record<keyof typeof scheduleRu, string | PluralForms> = {
};
