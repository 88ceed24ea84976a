import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../server/store/migrations.js';
import { createPgliteDb } from '../../server/store/pglite-db.js';
import { createSqlStore } from '../../server/store/sql-store.js';
import type { Store } from '../../server/store/store.js';
import { storedMessage } from './helpers/messages.js';
import { closeTestStore, openTestStore, schemaOf, STORE_KINDS, uniqueId } from './helpers/test-stores.js';

describe.each(STORE_KINDS)('store on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => closeTestStore(store));

  const newSite = async (overrides: { retentionDays?: number | null } = {}) =>
    store.createSite({ id: uniqueId(), name: 'Test', origins: [], timezone: 'UTC', retentionDays: null, ...overrides });

  it('applies migrations once: a second run (another collector starting) applies nothing', async () => {
    if (kind === 'postgres') {
      // Two collectors starting at once on the same schema: the advisory lock makes one wait for the other.
      const [a, b] = await Promise.all([
        openTestStore('postgres', { schema: schemaOf(store)! }),
        openTestStore('postgres', { schema: schemaOf(store)! }),
      ]);
      expect(await a.listSites()).toEqual(await b.listSites());
      await Promise.all([a.close(), b.close()]);
    } else {
      const db = await createPgliteDb();
      expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(db)).toEqual([]);
      expect(await createSqlStore(db).listSites()).toEqual([]);
      await db.close();
    }
  });

  it('creates the demo site only on an empty store', async () => {
    const fresh = await openTestStore(kind);
    try {
      expect(await fresh.ensureDemoSite()).toBe(true);
      expect(await fresh.ensureDemoSite()).toBe(false);
      const sites = await fresh.listSites();
      expect(sites).toHaveLength(1);
      expect(sites[0]).toMatchObject({ id: 'demo', writeKey: 'pk_demo', origins: ['http://localhost:*', 'http://127.0.0.1:*'] });
      expect((await fresh.findSiteByWriteKey('pk_demo'))?.id).toBe('demo');
    } finally {
      await closeTestStore(fresh);
    }
  });

  it('stores each (site, messageId) once, also within one batch and across concurrent requests', async () => {
    const site = await newSite();
    const a = storedMessage();
    const b = storedMessage();
    expect(await store.ingest(site.id, [a, b, a])).toEqual({ stored: 2, duplicates: 1 });
    expect(await store.ingest(site.id, [a, b])).toEqual({ stored: 0, duplicates: 2 });
    const c = storedMessage();
    const results = await Promise.all([1, 2, 3, 4].map(() => store.ingest(site.id, [c])));
    expect(results.reduce((n, r) => n + r.stored, 0)).toBe(1);
    expect(await store.listEvents(site.id, { limit: 10 })).toHaveLength(3);
    // Another site may use the same messageId.
    const other = await newSite();
    expect(await store.ingest(other.id, [a])).toEqual({ stored: 1, duplicates: 0 });
  });

  it('stores nothing of a batch whose transaction fails', async () => {
    const site = await newSite();
    const good = storedMessage();
    // A NUL character cannot be stored in PostgreSQL text: the statement fails and the whole batch rolls back.
    const bad = storedMessage({ event: 'bad\u0000' });
    await expect(store.ingest(site.id, [good, bad])).rejects.toThrow();
    expect(await store.listEvents(site.id, { limit: 10 })).toEqual([]);
    expect(await store.listPeople(site.id, { limit: 10 })).toEqual([]);
  });

  it('links anonymousId and userId on identify, merges traits and counts events', async () => {
    const site = await newSite();
    const t0 = new Date('2024-05-01T10:00:00Z');
    await store.ingest(site.id, [
      storedMessage({ anonymousId: 'a1', timestamp: t0 }),
      storedMessage({ type: 'identify', event: null, anonymousId: 'a1', userId: 'u1', traits: { email: 'x@example.com', plan: 'free' } }),
    ]);
    await store.ingest(site.id, [
      storedMessage({ type: 'identify', event: null, userId: 'u1', traits: { plan: 'pro' }, anonymousId: null }),
      storedMessage({ anonymousId: 'a2', userId: 'u1' }),
    ]);
    const people = await store.listPeople(site.id, { limit: 10 });
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ userId: 'u1', anonymousIds: ['a1', 'a2'], traits: { email: 'x@example.com', plan: 'pro' }, eventCount: 4 });
    expect(people[0]!.firstSeen).toBe(t0.toISOString());
    for (const id of ['a1', 'a2', 'u1', people[0]!.id]) expect((await store.findPerson(site.id, id))?.id).toBe(people[0]!.id);
    expect(await store.personEvents(site.id, people[0]!)).toHaveLength(4);
  });

  it('merges an anonymous profile into the known user when they turn out to be the same person', async () => {
    const site = await newSite();
    await store.ingest(site.id, [storedMessage({ type: 'identify', event: null, anonymousId: 'laptop', userId: 'u9', traits: { name: 'Ann' } })]);
    await store.ingest(site.id, [storedMessage({ anonymousId: 'phone' }), storedMessage({ anonymousId: 'phone' })]);
    expect(await store.listPeople(site.id, { limit: 10 })).toHaveLength(2);
    await store.ingest(site.id, [storedMessage({ type: 'identify', event: null, anonymousId: 'phone', userId: 'u9' })]);
    const people = await store.listPeople(site.id, { limit: 10 });
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ userId: 'u9', anonymousIds: ['laptop', 'phone'], traits: { name: 'Ann' }, eventCount: 4 });
  });

  it('alias merges previousId into userId', async () => {
    const site = await newSite();
    await store.ingest(site.id, [storedMessage({ anonymousId: 'old-anon' })]);
    await store.ingest(site.id, [storedMessage({ type: 'alias', event: null, anonymousId: null, userId: 'new-user', previousId: 'old-anon' })]);
    const people = await store.listPeople(site.id, { limit: 10 });
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ userId: 'new-user', anonymousIds: ['old-anon'], eventCount: 2 });
  });

  it('never creates the same person twice under concurrent ingests', async () => {
    const site = await newSite();
    await Promise.all(Array.from({ length: 8 }, () => store.ingest(site.id, [storedMessage({ anonymousId: 'racer' })])));
    const people = await store.listPeople(site.id, { limit: 10 });
    expect(people).toHaveLength(1);
    expect(people[0]!.eventCount).toBe(8);
  });

  it('stores a batch of thousands of different users in one transaction (bounded advisory locks)', async () => {
    const site = await newSite();
    const batch = Array.from({ length: 2000 }, (_, i) => storedMessage({ anonymousId: null, userId: `bulk-${i}` }));
    const [a, b] = await Promise.all([store.ingest(site.id, batch.slice(0, 1000)), store.ingest(site.id, batch.slice(1000))]);
    expect(a.stored + b.stored).toBe(2000);
    expect(await store.listPeople(site.id, { limit: 500 })).toHaveLength(500);
    expect((await store.findPerson(site.id, 'bulk-1999'))?.eventCount).toBe(1);
  });

  it('lists events newest first with type/name filters and a cursor, and streams ids after a point', async () => {
    const site = await newSite();
    await store.ingest(site.id, [
      storedMessage({ event: 'A' }),
      storedMessage({ type: 'page', event: null, name: 'Home' }),
      storedMessage({ event: 'B' }),
    ]);
    const all = await store.listEvents(site.id, { limit: 10 });
    expect(all.map((e) => e.event ?? e.name)).toEqual(['B', 'Home', 'A']);
    expect((await store.listEvents(site.id, { limit: 10, type: 'page' })).map((e) => e.name)).toEqual(['Home']);
    expect((await store.listEvents(site.id, { limit: 10, name: 'A' })).map((e) => e.event)).toEqual(['A']);
    expect((await store.listEvents(site.id, { limit: 10, before: all[0]!.id })).map((e) => e.event ?? e.name)).toEqual(['Home', 'A']);
    expect((await store.eventsAfter(site.id, all[2]!.id, {}, 10)).map((e) => e.event ?? e.name)).toEqual(['Home', 'B']);
    expect(await store.latestEventId(site.id)).toBe(all[0]!.id);
  });

  it('exports and erases everything about one person by anonymousId or userId', async () => {
    const site = await newSite();
    await store.ingest(site.id, [
      storedMessage({ anonymousId: 'e-anon' }),
      storedMessage({ type: 'identify', event: null, anonymousId: 'e-anon', userId: 'e-user', traits: { email: 'e@example.com' } }),
      storedMessage({ anonymousId: 'someone-else' }),
    ]);
    const exported = await store.exportPerson(site.id, 'e-user');
    expect(exported?.person).toMatchObject({ userId: 'e-user', traits: { email: 'e@example.com' } });
    expect(exported?.events).toHaveLength(2);
    expect(await store.exportPerson(site.id, 'nobody')).toBeNull();

    expect(await store.deletePerson(site.id, 'e-anon')).toEqual({ events: 2, people: 1, conversations: 0, feedback: 0 });
    expect(await store.exportPerson(site.id, 'e-user')).toBeNull();
    expect(await store.findPerson(site.id, 'e-anon')).toBeNull();
    expect((await store.listEvents(site.id, { limit: 10 })).map((e) => e.anonymousId)).toEqual(['someone-else']);
    expect(await store.deletePerson(site.id, 'e-anon')).toBeNull();
  });

  it('purges events and people older than the site retention, and only that site', async () => {
    const short = await newSite({ retentionDays: 30 });
    const forever = await newSite({ retentionDays: null });
    const old = new Date();
    await store.ingest(short.id, [storedMessage({ anonymousId: 'r1', receivedAt: old, timestamp: old })]);
    await store.ingest(forever.id, [storedMessage({ anonymousId: 'r1', receivedAt: old, timestamp: old })]);
    // 31 days later from the purge's point of view.
    const later = new Date(old.getTime() + 31 * 86_400_000);
    const result = await store.purgeExpired({ now: later, force: true });
    expect(result.events).toBeGreaterThanOrEqual(1);
    expect(await store.listEvents(short.id, { limit: 10 })).toEqual([]);
    expect(await store.listPeople(short.id, { limit: 10 })).toEqual([]);
    expect(await store.listEvents(forever.id, { limit: 10 })).toHaveLength(1);
    // 29 days: nothing of a fresh event goes.
    await store.ingest(short.id, [storedMessage({ receivedAt: later, timestamp: later })]);
    await store.purgeExpired({ now: new Date(later.getTime() + 29 * 86_400_000), force: true });
    expect(await store.listEvents(short.id, { limit: 10 })).toHaveLength(1);
  });

  it('lets one collector purge per period (the lease), the others skip', async () => {
    const now = new Date(Date.now() + 365 * 86_400_000);
    const runs = await Promise.all([1, 2, 3].map(() => store.purgeExpired({ now, minGapMs: 60_000 })));
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
  });

  it('counts events against a per-site window', async () => {
    const site = await newSite();
    const t = 1_700_000_000_000;
    expect(await store.consumeRate(site.id, 6, 10, 10, t)).toEqual({ allowed: true, retryAfterSeconds: 10 });
    expect((await store.consumeRate(site.id, 4, 10, 10, t + 1000)).allowed).toBe(true);
    expect(await store.consumeRate(site.id, 1, 10, 10, t + 2500)).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect((await store.consumeRate(site.id, 1, 10, 10, t + 10_000)).allowed).toBe(true);
  });
});
