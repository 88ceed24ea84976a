import type { ConsentState, IdentifyOptions, Kizuna, KizunaCampaigns, KizunaChat, KizunaEvents, KizunaOptions, Message, Properties } from '../types';
import { createEmitter } from './emitter';
import { createIdentity } from './identity';
import { buildContext, callSiteNow, pageContext, type CallSite } from './context';
import { hasPrivacySignal, initialConsent, mayChangeConsent } from './consent';
import { trackPageViews } from './page-views';
import { DEFAULT_DOWNLOADS, trackLinkClicks } from './link-clicks';
import { whenIdle } from './when-idle';
import { uuid } from './uuid';
import { attempt } from './attempt';
import { badOption, createDebugLog, warn } from './log';
import { createOutbox } from '../storage/outbox';
import { createDelivery, type Delivery } from '../transport/delivery';
import { loadVitals } from '../loader/load-vitals';
import { createWidgetBridge } from './widget-bridge';
import type { CampaignRuntime } from '../campaigns/create-campaigns';
import { loadCampaigns } from '../loader/load-campaigns';

declare const __VERSION__: string;
/** False only in the measurement build that checks the tracking core's own size budget (test/build). */
declare const __WIDGET__: boolean;

/** A call queued by the stub snippet: [method ('track', 'chat.open', …), args, url, title, referrer, epoch ms]. */
export type QueuedCall = [string, unknown[], string, string, string, number];

const CONSENTS = ['granted', 'pending', 'denied'];

/**
 * Builds the SDK: wires identity, consent, automatic tracking, the outbox and delivery. Never throws.
 * `queue` holds the calls the stub snippet made before the script arrived: they are replayed in order, each at
 * its original page and time, before automatic tracking starts, so a queued identify() or on() already applies
 * to the first page view. Without a key or endpoint every method is a harmless no-op (consent locked to denied).
 */
export const createCore = (opts: KizunaOptions, queue?: unknown): Kizuna => {
  const off = !opts?.key || !opts.endpoint;
  if (off) warn('data-key missing');
  else opts = { ...opts, endpoint: opts.endpoint.replace(/\/+$/, '') };
  const key = opts?.key;
  const log = createDebugLog(opts?.debug);
  const { on, emit } = createEmitter<KizunaEvents>();
  const cap = opts?.outboxCap || 1000;
  let configured: ConsentState = opts?.consent || 'granted';
  if (!CONSENTS.includes(configured)) {
    badOption('consent', configured);
    configured = 'granted';
  }
  const honor = opts?.honorGpc !== false;
  // data-honor-gpc="false" is accepted only with consent "pending".
  if (!honor && configured != 'pending') badOption('honor-gpc', false);
  const choiceKey = 'kizuna:' + key + ':consent';
  // Blocked storage: the visitor's choice lasts for this page.
  const remembered = attempt(() => localStorage.getItem(choiceKey));
  // The visitor's own earlier choice outranks the site's default, either way.
  if (remembered == 'granted' || remembered == 'denied') configured = remembered;
  const signal = off || hasPrivacySignal();
  const locked = off || (signal && (honor || configured != 'pending'));
  let state = initialConsent(configured, honor || off, signal);

  const identity = createIdentity(key, state == 'granted');
  const tab = uuid();
  let delivery: Delivery | undefined;
  let held: Message[] = [];
  let referrer = document.referrer;
  let replayAt: CallSite | undefined;
  let identityToken: string | undefined;
  let campaigns: CampaignRuntime | undefined;
  // What kizuna.campaigns.why() says before the engine runs.
  let why = 'off';
  let bridge: ReturnType<typeof createWidgetBridge> | undefined;
  let chatOpen = false;
  const noop = () => {};

  const start = () => {
    if (delivery) return;
    const outbox = createOutbox(key, tab, log);
    const d = (delivery = createDelivery(
      {
        url: opts.endpoint,
        key,
        flushAt: opts.flushAt || 20,
        flushInterval: opts.flushInterval ?? 2000,
        cap,
        emit,
        log,
      },
      outbox,
    ));
    held.forEach(d.add);
    held = [];
    // Events an earlier page load or a closed tab left unsent.
    void outbox.claim().then(d.adopt).catch(log);
    // In-app messages run once the visitor may be tracked: their caps are stored, their impressions recorded.
    // The engine (kizuna-campaigns.js) loads only for a site with live campaigns; it sees every event from here on.
    if (__WIDGET__ && bridge && String(opts.campaigns) != 'false') {
      const seen: Message[] = [];
      const stop = on('event', (m) => seen.length < 99 && seen.push(m));
      why = 'loading';
      const url = opts.endpoint + '/v1/campaigns?writeKey=' + encodeURIComponent(key);
      // In a task of its own: the script's first task (first page view included) stays short at 4× CPU throttling.
      setTimeout(() =>
        fetch(url)
          .then((r) => r.json())
          .then((d) =>
            d.campaigns[0]
              ? loadCampaigns(opts.assets, opts.nonce, (create) => {
                  stop();
                  campaigns = create(
                    { url, store: 'kizuna:' + key + ':campaigns', who: () => identity.id, track: api.track, show: bridge!.show, chat: () => chatOpen, log },
                    d,
                  );
                  seen.forEach(campaigns.see);
                  on('event', campaigns.see);
                })
              : (stop(), (why = 'unknown')),
          )
          .catch(log),
      );
    }
  };

  const make = (m: Pick<Message, 'type'> & Record<string, unknown>, at = replayAt || callSiteNow(referrer)) => {
    if (state == 'denied') return;
    const { a, u } = identity.id;
    const msg = {
      ...m,
      messageId: uuid(),
      anonymousId: a,
      userId: u,
      timestamp: new Date(at.time).toISOString(),
      context: buildContext(at, identity.touch(at.time)),
    } as Message;
    emit('event', msg);
    if (delivery) delivery.add(msg);
    else if (held.length < cap) held.push(msg);
  };
  const props = (p: unknown): Properties => (p && typeof p == 'object' ? { ...(p as Properties) } : {});
  const safe =
    <A extends unknown[]>(fn: (...a: A) => void) =>
    (...a: A): void => {
      try {
        fn(...a);
      } catch (e) {
        log(e);
      }
    };

  const api: Kizuna = {
    version: __VERSION__,
    page: safe((name?: string, properties?: Properties) => {
      const at = replayAt || callSiteNow(referrer);
      make(
        {
          type: 'page',
          ...(typeof name == 'string' && name ? { name } : {}),
          properties: { ...pageContext(at), ...props(properties) },
        },
        at,
      );
    }),
    track: safe((event: string, properties?: Properties) => {
      if (typeof event != 'string' || !event) return; // nothing to record
      make({ type: 'track', event, properties: props(properties) });
    }),
    identify: safe((userId: string, traits?: Properties, options?: IdentifyOptions) => {
      if (typeof userId != 'string' || !userId) return;
      identity.id.u = userId;
      identity.save();
      // Kept in memory only: it is short-lived, and the site's page passes it again on the next load.
      if (__WIDGET__) identityToken = options?.token;
      make({ type: 'identify', userId, traits: props(traits) });
    }),
    reset: safe(() => {
      identity.reset();
      if (__WIDGET__) identityToken = undefined;
    }),
    consent: safe((next: 'granted' | 'denied') => {
      if (next != 'granted' && next != 'denied') return badOption('consent', next);
      if (!mayChangeConsent(locked, next)) return; // a privacy signal already said no
      state = next;
      identity.persist(next == 'granted');
      attempt(() => localStorage.setItem(choiceKey, next));
      if (next == 'granted') start();
      else {
        held = [];
        delivery?.clear();
      }
      emit('consent', next);
    }),
    // Neither can throw: flush() only schedules async work, on() only appends.
    flush: () => (delivery ? delivery.flush() : Promise.resolve()),
    on,
    ...((__WIDGET__ && { chat: { open: noop, close: noop, toggle: noop, send: noop }, feedback: { open: noop } }) as {
      chat: KizunaChat;
      feedback: { open(): void };
    }),
    ...((__WIDGET__ && { campaigns: { why: (id: string) => (campaigns ? campaigns.why(id) : why) } }) as {
      campaigns: KizunaCampaigns;
    }),
  };

  if (!off && __WIDGET__) {
    bridge = createWidgetBridge(
      opts,
      {
        visitor: () => ({ anonymousId: identity.id.a, userId: identity.id.u, identityToken }),
        track: api.track,
        emit: emit as never,
      },
      log,
    );
    Object.assign(api, { chat: bridge.chat, feedback: bridge.feedback });
    on('widget:open', (v) => (chatOpen = v == 'chat'));
    on('widget:close', () => (chatOpen = false));
  }

  safe(() => {
    for (const [name, args, url, title, referrer, time] of (queue || []) as QueuedCall[]) {
      type Calls = Record<string, (...a: unknown[]) => unknown>;
      let fn = (api as unknown as Calls)[name];
      if (__WIDGET__ && !fn) {
        // The namespaced calls: 'chat.open', 'feedback.open'.
        const [outer, inner] = String(name).split('.');
        fn = (api as unknown as Record<string, Calls | undefined>)[outer!]?.[inner!]!;
      }
      if (typeof fn != 'function') continue;
      replayAt = { url, title, referrer, time };
      try {
        fn(...args);
      } finally {
        replayAt = undefined;
      }
    }
  })();

  if (!off) {
    if (state == 'granted') start();
    if (opts.pageviews !== false)
      trackPageViews(!!opts.hash, (ref) => {
        referrer = ref;
        api.page();
      });
    if (opts.links !== false) trackLinkClicks(opts.downloads || DEFAULT_DOWNLOADS, api.track);
    if (opts.vitals !== false) whenIdle(() => loadVitals(api.track, opts.assets, opts.nonce));
  }
  return api;
};

/**
 * Creates a Kizuna instance for `import { createKizuna } from 'kizuna'`. Call it once per page.
 * @example const kizuna = createKizuna({ key: 'pk_live_…', endpoint: 'https://collect.example.com' });
 */
export const createKizuna = (options: KizunaOptions): Kizuna =>
  typeof document == 'object'
    ? createCore(options)
    : // Server-side rendering imports the module too: outside a browser, an instance that does nothing.
      {
        version: __VERSION__,
        page() {},
        track() {},
        identify() {},
        reset() {},
        consent() {},
        flush: () => Promise.resolve(),
        on: () => () => {},
        chat: { open() {}, close() {}, toggle() {}, send() {} },
        feedback: { open() {} },
        campaigns: { why: () => 'off' },
      };
