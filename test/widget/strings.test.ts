import { describe, expect, it } from 'vitest';
import { fill, STRINGS } from '../../src/widget/strings';

const placeholders = (s: string) => (s.match(/\{\w+\}/g) || []).sort();

describe('widget strings', () => {
  it('has every English key in Japanese (and no extra ones), none empty', () => {
    expect(Object.keys(STRINGS.ja).sort()).toEqual(Object.keys(STRINGS.en).sort());
    for (const locale of ['en', 'ja'] as const)
      for (const [key, value] of Object.entries(STRINGS[locale])) expect(value.trim(), `${locale}.${key}`).not.toBe('');
  });

  it('keeps the same placeholders in both languages, so no value goes missing in translation', () => {
    for (const [key, value] of Object.entries(STRINGS.en))
      expect(placeholders(STRINGS.ja[key as keyof typeof STRINGS.en]), key).toEqual(placeholders(value));
  });

  it('is Japanese in Japanese', () => {
    expect(STRINGS.ja.send).toBe('送信');
    expect(STRINGS.ja.close).not.toBe(STRINGS.en.close);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill(STRINGS.en.online, { n: 5 })).toBe('We reply in about 5 min.');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
