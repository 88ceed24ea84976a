// The console's live preview of an in-app message (issue 5). Not part of dist/kizuna-widget.js: the console bundles
// it, with the same components and stylesheet the visitor's widget uses, so the preview cannot drift from the real
// thing. No side effects at import time.
import { render } from 'preact';
import type { CompiledCampaign } from '../shared/compiled-campaign';
import { adoptStyles } from './adopt-styles';
import { App } from './components/App';
import { Message } from './components/Message';
import type { Chat } from './create-chat';
import { createMessages, type OpenMessage } from './create-messages';
import type { WidgetHost, WidgetOptions } from './host';
import { resolveColor } from './resolve-color';
import { widgetCss } from './styles';

/** Options of {@link renderPreview}. */
export interface PreviewOptions {
  /** The visitor's language (default: the campaign's default locale). */
  locale?: string;
  /** The experiment variant whose content to show (default: the campaign's own content). */
  variant?: string;
  /** The site's primary colour (`data-color`), default #4f46e5. */
  color?: string;
  /** Colour scheme, default light. */
  theme?: 'light' | 'dark';
}

const noop = () => {};
const no = async () => false;

/** A chat with nothing in it, for a chat prompt's panel: it never reaches the collector. */
const emptyChat: Chat = {
  state: { messages: [], unread: 0, typing: false },
  subscribe: () => noop,
  config: async () => undefined,
  start: async () => {},
  resume: noop,
  send: () => false,
  typing: noop,
  seen: noop,
  end: async () => {},
  rate: no,
  email: no,
  feedback: no,
};

/**
 * Renders `campaign`'s message as a visitor would see it (the same components and styles as the widget) in an open
 * shadow root on `el`, contained in `el`'s box rather than the viewport: a modal's backdrop covers `el`, a banner
 * spans its top or bottom, a slide-up sits in its bottom-right corner, a chat prompt shows the chat panel with its
 * greeting. `el` is a block (default height 420 px: give it your own) that clips what overflows. The preview is
 * interactive (survey answers reach the thank-you, × closes) but records nothing, opens no chat and follows no link,
 * and the modal does not take focus from the editor. Returns the function that removes it; call it before rendering
 * another campaign into the same `el`.
 */
export function renderPreview(el: HTMLElement, campaign: CompiledCampaign, opts: PreviewOptions = {}): () => void {
  const root = el.shadowRoot || el.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.className = 'k';
  root.append(box);
  const options: WidgetOptions = {
    position: 'right',
    offsetX: 20,
    offsetY: 20,
    zIndex: 1,
    color: opts.color || '#4f46e5',
    theme: opts.theme || 'light',
    font: 'system-ui, sans-serif',
    // No launcher is drawn in the preview, so corner messages sit in the corner.
    launcher: false,
  };
  // The widget's sheet, but the host stays a sized block the console can style (no `all:initial!important`), and
  // `contain:paint` makes it the containing block of the message's fixed positions: the preview stays inside `el`.
  // `.k{all:initial}` comes first so the console's inherited text styles stop at the preview, as the page's do. The
  // chat panel and corner messages are sized by the viewport on a page; here they fit the box.
  const css = widgetCss(options, resolveColor(options.color, root)).replace(
    ':host{all:initial!important}',
    ':host{display:block;position:relative;height:420px;overflow:hidden;contain:paint}',
  );
  adoptStyles(root, '.k{all:initial}' + css + '.p{top:20px;bottom:20px;height:auto}.p,.sd{max-width:calc(100% - 40px)}');
  // Links and URL buttons do not navigate the console away.
  const stay = (e: Event) => e.composedPath().some((n) => (n as Element).tagName == 'A') && e.preventDefault();
  box.addEventListener('click', stay);

  const host: WidgetHost = {
    key: '',
    endpoint: '',
    locale: /^ja/i.test(opts.locale || campaign.l) ? 'ja' : 'en',
    dir: 'ltr',
    options,
    visitor: () => ({ anonymousId: '' }),
    track: noop,
    emit: noop,
    badge: noop,
    launcher: () => null,
  };
  let greeting: OpenMessage | undefined;
  const draw = () => {
    const m = msgs.open;
    render(
      m == greeting && m
        ? <App host={host} chat={emptyChat} view="chat" full={false} greeting={m} onClose={() => msgs.close()} onView={noop} />
        : m
          ? <Message m={m} ctl={msgs} dir="ltr" still />
          : null,
      box,
    );
  };
  const msgs = createMessages(noop, () => (opts.locale ? [opts.locale] : []), draw, (m) => {
    if (m) {
      greeting = m;
      draw();
    }
  });
  msgs.show(campaign, opts.variant);
  return () => {
    render(null, box);
    box.removeEventListener('click', stay);
    box.remove();
  };
}
