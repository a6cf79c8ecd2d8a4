import { Store } from '../lib/store';
import { en } from './en';
import { ru, type MessageKey, type Messages } from './ru';

export type Language = 'ru' | 'en';

const STORAGE_KEY = 'centrik.language';
const bundles: Record<Language, Messages> = { ru, en };
const intlLocales: Record<Language, string> = { ru: 'ru-RU', en: 'en-GB' };

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'ru' || stored === 'en') return stored;
  } catch {
    // storage may be disabled; Russian it is
  }
  return 'ru';
}

/** The language of the UI: Russian unless the user chose English (kept in localStorage). */
export const language = new Store<Language>(initialLanguage());

export function setLanguage(next: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // the choice then lasts for this page only
  }
  language.set(next);
}

language.subscribe((lang) => {
  document.documentElement.lang = lang;
});
document.documentElement.lang = language.value;

/** The Intl locale of the current language (Russian formats by default). */
export function locale(): string {
  return intlLocales[language.value];
}

type Params = Record<string, string | number>;

/**
 * The message `key` in the current language with `{name}` placeholders filled in. A plural
 * message picks its form by `params.n`, as Intl.PluralRules says for the language.
 */
export function t(key: MessageKey, params: Params = {}): string {
  const message = bundles[language.value][key] ?? ru[key];
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const category = new Intl.PluralRules(locale()).select(Number(params.n ?? 0));
    text = message[category] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}
