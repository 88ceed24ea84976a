import { describe, expect, it } from 'vitest';
import { uuid } from '../../src/core/uuid';

describe('uuid', () => {
  it('is a UUID v7 with the RFC 9562 variant', () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('starts with the time, so ids sort in the order events happened', () => {
    const t = Date.parse('2026-11-24T00:00:00Z');
    expect(uuid(t).replace(/-/g, '').slice(0, 12)).toBe(t.toString(16).padStart(12, '0'));
    expect(uuid(t) < uuid(t + 1)).toBe(true);
  });
  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuid(0)));
    expect(ids.size).toBe(10_000);
  });
});

describe('uuid ordering', () => {
  it('keeps a burst of ids made in the same millisecond in the order they were made', () => {
    const ids = Array.from({ length: 1000 }, () => uuid());
    expect([...ids].sort()).toEqual(ids);
  });
});
