import { describe, expect, it } from 'vitest';
import { backoff, parseRetryAfter, RETRY_AFTER_CAP_MS, RETRY_CAP_MS } from '../../src/transport/retry';

describe('backoff', () => {
  it('doubles per attempt, between half and the whole of the step', () => {
    expect(backoff(0, () => 0)).toBe(500);
    expect(backoff(0, () => 1)).toBe(1000);
    expect(backoff(3, () => 0)).toBe(4000);
    expect(backoff(3, () => 1)).toBe(8000);
  });
  it('never waits longer than the cap, however many attempts failed', () => {
    expect(backoff(40, () => 1)).toBe(RETRY_CAP_MS);
    expect(backoff(1000, () => 0.5)).toBeLessThanOrEqual(RETRY_CAP_MS);
  });
  it('spreads a fleet of clients that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => Math.round(backoff(4))));
    expect(delays.size).toBeGreaterThan(40);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });
  it('reads an HTTP date, and a past date means now', () => {
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores a missing or unreadable header (the caller falls back to backoff)', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
  it('caps an absurd wait at one hour', () => {
    expect(parseRetryAfter('99999999', now)).toBe(RETRY_AFTER_CAP_MS);
  });
});
