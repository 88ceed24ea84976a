import { useEffect, useRef } from 'preact/hooks';
import type { Chat } from '../create-chat';
import type { OpenMessage } from '../create-messages';
import type { WidgetHost, WidgetView } from '../host';
import { STRINGS } from '../strings';
import { trapFocus } from '../trap-focus';
import { ChatView } from './ChatView';
import { FeedbackView } from './FeedbackView';

/** Props of {@link App}. */
export interface AppProps {
  host: WidgetHost;
  chat: Chat;
  view: WidgetView;
  /** Full screen (narrow viewport): the dialog is modal and keeps focus inside. */
  full: boolean;
  /** A chat prompt's greeting, shown in the conversation; the panel it opens does not take focus (unless modal). */
  greeting?: OpenMessage;
  onClose(reason: 'close' | 'escape'): void;
  onView(view: WidgetView): void;
}

/**
 * The open panel: a dialog named by its heading. It takes focus when it opens or changes view (the message box
 * on a desktop; the dialog itself full screen, so a phone keyboard does not cover the conversation at once),
 * closes on Esc, and traps Tab only when it is modal.
 */
export function App({ host, chat, view, full, greeting, onClose, onView }: AppProps) {
  const t = STRINGS[host.locale] || STRINGS.en;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = ref.current!;
    if (full || !greeting) ((!full && view == 'chat' && box.querySelector('textarea')) || box).focus();
  }, [view]);
  return (
    <div
      class="p"
      ref={ref}
      role="dialog"
      aria-modal={full ? 'true' : undefined}
      aria-labelledby="kz-t"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key == 'Escape') {
          e.stopPropagation();
          onClose('escape');
        } else if (e.key == 'Tab' && full) trapFocus(e, ref.current!);
      }}
    >
      <div class="h">
        <h2 id="kz-t">{view == 'chat' ? t.chat : t.feedback}</h2>
        <button type="button" onClick={() => onView(view == 'chat' ? 'feedback' : 'chat')}>
          {view == 'chat' ? t.feedback : t.chat}
        </button>
        <button type="button" class="x" aria-label={t.close} onClick={() => onClose('close')}>
          ×
        </button>
      </div>
      {view == 'chat' ? <ChatView chat={chat} t={t} locale={host.locale} greeting={greeting} /> : <FeedbackView chat={chat} t={t} />}
    </div>
  );
}
