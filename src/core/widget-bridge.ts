import type { KizunaChat, KizunaOptions } from '../types';
import type { WidgetApi, WidgetHost } from '../widget/host';
import { loadWidget } from '../loader/load-widget';
import { createLauncher } from './launcher';
import { whenIdle } from './when-idle';
import { attempt } from './attempt';

/**
 * The core's side of the widget: draws the launcher, loads the widget chunk only when wanted (launcher hover, focus
 * or click, an API call, or at idle for a visitor who has chatted before, so replies reach them), and forwards
 * `kizuna.chat.*` / `kizuna.feedback.open()` and the campaign engine's due messages to it, queued until it has loaded. The widget reads its own options
 * from `host.options` (raw `data-*` strings or `createKizuna` values) and applies their defaults, so the core
 * carries no widget code.
 */
export const createWidgetBridge = (
  opts: KizunaOptions,
  host: Pick<WidgetHost, 'visitor' | 'track' | 'emit'>,
  log: (...a: unknown[]) => void,
): { chat: KizunaChat; feedback: { open(): void }; show: WidgetApi['show'] } => {
  let widget: Promise<WidgetApi> | undefined;
  let launcher: ReturnType<typeof createLauncher> | undefined;
  // The tag's data-locale, else the page's own language, else the browser's.
  const ja = /^ja/i.test(opts.locale || document.documentElement.lang || navigator.language);
  const load = () =>
    (widget ||= loadWidget(opts.assets, opts.nonce).then((mount) =>
      mount({
        ...host,
        key: opts.key,
        endpoint: opts.endpoint,
        locale: ja ? 'ja' : 'en',
        dir: document.dir as 'rtl', // '' and 'auto' read as ltr
        options: opts as never,

        badge: (n) => launcher?.[1](n),
        launcher: () => launcher?.[0] || null,
      }),
    ));
  const call = (fn: (w: WidgetApi) => void) => () => void load().then(fn).catch(log);
  const toggle = call((w) => w.toggle());
  const draw = () => (launcher = createLauncher(opts, ja, (open) => (open ? toggle() : load().catch(log))));
  // Drawn in a task of its own, not in the script's first one (which records the first page view): the launcher
  // still shows in the next frame, and no start-up task grows long enough to block the host page.
  if (String(opts.launcher) != 'false') document.body ? setTimeout(draw) : addEventListener('DOMContentLoaded', draw);
  whenIdle(() => attempt(() => localStorage.getItem('kizuna:' + opts.key + ':chat')) && load().catch(log));
  return {
    chat: {
      open: call((w) => w.open('chat')),
      close: () => widget && call((w) => w.close())(),
      toggle: call((w) => w.toggle('chat')),
      send: (text) => call((w) => w.send(text))(),
    },
    feedback: { open: call((w) => w.open('feedback')) },
    show: (c, v) => call((w) => w.show(c, v))(),
  };
};
