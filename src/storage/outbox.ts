import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { Message } from '../types';

/** A stored event and the tab that owns (sends) it. */
interface OutboxRecord {
  m: Message;
  /** owner tab id */ o: string;
}

/**
 * The durable outbox: every event is written here before it is sent and deleted only once the collector
 * acknowledged it. IndexedDB through idb-keyval, in a database of its own per site key.
 * Every method resolves even when storage is blocked; the caller keeps its own copy in memory, so a blocked
 * store degrades to memory-only delivery for this page.
 */
export interface Outbox {
  /** Stores messages as owned by this tab. */
  put(messages: Message[]): Promise<void>;
  /** Deletes acknowledged or dropped messages. */
  del(ids: string[]): Promise<void>;
  /**
   * Takes over messages whose owner tab is gone (closed, crashed, or a previous page load) and returns them.
   * Runs under an exclusive Web Lock so two tabs never claim the same message.
   */
  claim(): Promise<Message[]>;
  /** Erases every stored message (consent denied). */
  clear(): Promise<void>;
  /** Releases this tab's ownership lock (page hidden into the back/forward cache), or takes it again. */
  hold(on: boolean): void;
}

const TAB = 'kizuna:tab:';

/** Creates the {@link Outbox} for `key`, owned by tab `tab`. `log` reports failures in debug mode. */
export const createOutbox = (key: string, tab: string, log: (...a: unknown[]) => void): Outbox => {
  let store: UseStore | undefined;
  try {
    store = createStore('kizuna-' + key, 'outbox');
  } catch (e) {
    log(e); // IndexedDB unavailable: events live in memory
  }
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  let release: (() => void) | undefined;
  let held: Promise<unknown> = Promise.resolve();
  const hold = (on: boolean) => {
    release?.();
    release = undefined;
    // A lock held for the tab's lifetime marks it alive for claim(). It is let go on pagehide because a held
    // lock keeps the page out of the back/forward cache (WPT web-locks/bfcache/held.tentative.https.html).
    if (on && locks)
      held = new Promise<void>((granted) => {
        try {
          locks
            .request(TAB + tab, () => new Promise<void>((r) => ((release = r), granted())))
            .catch(granted);
        } catch {
          granted(); // Opaque origins (sandboxed frames) have no lock manager.
        }
      });
  };
  hold(true);
  // Every operation waits until this tab's lock is granted, so no other tab can mistake our fresh records
  // for orphans; and swallows storage errors. Writes go through idb-keyval's store function directly, one
  // transaction per call (its setMany/delMany would also pull in its default store).
  const run = async <T>(fn: (s: UseStore) => Promise<T>, fallback?: T): Promise<T> => {
    if (!store) return fallback!;
    try {
      await held;
      return await fn(store);
    } catch (e) {
      log(e);
      return fallback!;
    }
  };
  const write = (s: UseStore, fn: (os: IDBObjectStore) => void) =>
    s('readwrite', (os) => (fn(os), promisifyRequest(os.transaction)));
  const put = (s: UseStore, ms: Message[]) => write(s, (os) => ms.forEach((m) => os.put({ m, o: tab }, m.messageId)));
  return {
    put: (ms) => run((s) => put(s, ms)),
    del: (ids) => run((s) => write(s, (os) => ids.forEach((id) => os.delete(id)))),
    clear: () => run((s) => write(s, (os) => os.clear())),
    hold,
    claim: () =>
      run(async (s) => {
        const sweep = async () => {
          // Without Web Locks a live tab cannot be told from a dead one: claim everything (single-tab behaviour).
          const live = locks ? ((await locks.query()).held || []).map((l) => l.name) : [];
          // Records come in key order, and UUID v7 keys sort by time.
          const orphans = (await s('readonly', (os) => promisifyRequest<OutboxRecord[]>(os.getAll())))
            .filter((r) => r.o != tab && !live.includes(TAB + r.o))
            .map((r) => r.m);
          await put(s, orphans);
          return orphans;
        };
        return locks ? locks.request('kizuna:claim:' + key, sweep) : sweep();
      }, [] as Message[]),
  };
};
