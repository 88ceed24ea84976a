import { describe, expect, it } from 'vitest';
import { hasPrivacySignal, initialConsent, mayChangeConsent } from '../../src/core/consent';

describe('consent rules', () => {
  it('starts where the owner configured it when the browser sends no privacy signal', () => {
    expect(initialConsent('granted', true, false)).toBe('granted');
    expect(initialConsent('pending', true, false)).toBe('pending');
  });
  it('honours Global Privacy Control / Do Not Track by default, whatever the configured state', () => {
    expect(initialConsent('granted', true, true)).toBe('denied');
    expect(initialConsent('pending', true, true)).toBe('denied');
  });
  it('lets an owner ignore the signal only together with explicit consent', () => {
    expect(initialConsent('pending', false, true)).toBe('pending');
    expect(initialConsent('granted', false, true)).toBe('denied');
  });
  it('a site cannot grant over an honoured signal, but can always deny', () => {
    expect(mayChangeConsent(true, 'granted')).toBe(false);
    expect(mayChangeConsent(true, 'denied')).toBe(true);
    expect(mayChangeConsent(false, 'granted')).toBe(true);
  });
  it('reads the signals from the navigator', () => {
    expect(hasPrivacySignal({ globalPrivacyControl: true } as never)).toBe(true);
    expect(hasPrivacySignal({ doNotTrack: '1' } as never)).toBe(true);
    expect(hasPrivacySignal({ doNotTrack: 'unspecified' } as never)).toBe(false);
  });
});
