import { useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import { errorMessage } from '../api-error';

/** Props of {@link ReplyBox}. */
export interface ReplyBoxProps {
  /** Sends the reply; a rejection keeps the text and shows the error. */
  onSend(text: string): Promise<void>;
  /** Tells the visitor whether the operator is typing (throttled here; failures are ignored). */
  onTyping(typing: boolean): void;
  /** Longest reply the server takes. */
  maxLength?: number;
  /** How often "typing" may be sent while the operator keeps typing. */
  typingEveryMs?: number;
}

/** The operator's reply box: Enter sends, Shift+Enter starts a new line, disabled while sending, errors shown. */
export function ReplyBox({ onSend, onTyping, maxLength = 4000, typingEveryMs = 3000 }: ReplyBoxProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const area = useRef<HTMLTextAreaElement>(null);

  const stopTyping = () => {
    if (lastTyping.current) {
      lastTyping.current = 0;
      onTyping(false);
    }
  };

  const input = (value: string) => {
    setText(value);
    if (!value.trim()) {
      stopTyping();
      return;
    }
    const now = Date.now();
    if (now - lastTyping.current >= typingEveryMs) {
      lastTyping.current = now;
      onTyping(true);
    }
  };

  const send = async () => {
    const reply = text.trim();
    if (!reply || sending) return;
    if (reply.length > maxLength) {
      setError(`A reply can be at most ${maxLength} characters (this one has ${reply.length}).`);
      return;
    }
    setSending(true);
    setError(null);
    try {
      await onSend(reply);
      setText('');
      // The message itself ends the visitor's "typing…" display; reset the throttle for the next reply.
      lastTyping.current = 0;
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
      // Disabling the textarea while sending drops its focus: give it back so the operator can keep writing.
      queueMicrotask(() => area.current?.focus());
    }
  };

  const keydown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    // While an IME composes (Japanese, Chinese…), Enter confirms the conversion: it must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void send();
  };

  return (
    <form
      class="reply"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label for="reply-text" class="visually-hidden">
        Reply
      </label>
      <textarea
        id="reply-text"
        ref={area}
        rows={3}
        value={text}
        disabled={sending}
        placeholder="Write a reply… (Enter sends, Shift+Enter for a new line)"
        aria-describedby={error ? 'reply-error' : undefined}
        onInput={(event) => input(event.currentTarget.value)}
        onKeyDown={keydown}
        onBlur={stopTyping}
      />
      <div class="reply-actions">
        {error && (
          <p id="reply-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={sending || !text.trim()}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
