/**
 * The page's languages: English and Simplified Chinese, from message catalogues.
 * Each part of the app keeps its own catalogue (`messages.ts` beside its views,
 * `{ en: {...}, zh: {...} }` with the same keys) and registers it as a namespace here;
 * a test checks that every key exists in both languages. Codes the server labels
 * (flags, statuses, roles…) are not in these catalogues: they come from
 * GET /api/v1/meta in both languages (meta.ts).
 *
 * The language: the user's choice (kept in localStorage), else the browser's
 * preference (`zh*` → Chinese), else English.
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Catalogue = Record<Language, Record<string, string>>;

const CHOICE_KEY = 'tipwire.lang';

/** The browser's first preference we have, else English. */
export function browserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    if (/^zh\b/i.test(tag)) return 'zh';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}

function storedChoice(): Language | null {
  try {
    const v = globalThis.localStorage?.getItem(CHOICE_KEY);
    return v === 'en' || v === 'zh' ? v : null;
  } catch {
    return null;
  }
}

export function initialLanguage(): Language {
  const nav = globalThis.navigator;
  return storedChoice() ?? browserLanguage(nav ? (nav.languages ?? [nav.language ?? '']) : []);
}

/** Starts i18next with the given namespaces (one per part of the app). */
export async function initI18n(namespaces: Record<string, Catalogue>, lng = initialLanguage()) {
  const resources: Record<Language, Record<string, Record<string, string>>> = { en: {}, zh: {} };
  for (const [ns, cat] of Object.entries(namespaces)) {
    resources.en[ns] = cat.en;
    resources.zh[ns] = cat.zh;
  }
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    ns: Object.keys(namespaces),
    defaultNS: Object.keys(namespaces)[0],
    // React escapes what it renders; i18next must not escape twice.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  setDocumentLanguage(lng);
  return i18next;
}

function setDocumentLanguage(lng: Language) {
  if (typeof document !== 'undefined')
    document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en';
}

/** The user's choice: remembered, applied at once. */
export async function chooseLanguage(lng: Language) {
  try {
    globalThis.localStorage?.setItem(CHOICE_KEY, lng);
  } catch {
    // A private window may refuse storage: the choice holds for this page only.
  }
  await i18next.changeLanguage(lng);
  setDocumentLanguage(lng);
}

export const currentLanguage = (): Language => (i18next.language === 'zh' ? 'zh' : 'en');

/** The language now, in a component: it renders again when the language changes. */
export function useLang(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'zh' ? 'zh' : 'en';
}
