import type { PluralForms } from './ru';

/**
 * Messages of the registry, the bank of practices, requests and the matrix: Russian first (the reference), English with the same keys
 * (checked by the type). Merged into ru.ts and en.ts.
 */
export const matrixRu = {
};

export const matrixEn: Record<keyof typeof matrixRu, string | PluralForms> = {
};
