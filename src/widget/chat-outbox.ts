import { load, save } from './storage';

/** A chat message written but not yet acknowledged by the collector. */
export interface Queued {
  clientId: string;
  text: string;
  /** Who wrote it: after reset() a queued message of the previous visitor is dropped, never sent as the new one. */
  anonymousId: string;
  page: { url: string; title: string };
  createdAt: string;
}

/** The offline queue of chat messages. */
export interface ChatOutbox {
  /** Everything still waiting, oldest first (read afresh: another tab may have sent some). */
  all(): Queued[];
  add(q: Queued): void;
  /**
   * Sends each waiting message in order with `send`, which resolves true when the message is settled (sent, or
   * refused for good) and false or rejects to stop and keep the rest for later. One run at a time; a call during
   * a run makes it go round again, so nothing added meanwhile waits for the next trigger.
   */
  flush(send: (q: Queued) => Promise<boolean>): Promise<void>;
}

/**
 * Keeps unsent chat messages in `localStorage['kizuna:<key>:chat-outbox']` so they survive going offline and
 * reloading, and are sent once each: an entry leaves the queue only after the collector answered for it (and
 * the collector is idempotent on clientId, so a crash between the two costs no duplicate).
 */
export const createChatOutbox = (key: string): ChatOutbox => {
  const storeKey = 'kizuna:' + key + ':chat-outbox';
  let mem: Queued[] = load<Queued[]>(storeKey) || [];
  let running: Promise<void> | undefined;
  let again = false;
  const all = () => (mem = load<Queued[]>(storeKey) || mem);
  const write = (next: Queued[]) => save(storeKey, (mem = next));

  return {
    all,
    add: (q) => write([...all(), q]),
    flush: (send) => {
      again = true;
      // `.finally` clears `running` only after it is assigned, even when the run ends without awaiting anything.
      return (running ||= (async () => {
        try {
          while (again) {
            again = false;
            for (const q of all()) {
              if (!(await send(q))) return;
              write(all().filter((x) => x.clientId != q.clientId));
            }
          }
        } catch {
          // Offline or the collector is down: the rest waits for the next trigger (online event, next load).
        }
      })().finally(() => (running = undefined)));
    },
  };
};
