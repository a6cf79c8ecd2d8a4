import type { PluralForms } from './ru';

/**
 * Messages of methodical products, expert review, the cabinet and creative groups: Russian first (the reference), English with the same keys
 * (checked by the type). Merged into ru.ts and en.ts.
 */
export const libraryRu = {
};

export const libraryEn: Record<keyof typeof libraryRu, string | PluralForms> = {
};
