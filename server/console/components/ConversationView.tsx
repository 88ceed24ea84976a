import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { formatShortTime, formatTime, visitorName } from '../format';
import { routeHref } from '../route';
import type { ChatMessage, Conversation, ConversationDetail } from '../types';
import type { Inbox } from '../use-inbox';
import { Link } from './Link';
import { MessageText } from './MessageText';
import { ReplyBox } from './ReplyBox';
import { VisitorPanel } from './VisitorPanel';

/** Props of {@link ConversationView}. */
export interface ConversationViewProps {
  api: Api;
  site: string;
  id: string;
  /** The inbox whose stream carries this conversation's messages and the visitor's typing. */
  inbox: Pick<Inbox, 'onEvent' | 'onCatchUp' | 'update' | 'markSeen' | 'noteMessage'>;
  /** How long a "visitor is typing" lasts without a new signal (the "stopped" signal can be lost). */
  typingTimeoutMs?: number;
}

const AUTHOR_LABEL: Record<string, string> = { visitor: 'Visitor', operator: 'You', system: 'System' };

/** Oldest-first union by id (the stream and a fetch, or a reply and its echo, may carry the same message). */
export function mergeMessages(a: ChatMessage[], b: ChatMessage[]): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const message of [...a, ...b]) byId.set(message.id, message);
  return [...byId.values()].sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt));
}

/**
 * One conversation: the messages (untrusted text rendered as text, links only for http(s)), the visitor's typing,
 * the reply box, close/reopen, and the visitor's context beside it. Marks the visitor's messages read while open.
 */
export function ConversationView({ api, site, id, inbox, typingTimeoutMs = 6000 }: ConversationViewProps) {
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [visitorTyping, setVisitorTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const log = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const { onEvent, onCatchUp, update, markSeen, noteMessage } = inbox;

  const markRead = useCallback(() => {
    api.markRead(site, id).then(
      () => markSeen(id),
      () => undefined, // Still unread in the list; the next view tries again.
    );
  }, [api, site, id, markSeen]);

  const load = useCallback(() => {
    let current = true;
    api.getConversation(site, id).then(
      (body) => {
        if (!current) return;
        setDetail((prev) => (prev ? { ...body, messages: mergeMessages(prev.messages, body.messages) } : body));
        setError(null);
        markRead();
      },
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [api, site, id, markRead]);

  useEffect(() => {
    setDetail(null);
    setError(null);
    setActionError(null);
    setVisitorTyping(false);
    stick.current = true;
    return load();
  }, [load]);

  useEffect(() => onCatchUp(() => void load()), [onCatchUp, load]);

  useEffect(
    () =>
      onEvent((event) => {
        if (event.type === 'message' && (event.message?.conversationId ?? event.conversationId) === id) {
          const message = { ...event.message, conversationId: id };
          setDetail((prev) => (prev ? { ...prev, messages: mergeMessages(prev.messages, [message]) } : prev));
          if (message.author === 'visitor') {
            setVisitorTyping(false);
            // The operator is looking at it: it is read.
            markRead();
          }
        } else if (event.type === 'conversation' && event.conversation?.id === id) {
          setDetail((prev) => (prev ? { ...prev, conversation: event.conversation } : prev));
        } else if (event.type === 'typing' && event.conversationId === id) {
          clearTimeout(typingTimer.current);
          setVisitorTyping(Boolean(event.typing));
          if (event.typing) typingTimer.current = setTimeout(() => setVisitorTyping(false), typingTimeoutMs);
        }
      }),
    [onEvent, id, markRead, typingTimeoutMs],
  );
  useEffect(() => () => clearTimeout(typingTimer.current), []);

  // Keep the newest message in view unless the operator scrolled up to read older ones.
  useLayoutEffect(() => {
    const el = log.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [detail?.messages.length, visitorTyping]);

  const send = async (text: string) => {
    const message = { ...(await api.reply(site, id, text)), conversationId: id };
    stick.current = true;
    setDetail((prev) => (prev ? { ...prev, messages: mergeMessages(prev.messages, [message]) } : prev));
    noteMessage(message);
    // The collector reopens a closed conversation on reply: show its new state (and times) at once.
    if (closed) load();
  };

  const setStatus = async (close: boolean) => {
    setBusy(true);
    setActionError(null);
    try {
      const conversation = close ? await api.closeConversation(site, id) : await api.reopenConversation(site, id);
      const merged = { ...detail?.conversation, ...conversation } as Conversation;
      setDetail((prev) => (prev ? { ...prev, conversation: merged } : prev));
      update(merged);
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const conversation = detail?.conversation;
  const closed = conversation?.status === 'closed';
  const name = conversation ? visitorName(conversation.visitor ?? {}) : 'Conversation';
  // One heading element from loading to loaded, so the focus the shell gives it after navigation stays.
  return (
    <div class="conversation">
      <div class="thread">
        <div class="thread-top">
          <Link class="back inbox-back" href={routeHref({ view: 'inbox', param: null, site })}>
            ← Inbox
          </Link>
          {/* Phone width: the visitor's context is below the conversation, out of sight. */}
          {detail && (
            <button
              type="button"
              class="quiet visitor-jump"
              onClick={() => {
                const panel = document.getElementById('visitor-panel');
                panel?.scrollIntoView({ block: 'start' });
                panel?.focus({ preventScroll: true });
              }}
            >
              Visitor details ↓
            </button>
          )}
        </div>
        <header class="thread-header">
          <h2 id="view-title" tabIndex={-1}>
            {name}
          </h2>
          {conversation && (
            <>
              <span class={`tag${closed ? '' : ' tag-ok'}`}>{closed ? 'Closed' : 'Open'}</span>
              <button type="button" onClick={() => void setStatus(!closed)} disabled={busy}>
                {closed ? 'Reopen' : 'Close conversation'}
              </button>
            </>
          )}
        </header>
        {!detail &&
          (error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : (
            <p class="empty">Loading…</p>
          ))}
        {actionError && (
          <p class="error" role="alert">
            {actionError}
          </p>
        )}
        {detail && (
          <>
            <div
              class="messages"
              ref={log}
              role="log"
              aria-live="polite"
              aria-label={`Messages with ${name}`}
              tabIndex={0}
              onScroll={(event) => {
                const el = event.currentTarget;
                stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
              }}
            >
              <ol>
                {detail.messages.length === 0 && <li class="muted small">No messages yet.</li>}
                {detail.messages.map((message) => {
                  const author = ['visitor', 'operator', 'system'].includes(message.author) ? message.author : 'system';
                  return (
                    <li key={message.id} class={`msg msg-${author}`}>
                      <span class="visually-hidden">{AUTHOR_LABEL[author]}: </span>
                      <p class="msg-text">
                        <MessageText text={message.text} />
                      </p>
                      <time class="msg-time" dateTime={message.createdAt} title={formatTime(message.createdAt)}>
                        {formatShortTime(message.createdAt)}
                        {author === 'operator' && message.readAt ? ' · Seen' : ''}
                      </time>
                    </li>
                  );
                })}
              </ol>
            </div>
            <p class="typing" aria-live="polite">
              {visitorTyping ? `${name} is typing…` : ''}
            </p>
            {closed && (
              <p class="closed-note muted">This conversation is closed. A reply reopens it.</p>
            )}
            <ReplyBox onSend={send} onTyping={(typing) => void api.typing(site, id, typing).catch(() => undefined)} />
          </>
        )}
      </div>
      {detail && <VisitorPanel conversation={detail.conversation} context={detail.context} site={site} />}
    </div>
  );
}
