import { render } from 'preact';
// jsx() rather than h(): the components are compiled to it already, so the bundle carries one vnode factory.
import { jsx } from 'preact/jsx-runtime';
import { adoptStyles } from './adopt-styles';
import { App } from './components/App';
import { createChat } from './create-chat';
import type { Mount, WidgetView } from './host';
import { resolveColor } from './resolve-color';
import { createScrollLock } from './scroll-lock';
import { PHONE, widgetCss } from './styles';

/**
 * Draws the widget into one open shadow root on a `<kizuna-widget>` element at the end of <body> (page CSS cannot
 * reach in, ours cannot leak out) and returns the API the core's `kizuna.chat.*` and `kizuna.feedback.open()`
 * call. If this visitor already chatted here, the conversation and its live feed start at once, so replies
 * raise the launcher's unread badge while the panel is closed.
 */
export const mount: Mount = (host) => {
  const el = document.createElement('kizuna-widget');
  const root = el.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.className = 'k';
  box.dir = host.dir;
  box.lang = host.locale;
  root.append(box);
  document.body.append(el);
  adoptStyles(root, widgetCss(host.options, resolveColor(host.options.color, root)), host.options.nonce);

  const chat = createChat(host);
  const phone = matchMedia(PHONE);
  const lock = createScrollLock();
  let open = false;
  let view: WidgetView = 'chat';
  let before: Element | null = null;

  const draw = () => {
    const full = open && phone.matches;
    lock(full);
    render(open ? jsx(App, { host, chat, view, full, onClose: close, onView: show }) : null, box);
    if (open && view == 'chat') chat.seen();
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

  function close() {
    if (!open) return;
    // Give focus back only if it was in the widget (or lost with it), never take it from where the visitor is.
    const active = document.activeElement;
    open = false;
    draw();
    host.emit('widget:close', view);
    if (!active || active == el || active == document.body) ((host.launcher() || before) as HTMLElement | null)?.focus?.();
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
    // In-app messages arrive with issue 5's message kinds; until then a due message is not shown.
    show: () => {},
  };
};
