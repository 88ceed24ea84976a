import { useState } from 'preact/hooks';
import type { Chat } from '../create-chat';
import type { Strings } from '../strings';

/**
 * The message box: Enter sends, Shift+Enter breaks the line, and Enter that confirms a Japanese IME conversion
 * does not send (isComposing; keyCode 229 for Safari, which clears isComposing first).
 */
export function Composer({ chat, t }: { chat: Chat; t: Strings }) {
  const [text, setText] = useState('');
  const submit = (e?: Event) => {
    e?.preventDefault();
    if (chat.send(text)) setText('');
  };
  return (
    <form class="c" onSubmit={submit}>
      <textarea
        rows={1}
        aria-label={t.write}
        placeholder={t.write}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          chat.typing();
        }}
        onKeyDown={(e) => {
          if (e.key == 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode != 229) submit(e);
        }}
      />
      <button class="b">{t.send}</button>
    </form>
  );
}
