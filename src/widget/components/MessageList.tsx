import { useEffect, useRef } from 'preact/hooks';
import type { ChatMessage } from '../chat-types';
import { formatWhen } from '../format-when';
import type { Strings } from '../strings';
import { MessageText } from './MessageText';

/** Props of {@link MessageList}. */
export interface MessageListProps {
  messages: ChatMessage[];
  typing: boolean;
  online: boolean;
  t: Strings;
  locale: string;
}

/**
 * The conversation as a live region (role="log", polite): screen readers hear new messages as they arrive.
 * Each bubble names its author for them; sighted visitors see the side and colour. Keeps the newest in view.
 */
export function MessageList({ messages, typing, online, t, locale }: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    el.scrollTop = el.scrollHeight;
  }, [messages.length, typing]);
  return (
    // Focusable so keyboard users can scroll it.
    <div class="l" ref={ref} role="log" aria-live="polite" aria-label={t.messages} tabIndex={0}>
      {messages.length ? null : <p class="e0">{t.empty}</p>}
      {messages.map((m) => (
        <div key={m.clientId || m.id} class={'m ' + m.author[0] + (m.failed ? ' f' : '')}>
          <span class="sr">{m.author == 'visitor' ? t.you : t.agent}: </span>
          <MessageText text={m.text} />
          <small>
            {m.failed ? t.notSent + ': ' + t[m.failed] : m.pending ? (online ? t.sending : t.queued) : formatWhen(m.createdAt, locale)}
          </small>
        </div>
      ))}
      {typing ? <p class="t">{t.typing}</p> : null}
    </div>
  );
}
