import { useState } from 'preact/hooks';
import type { Chat } from '../create-chat';
import { formatWhen } from '../format-when';
import type { Strings } from '../strings';
import { fill } from '../strings';

/**
 * The bar above the conversation: when a reply can be expected (reply time in business hours; outside them,
 * when the team is back, in the visitor's own time zone), an email field for the answer once a conversation
 * exists outside business hours, and "End conversation".
 */
export function Notice({ chat, t, locale }: { chat: Chat; t: Strings; locale: string }) {
  const s = chat.state;
  const c = s.config;
  const [email, setEmail] = useState('');
  const open = s.conversation?.status == 'open';
  const asking = c && !c.online && open && !s.emailed;
  return (
    <div class="n">
      <p>
        {!c ? '' : c.online ? fill(t.online, { n: c.replyTimeMinutes }) : c.nextOpen ? fill(t.away, { t: formatWhen(c.nextOpen, locale) }) : t.awayNoTime}
        {s.emailed ? ' ' + fill(t.emailSaved, { e: s.emailed }) : ''}
      </p>
      {open ? (
        <button type="button" class="lk" onClick={() => chat.end()}>
          {t.end}
        </button>
      ) : null}
      {asking ? (
        <form
          class="c"
          onSubmit={(e) => {
            e.preventDefault();
            void chat.email(email.trim());
          }}
        >
          <label class="sr" for="kz-em">
            {t.emailAsk}
          </label>
          <input id="kz-em" type="email" required autocomplete="email" placeholder={t.email} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          <button class="b">{t.save}</button>
        </form>
      ) : null}
    </div>
  );
}
