import type { ChatEvent, ChatNotice } from '../store/chat-types.js';
import type { Store } from '../store/store.js';

/** What a stream subscriber receives: an event, or word that it may have missed some (read from its cursor). */
export type HubSignal = { kind: 'event'; event: ChatEvent } | { kind: 'resync' };

/** A subscriber; it must not throw (the hub guards it anyway). */
export type HubListener = (signal: HubSignal) => void;

/** One process's fan-out of chat notifications to its open streams. */
export interface ChatHub {
  /** Events for one visitor (their conversations; operator typing). */
  subscribeVisitor(visitorId: string, listener: HubListener): () => void;
  /** Events for a site's operators (every conversation; visitor typing). */
  subscribeSite(siteId: string, listener: HubListener): () => void;
  stop(): Promise<void>;
}

function parseNotice(payload: string): ChatNotice | null {
  try {
    const n = JSON.parse(payload) as ChatNotice;
    return n && (n.k === 'e' || n.k === 't') && typeof n.s === 'string' && typeof n.v === 'string' ? n : null;
  } catch {
    return null;
  }
}

/**
 * Listens once per process on the database's chat channel and hands each notification to the streams that want
 * it. A notification carries ids only; the hub reads the stored event once (whatever the number of streams)
 * and only when someone here is subscribed. Notifications are processed in arrival order (PostgreSQL sends them
 * in commit order), batched into one read while a read is in flight.
 */
export async function createChatHub(store: Store): Promise<ChatHub> {
  const visitors = new Map<string, Set<HubListener>>();
  const sites = new Map<string, Set<HubListener>>();
  const pending: ChatNotice[] = [];
  let draining = false;

  const deliver = (listeners: Set<HubListener> | undefined, signal: HubSignal): void => {
    for (const listener of listeners ?? []) {
      try {
        listener(signal);
      } catch {
        // One broken stream must not stop the others.
      }
    }
  };

  const drain = async (): Promise<void> => {
    if (draining) return;
    draining = true;
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0, pending.length);
        const wanted = batch.filter((n) => n.k === 'e' && (visitors.has(n.v) || sites.has(n.s))).map((n) => (n as { id: string }).id);
        const rows = new Map((await store.chat.eventsByIds(wanted).catch(() => [])).map((e) => [e.id, e]));
        for (const n of batch) {
          if (n.k === 't') {
            const event: ChatEvent = { id: null, type: 'typing', data: { conversationId: n.c, typing: n.on } };
            deliver(n.from === 'operator' ? visitors.get(n.v) : sites.get(n.s), { kind: 'event', event });
            continue;
          }
          const row = rows.get(n.id);
          if (!row) continue;
          if (row.visitorData !== null) deliver(visitors.get(row.visitorId), { kind: 'event', event: { id: row.id, type: row.type, data: row.visitorData } });
          if (row.operatorData !== null) deliver(sites.get(row.siteId), { kind: 'event', event: { id: row.id, type: row.type, data: row.operatorData } });
        }
      }
    } finally {
      draining = false;
    }
  };

  const stopListening = await store.listenChat(
    (payload) => {
      const notice = parseNotice(payload);
      if (!notice) return;
      pending.push(notice);
      void drain();
    },
    () => {
      for (const set of [...visitors.values(), ...sites.values()]) deliver(set, { kind: 'resync' });
    },
  );

  const subscribe = (map: Map<string, Set<HubListener>>, key: string, listener: HubListener): (() => void) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && map.get(key) === set) map.delete(key);
    };
  };

  return {
    subscribeVisitor: (visitorId, listener) => subscribe(visitors, visitorId, listener),
    subscribeSite: (siteId, listener) => subscribe(sites, siteId, listener),
    stop: stopListening,
  };
}
