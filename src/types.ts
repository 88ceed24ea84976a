/** Consent states: `pending` stores and sends nothing until `consent('granted')`. */
export type ConsentState = 'granted' | 'pending' | 'denied';

/** Free-form properties or traits. Values must survive `JSON.stringify`. */
export type Properties = Record<string, unknown>;

/** Options for {@link createKizuna}; the script tag maps `data-*` attributes onto these. */
export interface KizunaOptions {
  /** Site write key (`data-key`). Required. */
  key: string;
  /** Collector base URL (`data-endpoint`), e.g. `https://collect.example.com`. Required in ESM; the tag defaults it to the script's origin. */
  endpoint: string;
  /** Consent state before the visitor decides (`data-consent`). Default `granted`. */
  consent?: ConsentState;
  /** Automatic page views on load and SPA navigation (`data-pageviews`). Default true. */
  pageviews?: boolean;
  /** Hash routing: a hash change is a new page (`data-hash`). Default false. */
  hash?: boolean;
  /** Link extensions counted as downloads (`data-downloads="pdf,zip"`). */
  downloads?: string[];
  /** Outbound, download and `data-kizuna-event` click tracking (`data-links`). Default true. */
  links?: boolean;
  /** Web vitals reporting (`data-vitals`). Default true. */
  vitals?: boolean;
  /** Honour Global Privacy Control and Do Not Track (`data-honor-gpc`). Default true; `false` is accepted only with `consent: 'pending'`. */
  honorGpc?: boolean;
  /** Log internal failures to the console (`data-debug`). Default false. */
  debug?: boolean;
  /** Send a batch once this many events wait (`data-flush-at`). Default 20. */
  flushAt?: number;
  /** Send waiting events after this many milliseconds (`data-flush-interval`). Default 2000. */
  flushInterval?: number;
  /** Most events kept unsent; beyond it the oldest are dropped and counted (`data-outbox-cap`). Default 1000. */
  outboxCap?: number;
  /** Base URL the lazily loaded files come from (the tag sets it to the script's directory). */
  assets?: string;
  /** CSP nonce for scripts the SDK injects (`data-nonce`, else the tag's own nonce). */
  nonce?: string;
  /** Widget language (`data-locale`): `en` or `ja`. Default: the browser's language. */
  locale?: string;
  /** Show the chat launcher (`data-launcher`). Default true; the API opens the widget either way. */
  launcher?: boolean;
  /** Launcher and widget corner (`data-position`). Default `right`. */
  position?: 'right' | 'left';
  /** Pixels from the corner (`data-offset-x`, `data-offset-y`). Default 20. */
  offsetX?: number;
  offsetY?: number;
  /** Stacking order (`data-z-index`). Default 2147483000. */
  zIndex?: number;
  /** Primary colour (`data-color`). Default `#4f46e5`. */
  color?: string;
  /** Colour scheme (`data-theme`): `light`, `dark` or `auto`. Default `auto`. */
  theme?: 'light' | 'dark' | 'auto';
  /** Font family (`data-font`). Default `system-ui, sans-serif`. */
  font?: string;
  /** Run the site's in-app message campaigns (`data-campaigns`). Default true. */
  campaigns?: boolean;
}

/** `kizuna.campaigns`: in-app messages. */
export interface KizunaCampaigns {
  /**
   * Why campaign `id` did or did not show on this page: `shown`; the first rule that kept it away, such as
   * `audience.url`, `audience.trait.plan`, `schedule`, `frequency.session`, `site.gap`; `trigger` (due, but
   * its trigger has not fired yet); `unknown` (not delivered: not live, or invalid); `loading`; `off`.
   */
  why(id: string): string;
}

/** `kizuna.chat`: open, close or toggle the chat, or send a message as the visitor. */
export interface KizunaChat {
  open(): void;
  close(): void;
  toggle(): void;
  send(text: string): void;
}

/** Options of `identify`. */
export interface IdentifyOptions {
  /** A short-lived JWT (HS256, the site's identity secret, `sub` = userId) signed by the site's backend. */
  token?: string;
}

/** `context.page`: where an event happened. */
export interface PageContext {
  url: string;
  path: string;
  search: string;
  referrer: string;
  title: string;
}

/** `context` sent with every message (Segment spec names). */
export interface MessageContext {
  page: PageContext;
  locale: string;
  timezone: string;
  screen: { width: number; height: number; density: number };
  campaign?: { name?: string; source?: string; medium?: string; term?: string; content?: string };
  library: { name: 'kizuna'; version: string };
  sessionId: string;
}

interface BaseMessage {
  messageId: string;
  anonymousId: string;
  userId?: string;
  timestamp: string;
  context: MessageContext;
}

/** A page view. */
export interface PageMessage extends BaseMessage { type: 'page'; name?: string; properties: Properties }
/** A custom event. */
export interface TrackMessage extends BaseMessage { type: 'track'; event: string; properties: Properties }
/** Who the visitor is. */
export interface IdentifyMessage extends BaseMessage { type: 'identify'; userId: string; traits: Properties }
/** Every message the SDK sends, as a union on `type`. */
export type Message = PageMessage | TrackMessage | IdentifyMessage;

/** Why events were dropped: outbox overflow, rejected by the server (4xx), or too large to send. */
export type DropReason = 'overflow' | 'rejected' | 'oversize';

/** Events emitted through `on(name, cb)`. */
export interface KizunaEvents {
  /** Every message created, before it is queued. */
  event: Message;
  /** Messages the collector acknowledged. */
  delivered: { count: number };
  /** Messages given up on, and why. */
  dropped: { reason: DropReason; count: number };
  /** The consent state changed. */
  consent: ConsentState;
  /** A chat message arrived or was sent (widget). */
  'chat:message': unknown;
  /** The number of unread replies changed. */
  'chat:unread': number;
  /** The widget panel opened or closed. */
  'widget:open': unknown;
  'widget:close': unknown;
}

/** The public JS API, on `window.kizuna` and returned by `createKizuna`. No method throws. */
export interface Kizuna {
  /** Record a page view; `name` and `properties` are optional. */
  page(name?: string, properties?: Properties): void;
  /** Record a custom event. */
  track(event: string, properties?: Properties): void;
  /** Attach a user id (and traits) to this visitor from now on; `token` verifies it for chat. */
  identify(userId: string, traits?: Properties, options?: IdentifyOptions): void;
  /** Forget the user: a new anonymousId and session, no userId. */
  reset(): void;
  /** Record the visitor's choice. `denied` clears unsent events and stops tracking. */
  consent(state: 'granted' | 'denied'): void;
  /** Send waiting events now; resolves when this attempt ends (never rejects). */
  flush(): Promise<void>;
  /** Subscribe to an SDK event; returns the unsubscribe function. */
  on<K extends keyof KizunaEvents>(name: K, cb: (value: KizunaEvents[K]) => void): () => void;
  /** The chat widget (loaded on first use). */
  readonly chat: KizunaChat;
  /** The feedback form (loaded on first use). */
  readonly feedback: { open(): void };
  /** In-app message campaigns. */
  readonly campaigns: KizunaCampaigns;
  /** The library version. */
  readonly version: string;
}
