import { beforeEach, describe, expect, it } from 'vitest';
import { createIdentity, SESSION_IDLE_MS } from '../../src/core/identity';

describe('identity', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the session while active and starts a new one after 30 minutes idle', () => {
    const id = createIdentity('site', true);
    const t = Date.parse('2026-11-24T09:00:00Z');
    const s1 = id.touch(t);
    expect(id.touch(t + SESSION_IDLE_MS - 1)).toBe(s1);
    expect(id.touch(t + 2 * SESSION_IDLE_MS)).not.toBe(s1);
    expect(id.id.n).toBe(2);
  });

  it('writes nothing until persistence is on, and erases on persist(false)', () => {
    const id = createIdentity('site', false);
    id.touch(Date.now());
    expect(localStorage.length).toBe(0);
    id.persist(true);
    expect(JSON.parse(localStorage.getItem('kizuna:site')!).a).toBe(id.id.a);
    id.persist(false);
    expect(localStorage.length).toBe(0);
  });
});
