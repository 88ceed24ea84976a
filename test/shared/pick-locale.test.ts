import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../src/shared/pick-locale';

describe('pickLocale', () => {
  it('takes the first preferred language that has content, exact tag before language', () => {
    expect(pickLocale(['en', 'ja'], ['ja-JP', 'en'], 'en')).toBe('ja');
    expect(pickLocale(['pt', 'pt-BR'], ['pt-BR'], 'pt')).toBe('pt-BR');
    expect(pickLocale(['en-GB', 'fr'], ['EN-us'], 'fr')).toBe('en-GB');
    expect(pickLocale(['en', 'ja'], ['fr', 'de', 'ja'], 'en')).toBe('ja');
  });

  it('falls back to the default locale', () => {
    expect(pickLocale(['en', 'ja'], ['fr-FR'], 'en')).toBe('en');
    expect(pickLocale(['en'], [], 'en')).toBe('en');
  });
});
