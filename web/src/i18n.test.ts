import { describe, expect, it } from 'vitest';
import { browserLanguage } from './i18n.js';
import { namespaces } from './messages.js';

describe('message catalogues', () => {
  for (const [ns, cat] of Object.entries(namespaces)) {
    it(`${ns}: every key in both languages, none empty`, () => {
      expect(Object.keys(cat.zh).sort()).toEqual(Object.keys(cat.en).sort());
      for (const lng of ['en', 'zh'] as const)
        for (const [key, text] of Object.entries(cat[lng]))
          expect(text.trim(), `${ns}.${key} (${lng})`).not.toBe('');
    });
    it(`${ns}: the same {{placeholders}} in both languages`, () => {
      const names = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      for (const key of Object.keys(cat.en))
        expect(names(cat.zh[key]!), `${ns}.${key}`).toEqual(names(cat.en[key]!));
    });
  }
});

describe('browserLanguage', () => {
  it('takes the first preference it knows', () => {
    expect(browserLanguage(['zh-CN', 'en'])).toBe('zh');
    expect(browserLanguage(['zh-TW'])).toBe('zh');
    expect(browserLanguage(['fr-FR', 'zh'])).toBe('zh');
    expect(browserLanguage(['en-US', 'zh'])).toBe('en');
    expect(browserLanguage(['fr'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
    expect(browserLanguage(['zhx'])).toBe('en');
  });
});
