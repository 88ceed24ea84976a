import { afterEach, beforeEach, vi } from 'vitest';
import { createCampaigns, type CampaignData, type CampaignRuntime } from '../../../src/campaigns/create-campaigns';
import type { CompiledCampaign } from '../../../src/shared/compiled-campaign';
import type { Message, Properties } from '../../../src/types';

/** A Monday morning in Tokyo, as the fake clock's start. */
export const START = Date.parse('2025-04-07T01:00:00Z');

/** The visitor as the core's identity holds it: anonymousId, userId, session id and sessions started. */
export interface Who {
  a: string;
  u?: string;
  s: string;
  n: number;
}

/** How a test engine is set up. */
export interface EngineOptions {
  /** The localStorage key of the engine's state; a fresh one unless a reload reuses the last. */
  store?: string;
  who?: Partial<Who>;
  /**
   * The stand-in widget: `sees` records `Message Shown` as soon as show() hands it a message (the real widget does once
   * the message is on screen); `hidden` never records it (a message the visitor never got to see).
   */
  widget?: 'sees' | 'hidden';
  /** Whether the chat panel is open. */
  chat?: boolean;
}

/** A campaign engine on this page, with a stand-in core and widget around it. */
export interface Engine {
  runtime: CampaignRuntime;
  data: CampaignData;
  store: string;
  who: Who;
  /** What show() was handed: [campaign id, variant id]. */
  shown: [string, string | undefined][];
  /** The compiled campaigns show() was handed. */
  shownCampaigns: CompiledCampaign[];
  /** Every message the core made on this page (what the collector receives), fed to the engine as the core feeds it. */
  sent: Message[];
  /** What the engine logged (a campaign it could not read). */
  logged: unknown[];
  chatOpen: boolean;
  /** Goes to `path` and feeds the page view, as the core does after a navigation. */
  page(path?: string): void;
  /** The site's kizuna.track(). */
  track(event: string, properties?: Properties): void;
  /** The site's kizuna.identify(). */
  identify(userId: string, traits?: Properties): void;
  /** The widget reporting that the visitor closed campaign `id`. */
  dismiss(id: string): void;
  /** Properties of the sent track events named `event`. */
  events(event: string): Properties[];
  /** Stops the engine's listeners and clock, as when the page unloads. */
  unload(): void;
  /** Unloads this page and starts a new engine on the same storage (same session unless `who` says otherwise). */
  reload(who?: Partial<Who>, data?: CampaignData): Engine;
  /** Unloads and comes back in a new session (one more session counted). */
  nextSession(data?: CampaignData): Engine;
}

let stores = 0;
let sessions = 0;
const running: Engine[] = [];

/**
 * Starts the in-browser campaign engine as the core starts it (src/core/create-kizuna.ts): a host whose track() makes
 * a message and feeds it straight back to see(), as the core's emitter does, and a widget stand-in for show().
 */
export function startEngine(data: CampaignData, opts: EngineOptions = {}): Engine {
  const who: Who = { a: 'anon-1', s: `session-${++sessions}`, n: 1, ...opts.who };
  const widget = opts.widget ?? 'sees';
  const message = (m: Pick<Message, 'type'> & Record<string, unknown>): Message =>
    ({
      ...m,
      messageId: crypto.randomUUID(),
      anonymousId: who.a,
      ...(who.u ? { userId: who.u } : {}),
      timestamp: new Date(Date.now()).toISOString(),
      context: {
        page: { url: location.href, path: location.pathname, search: location.search, referrer: '', title: document.title },
        locale: 'en-US',
        timezone: 'Asia/Tokyo',
        screen: { width: 1280, height: 800, density: 1 },
        library: { name: 'kizuna', version: 'test' },
        sessionId: who.s,
      },
    }) as Message;
  const feed = (m: Message) => {
    e.sent.push(m);
    e.runtime.see(m);
  };
  const track = (event: string, properties: Properties = {}) => feed(message({ type: 'track', event, properties }));

  const e: Engine = {
    runtime: undefined as never,
    data,
    store: opts.store ?? `kizuna:test-${++stores}:campaigns`,
    who,
    shown: [],
    shownCampaigns: [],
    sent: [],
    logged: [],
    chatOpen: opts.chat ?? false,
    page(path) {
      if (path) history.pushState(null, '', path);
      feed(message({ type: 'page', properties: { path: location.pathname, url: location.href } }));
    },
    track,
    identify(userId, traits = {}) {
      who.u = userId;
      feed(message({ type: 'identify', userId, traits }));
    },
    dismiss: (id) => track('Message Dismissed', { campaignId: id, reason: 'close' }),
    events: (event) => e.sent.flatMap((m) => (m.type == 'track' && m.event == event ? [m.properties] : [])),
    unload: () => undefined,
    reload(next, d = data) {
      e.unload();
      return startEngine(d, { store: e.store, widget, chat: e.chatOpen, who: { ...who, ...next } });
    },
    nextSession(d = data) {
      return e.reload({ s: `session-${++sessions}`, n: who.n + 1 }, d);
    },
  };

  // The engine listens on window and document and reads its clock once a second for the life of the page; record
  // what it starts so that unload() can stop it, and an old page cannot act during a test of the next one.
  const onWindow = vi.spyOn(window, 'addEventListener');
  const onDocument = vi.spyOn(document, 'addEventListener');
  const every = vi.spyOn(globalThis, 'setInterval');
  try {
    e.runtime = createCampaigns(
      {
        url: 'http://collector.test/v1/campaigns?writeKey=pk_test',
        store: e.store,
        who: () => who,
        track,
        show(c, v) {
          e.shown.push([c.i, v]);
          e.shownCampaigns.push(c);
          // The widget records the impression itself, with the same ids (src/widget/create-messages.ts).
          if (widget == 'sees') track('Message Shown', { campaignId: c.i, ...(v ? { variantId: v } : {}), version: c.v });
        },
        chat: () => e.chatOpen,
        log: (...a) => e.logged.push(...a),
      },
      data,
    );
  } finally {
    const listeners = [
      ...onWindow.mock.calls.map((c) => [window, ...c] as const),
      ...onDocument.mock.calls.map((c) => [document, ...c] as const),
    ];
    const clocks = every.mock.results.map((r) => r.value as ReturnType<typeof setInterval>);
    onWindow.mockRestore();
    onDocument.mockRestore();
    every.mockRestore();
    e.unload = () => {
      for (const [target, type, fn, o] of listeners) target.removeEventListener(type, fn, o);
      clocks.forEach(clearInterval);
    };
  }
  running.push(e);
  return e;
}

/**
 * Registers the rig's hooks for a test file: a fake clock from {@link START} (installed before any engine starts, as
 * the engine reads Date.now and starts its once-a-second clock when created), a clean localStorage and page, and every
 * engine unloaded after each test.
 */
export function useEngineRig(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    localStorage.clear();
    history.replaceState(null, '', '/');
    // The score seed (GET /v1/score) of a collector that knows nothing of the visitor; a test may stub another.
    vi.stubGlobal('fetch', async () => ({ json: async () => ({ state: null }) }));
  });
  afterEach(() => {
    running.splice(0).forEach((e) => e.unload());
    vi.unstubAllGlobals();
    vi.useRealTimers();
    vi.restoreAllMocks();
    localStorage.clear();
  });
}
