import { useEffect, useRef } from 'preact/hooks';
import type { Chat } from '../create-chat';
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
  onClose(): void;
  onView(view: WidgetView): void;
}

/**
 * The open panel: a dialog named by its heading. It takes focus when it opens or changes view (the message box
 * on a desktop; the dialog itself full screen, so a phone keyboard does not cover the conversation at once),
 * closes on Esc, and traps Tab only when it is modal.
 */
export function App({ host, chat, view, full, onClose, onView }: AppProps) {
  const t = STRINGS[host.locale] || STRINGS.en;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = ref.current!;
    ((!full && view == 'chat' && box.querySelector('textarea')) || box).focus();
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
          onClose();
        } else if (e.key == 'Tab' && full) trapFocus(e, ref.current!);
      }}
    >
      <div class="h">
        <h2 id="kz-t">{view == 'chat' ? t.chat : t.feedback}</h2>
        <button type="button" onClick={() => onView(view == 'chat' ? 'feedback' : 'chat')}>
          {view == 'chat' ? t.feedback : t.chat}
        </button>
        <button type="button" class="x" aria-label={t.close} onClick={onClose}>
          ×
        </button>
      </div>
      {view == 'chat' ? <ChatView chat={chat} t={t} locale={host.locale} /> : <FeedbackView chat={chat} t={t} />}
    </div>
  );
}
