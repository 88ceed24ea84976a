import type { Chat } from '../create-chat';
import type { OpenMessage } from '../create-messages';
import type { Strings } from '../strings';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { Notice } from './Notice';
import { RatingForm } from './RatingForm';

/** The chat: availability, the conversation (with a chat prompt's greeting), a rating once it ends, errors, and the message box. */
export function ChatView({ chat, t, locale, greeting }: { chat: Chat; t: Strings; locale: string; greeting?: OpenMessage }) {
  const s = chat.state;
  if (s.config && !s.config.enabled) return <p class="v2">{t.unavailable}</p>;
  return (
    <>
      <Notice chat={chat} t={t} locale={locale} />
      <MessageList messages={s.messages} typing={s.typing} online={s.error != 'network' && navigator.onLine} t={t} locale={locale} greeting={greeting} />
      {s.conversation?.status == 'closed' ? (
        <div class="ce">
          {s.ended ? <RatingForm scale="stars" question={t.rateChat} t={t} onSubmit={chat.rate} /> : null}
          <p class="t">{t.ended}</p>
        </div>
      ) : null}
      {s.error ? (
        <p class="er" role="alert">
          {t[s.error]}
        </p>
      ) : null}
      <Composer chat={chat} t={t} />
    </>
  );
}
