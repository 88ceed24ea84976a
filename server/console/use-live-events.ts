import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import { errorMessage } from './api-error';
import { matchesFilter } from './format';
import type { EventFilter, StoredEvent } from './types';

/** State of the SSE connection as the operator sees it. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Everything the events view shows and the actions it offers. */
export interface LiveEvents {
  events: StoredEvent[];
  loading: boolean;
  error: string | null;
  status: StreamStatus;
  paused: boolean;
  /** Events that arrived while paused. */
  pending: number;
  setPaused(paused: boolean): void;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  /** True once the list was trimmed to its cap and older pages are no longer reachable from here. */
  trimmed: boolean;
  /** Opens the stream again after the browser gave up on it (status 'offline'). */
  reconnect(): void;
}

/** Most events kept in memory while a view stays open; the oldest go first. */
export const MAX_EVENTS = 1000;
const PAGE = 50;

function key(event: StoredEvent): string {
  return String(event.id ?? event.messageId);
}

function time(event: StoredEvent): number {
  const t = Date.parse(event.receivedAt ?? event.timestamp);
  return Number.isNaN(t) ? 0 : t;
}

// Newest first: by row id when the server sends numeric ids (its own order, and what the `before` cursor pages
// by), else by arrival time.
function newerFirst(x: StoredEvent, y: StoredEvent): number {
  if (typeof x.id === 'number' && typeof y.id === 'number') return y.id - x.id;
  return time(y) - time(x);
}

/** Newest-first union of two lists without duplicates (the stream and a fetch may both carry an event). */
export function mergeEvents(a: StoredEvent[], b: StoredEvent[]): StoredEvent[] {
  const seen = new Set<string>();
  const out: StoredEvent[] = [];
  for (const event of [...a, ...b]) {
    const k = key(event);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(event);
  }
  // Stable sort: events with equal times keep their arrival order.
  return out.sort(newerFirst);
}

/**
 * Events of one site, newest first: the first page from the API, then new ones from the SSE stream
 * without reload. The stream opens before the first fetch so nothing falls between them; duplicates merge.
 */
export function useLiveEvents(api: Api, site: string, filter: EventFilter): LiveEvents {
  const [events, setEvents] = useState<StoredEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [paused, setPausedState] = useState(false);
  const [pending, setPending] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [trimmed, setTrimmed] = useState(false);
  const pausedRef = useRef(false);
  const buffer = useRef<StoredEvent[]>([]);
  const generation = useRef(0);
  const [attempt, setAttempt] = useState(0);

  const add = useCallback((incoming: StoredEvent[]) => {
    setEvents((prev) => {
      const merged = mergeEvents(incoming, prev);
      if (merged.length <= MAX_EVENTS) return merged;
      setTrimmed(true);
      return merged.slice(0, MAX_EVENTS);
    });
  }, []);

  useEffect(() => {
    const gen = ++generation.current;
    let lostConnection = false;
    buffer.current = [];
    setPending(0);
    setEvents((prev) => prev.filter((event) => matchesFilter(event, filter)));
    setLoading(true);
    setError(null);
    setNext(null);
    setTrimmed(false);
    setStatus('connecting');

    const fetchLatest = () =>
      api.listEvents(site, { type: filter.type, name: filter.name, limit: PAGE }).then(
        (page) => {
          if (gen !== generation.current) return;
          setEvents((prev) => mergeEvents(prev.filter((event) => matchesFilter(event, filter)), page.events));
          if (!lostConnection) setNext(page.next);
          setLoading(false);
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          setError(errorMessage(err));
          setLoading(false);
        },
      );

    const close = api.streamEvents(site, filter, {
      onEvent(event) {
        if (gen !== generation.current || !matchesFilter(event, filter)) return;
        if (pausedRef.current) {
          buffer.current = mergeEvents([event], buffer.current);
          setPending(buffer.current.length);
        } else {
          add([event]);
        }
      },
      onOpen() {
        if (gen !== generation.current) return;
        setStatus('live');
        // Events sent while the connection was down never reach the stream: fetch the newest page again.
        if (lostConnection) void fetchLatest();
      },
      onError(closed) {
        if (gen !== generation.current) return;
        lostConnection = true;
        setStatus(closed ? 'offline' : 'reconnecting');
        // The browser stops retrying when the stream answers with an error status: most often an expired
        // session. Asking /me sends the operator back to the login form if so (the API client reports 401s).
        if (closed) api.me().catch(() => undefined);
      },
    });
    void fetchLatest();
    return () => {
      generation.current++;
      close();
    };
  }, [api, site, filter.type, filter.name, add, attempt]);

  const setPaused = useCallback(
    (value: boolean) => {
      pausedRef.current = value;
      setPausedState(value);
      if (!value && buffer.current.length) {
        add(buffer.current);
        buffer.current = [];
        setPending(0);
      }
    },
    [add],
  );

  const loadOlder = useCallback(() => {
    if (!next || loadingOlder) return;
    const gen = generation.current;
    setLoadingOlder(true);
    api.listEvents(site, { type: filter.type, name: filter.name, before: next, limit: PAGE }).then(
      (page) => {
        if (gen !== generation.current) return;
        setEvents((prev) => mergeEvents(prev, page.events));
        setNext(page.next);
        setLoadingOlder(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setError(errorMessage(err));
        setLoadingOlder(false);
      },
    );
  }, [api, site, filter.type, filter.name, next, loadingOlder]);

  return {
    events,
    loading,
    error,
    status,
    paused,
    pending,
    setPaused,
    hasOlder: next !== null && !trimmed,
    loadingOlder,
    loadOlder,
    trimmed,
    reconnect: () => setAttempt((n) => n + 1),
  };
}
