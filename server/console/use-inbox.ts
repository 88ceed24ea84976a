import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from './api';
import { errorMessage } from './api-error';
import { applyMessage, sortConversations, upsertConversation } from './inbox-order';
import type { ChatMessage, Conversation, ConversationStatusFilter, InboxEvent } from './types';
import type { StreamStatus } from './use-live-events';

/** The inbox list, its live connection, and a way for the open conversation to hear the same stream. */
export interface Inbox {
  conversations: Conversation[];
  loading: boolean;
  error: string | null;
  status: StreamStatus;
  /** Opens the stream again after the browser gave up on it (status 'offline'). */
  reconnect(): void;
  /** Every stream event, after the list has applied it; returns an unsubscribe function. */
  onEvent(cb: (event: InboxEvent) => void): () => void;
  /** Called when the stream is back after a drop, so views can fetch what they missed; returns an unsubscribe function. */
  onCatchUp(cb: () => void): () => void;
  /** Puts a conversation the operator changed (closed, reopened) into the list at once. */
  update(conversation: Conversation): void;
  /** Shows a conversation as read in the list. */
  markSeen(id: string): void;
  /** Shows a message the operator just sent as the conversation's last one. */
  noteMessage(message: ChatMessage): void;
}

/**
 * Conversations of one site for a status filter, unread first then newest, kept current by the inbox SSE stream.
 * The stream opens before the first fetch so nothing falls between them; after a drop the list is fetched again.
 * `viewing` is the conversation on screen: its new visitor messages do not count as unread.
 */
export function useInbox(api: Api, site: string, filter: ConversationStatusFilter, viewing: string | null): Inbox {
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [attempt, setAttempt] = useState(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const viewingRef = useRef(viewing);
  viewingRef.current = viewing;
  const listeners = useRef(new Set<(event: InboxEvent) => void>());
  const catchUps = useRef(new Set<() => void>());
  const fetchGen = useRef(0);
  const refetch = useRef<() => void>(() => undefined);

  // Fetches the list for the current filter; a newer fetch wins over an older one still in flight.
  const load = useCallback(() => {
    const gen = ++fetchGen.current;
    const wanted = filterRef.current;
    api.listConversations(site, wanted).then(
      (list) => {
        if (gen !== fetchGen.current) return;
        setConversations(sortConversations(list));
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (gen !== fetchGen.current) return;
        setError(errorMessage(err));
        setLoading(false);
      },
    );
  }, [api, site]);
  refetch.current = load;

  useEffect(() => {
    setLoading(true);
    setConversations((prev) => prev.filter((c) => filter === 'all' || c.status === filter));
    load();
  }, [load, filter]);

  useEffect(() => {
    let current = true;
    let lostConnection = false;
    setStatus('connecting');
    const close = api.streamInbox(site, {
      onEvent(event) {
        if (!current) return;
        if (event.type === 'conversation' && event.conversation?.id) {
          setConversations((prev) => upsertConversation(prev, event.conversation, filterRef.current));
        } else if (event.type === 'message' && event.message) {
          const message = { ...event.message, conversationId: event.message.conversationId ?? event.conversationId };
          let unknown = false;
          // Preact runs a state updater at once, so `unknown` is set when the call returns.
          setConversations((prev) => {
            const next = applyMessage(prev, message, viewingRef.current);
            if (next) return next;
            unknown = true;
            return prev;
          });
          // A message of a conversation the list does not hold yet: most likely a new one. Fetch the list.
          if (unknown) refetch.current();
        }
        listeners.current.forEach((cb) => cb(event));
      },
      onOpen() {
        if (!current) return;
        setStatus('live');
        if (lostConnection) {
          // Whatever happened while the stream was down never reaches it: fetch again.
          lostConnection = false;
          refetch.current();
          catchUps.current.forEach((cb) => cb());
        }
      },
      onError(closed) {
        if (!current) return;
        lostConnection = true;
        setStatus(closed ? 'offline' : 'reconnecting');
        // Refused for good: most often an expired session; asking /me sends the operator back to the login form.
        if (closed) api.me().catch(() => undefined);
      },
    });
    // A reconnect after the browser gave up: fetch too, since events may have been missed.
    if (attempt > 0) {
      refetch.current();
      catchUps.current.forEach((cb) => cb());
    }
    return () => {
      current = false;
      close();
    };
  }, [api, site, attempt]);

  const onEvent = useCallback((cb: (event: InboxEvent) => void) => {
    listeners.current.add(cb);
    return () => void listeners.current.delete(cb);
  }, []);
  const onCatchUp = useCallback((cb: () => void) => {
    catchUps.current.add(cb);
    return () => void catchUps.current.delete(cb);
  }, []);
  const update = useCallback((conversation: Conversation) => {
    setConversations((prev) => upsertConversation(prev, conversation, filterRef.current));
  }, []);

  const markSeen = useCallback((id: string) => {
    setConversations((prev) =>
      prev.some((c) => c.id === id && c.unreadForOperator)
        ? sortConversations(prev.map((c) => (c.id === id ? { ...c, unreadForOperator: 0 } : c)))
        : prev,
    );
  }, []);
  const noteMessage = useCallback((message: ChatMessage) => {
    setConversations((prev) => applyMessage(prev, message, viewingRef.current) ?? prev);
  }, []);

  return {
    conversations,
    loading,
    error,
    status,
    reconnect: () => setAttempt((n) => n + 1),
    onEvent,
    onCatchUp,
    update,
    markSeen,
    noteMessage,
  };
}
