import { useEffect, useRef } from 'preact/hooks';
import { parseMarkup } from '../../shared/parse-markup';
import type { ChatMessage } from '../chat-types';
import type { OpenMessage } from '../create-messages';
import { formatWhen } from '../format-when';
import type { Strings } from '../strings';
import { Markup } from './Markup';
import { MessageText } from './MessageText';

/** The messages with the greeting placed among them by time (messages still on their way stay last). */
const list = (messages: ChatMessage[], g?: OpenMessage): (ChatMessage | OpenMessage)[] => {
  if (!g) return messages;
  const i = messages.findIndex((m) => m.pending || m.createdAt > g.at);
  return i < 0 ? [...messages, g] : [...messages.slice(0, i), g, ...messages.slice(i)];
};

/** Props of {@link MessageList}. */
export interface MessageListProps {
  messages: ChatMessage[];
  typing: boolean;
  online: boolean;
  t: Strings;
  locale: string;
  /** A chat prompt's greeting: a bubble from the team, shown here only (never sent), placed by when it was shown. */
  greeting?: OpenMessage;
}

/**
 * The conversation as a live region (role="log", polite): screen readers hear new messages as they arrive.
 * Each bubble names its author for them; sighted visitors see the side and colour. Keeps the newest in view.
 */
export function MessageList({ messages, typing, online, t, locale, greeting }: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    el.scrollTop = el.scrollHeight;
  }, [messages.length, typing]);
  return (
    // Focusable so keyboard users can scroll it.
    <div class="l" ref={ref} role="log" aria-live="polite" aria-label={t.messages} tabIndex={0}>
      {messages.length || greeting ? null : <p class="e0">{t.empty}</p>}
      {list(messages, greeting).map((m) =>
        'x' in m ? (
          <div key="greeting" class="m o" lang={m.loc}>
            <span class="sr">{t.agent}: </span>
            {m.x.t ? (
              <p>
                <b>{m.x.t}</b>
              </p>
            ) : null}
            {m.x.b ? (
              <p>
                <Markup nodes={parseMarkup(m.x.b)} />
              </p>
            ) : null}
          </div>
        ) : (
          <div key={m.clientId || m.id} class={'m ' + m.author[0] + (m.failed ? ' f' : '')}>
            <span class="sr">{m.author == 'visitor' ? t.you : t.agent}: </span>
            <MessageText text={m.text} />
            <small>
              {m.failed ? t.notSent + ': ' + t[m.failed] : m.pending ? (online ? t.sending : t.queued) : formatWhen(m.createdAt, locale)}
            </small>
          </div>
        ),
      )}
      {typing ? <p class="t">{t.typing}</p> : null}
    </div>
  );
}
