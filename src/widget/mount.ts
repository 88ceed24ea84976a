import { render } from 'preact';
// jsx() rather than h(): the components are compiled to it already, so the bundle carries one vnode factory.
import { jsx } from 'preact/jsx-runtime';
import { adoptStyles } from './adopt-styles';
import { App } from './components/App';
import { Message } from './components/Message';
import { createChat } from './create-chat';
import { createMessages, type DismissReason, type OpenMessage } from './create-messages';
import type { Mount, WidgetView } from './host';
import { resolveColor } from './resolve-color';
import { createScrollLock } from './scroll-lock';
import { PHONE, widgetCss } from './styles';

/**
 * Draws the widget into one open shadow root on a `<kizuna-widget>` element at the end of <body> (page CSS cannot
 * reach in, ours cannot leak out) and returns the API the core's `kizuna.chat.*` and `kizuna.feedback.open()`
 * call, and `show()` for the in-app messages its campaign engine finds due. If this visitor already chatted here,
 * the conversation and its live feed start at once, so replies raise the launcher's unread badge while the panel
 * is closed.
 */
export const mount: Mount = (host) => {
  const el = document.createElement('kizuna-widget');
  const root = el.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.className = 'k';
  box.dir = host.dir;
  box.lang = host.locale;
  // In-app messages draw beside the panel, in their own box of the same root (one stylesheet for both).
  const mbox = document.createElement('div');
  mbox.className = 'k';
  root.append(box, mbox);
  document.body.append(el);
  adoptStyles(root, widgetCss(host.options, resolveColor(host.options.color, root)), host.options.nonce);

  const chat = createChat(host);
  const phone = matchMedia(PHONE);
  const lock = createScrollLock();
  let open = false;
  let view: WidgetView = 'chat';
  let before: Element | null = null;
  /** A chat prompt's greeting: until the visitor replies it is the open message; after, it stays in the conversation. */
  let greeting: OpenMessage | undefined;

  const draw = () => {
    const full = open && phone.matches;
    lock(full);
    render(open ? jsx(App, { host, chat, view, full, greeting, onClose: close, onView: show }) : null, box);
    if (open && view == 'chat') chat.seen();
    const m = msgs.open;
    render(m && m != greeting ? jsx(Message, { m, ctl: msgs, dir: host.dir }) : null, mbox);
  };

  // The visitor's languages for a message's content: the tag's data-locale, the page's language, the browser's. Not
  // host.locale: the core derives it from these same three, collapsed to en or ja, so for everyone else it would put
  // English before the campaign's default locale.
  const wanted = () => [(host.options as { locale?: string }).locale!, document.documentElement.lang, ...(navigator.languages || [])].filter(Boolean);
  const msgs = createMessages(host.track, wanted, draw, (m) => {
    if (m) greeting = m;
    show('chat');
    if (m) msgs.shown();
  });
  // Replying to a chat prompt's greeting is its click; the reply itself goes through the normal chat.
  const send = chat.send;
  chat.send = (text) => {
    const sent = send(text);
    if (sent && greeting && msgs.open == greeting) msgs.close(0, 'reply');
    return sent;
  };

  function show(next: WidgetView = 'chat') {
    if (next != 'feedback') next = 'chat';
    if (!open) {
      before = document.activeElement;
      host.emit('widget:open', next);
    }
    if (next == 'chat' && (!open || view != 'chat')) {
      host.track('Chat Opened');
      void chat.start();
    } else void chat.config();
    open = true;
    view = next;
    draw();
  }

  function close(reason: DismissReason = 'close') {
    if (!open) return;
    // Give focus back only if it was in the widget (or lost with it), never take it from where the visitor is.
    const active = document.activeElement;
    open = false;
    // Closing the panel before replying dismisses a chat prompt, and its greeting goes with it.
    const unanswered = !!greeting && msgs.open == greeting;
    if (unanswered) greeting = undefined;
    draw();
    host.emit('widget:close', view);
    if (!active || active == el || active == document.body) ((host.launcher() || before) as HTMLElement | null)?.focus?.();
    if (unanswered) msgs.close(reason);
  }

  chat.subscribe(draw);
  phone.addEventListener?.('change', draw);
  document.addEventListener('visibilitychange', draw);
  chat.resume();

  return {
    open: show,
    close,
    toggle: (next) => (open && (!next || next == view) ? close() : show(next)),
    send: (text) => void chat.send(text),
    show: (campaign, variant) => msgs.show(campaign, variant),
  };
};
