import type { PluralForms } from './ru';

/**
 * Messages of the activity card, the organisation's teachers, the year end and certificate verification: Russian first (the reference), English with the same keys
 * (checked by the type). Merged into ru.ts and en.ts.
 */
export const cardRu = {
};

export const cardEn: Record<keyof typeof cardRu, string | PluralForms> = {
};
