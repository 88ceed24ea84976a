// The contract between the core (dist/kizuna.js) and the lazily loaded widget chunk (dist/kizuna-widget.js).
// Types only: the core imports this file without pulling in Preact or any widget code.
import type { CompiledCampaign } from '../shared/compiled-campaign';

/** Which view the widget panel shows. */
export type WidgetView = 'chat' | 'feedback';

/** How the widget looks and where it sits; the script tag maps `data-*` attributes onto these. */
export interface WidgetOptions {
  /** Corner of the viewport (`data-position`), default right. */
  position: 'right' | 'left';
  /** Pixels from the corner (`data-offset-x` / `data-offset-y`), default 20 / 20. */
  offsetX: number;
  offsetY: number;
  /** Stacking order (`data-z-index`), default 2147483000. */
  zIndex: number;
  /** Primary colour (`data-color`), default '#4f46e5'. */
  color: string;
  /** Colour scheme (`data-theme`), default auto (follows prefers-color-scheme). */
  theme: 'light' | 'dark' | 'auto';
  /** Font family (`data-font`), default 'system-ui, sans-serif'. */
  font: string;
  /** CSP nonce (`data-nonce`, or the tag's own nonce). */
  nonce?: string;
  /** `data-launcher="false"` hides the launcher; the API still opens the widget. */
  launcher: boolean;
}

/** Who the visitor is right now; read at each use because identify()/reset() change it. */
export interface WidgetVisitor {
  anonymousId: string;
  userId?: string;
  identityToken?: string;
}

/** What the core hands to the widget's `mount()`: the widget reaches the SDK only through this. */
export interface WidgetHost {
  /** Site write key. */
  key: string;
  /** Collector base URL, no trailing slash. */
  endpoint: string;
  /** `data-locale`, else navigator.language. */
  locale: 'en' | 'ja';
  /** Document direction at mount time. */
  dir: 'ltr' | 'rtl';
  options: WidgetOptions;
  /** The current visitor, read at each use. */
  visitor(): WidgetVisitor;
  /** Records an event through the core's outbox. */
  track(event: string, properties?: Record<string, unknown>): void;
  /** Emits an SDK event to `kizuna.on(name, cb)` listeners. */
  emit(name: 'chat:message' | 'chat:unread' | 'widget:open' | 'widget:close', value: unknown): void;
  /** Shows (n > 0) or hides (0) the unread count on the core's launcher. */
  badge(unread: number): void;
  /** The launcher button (inside the core's shadow root), to give focus back on close. */
  launcher(): HTMLElement | null;
}

/** What `mount()` returns: the core's `kizuna.chat.*` and `kizuna.feedback.open()` call these. */
export interface WidgetApi {
  open(view?: WidgetView): void;
  close(): void;
  toggle(view?: WidgetView): void;
  /** Sends a chat message as the visitor (opens nothing by itself). */
  send(text: string): void;
  /**
   * Shows an in-app message the core's rules engine found due (issue 5): `campaign` as `GET /v1/campaigns` delivered
   * it, `variant` the visitor's experiment variant (absent without an experiment; never "control", which shows
   * nothing). The widget picks the variant's content (else the campaign's) in the visitor's locale, renders the kind,
   * handles the buttons, and reports through `host.track`: `Message Shown` once on screen, `Message Clicked`,
   * `Message Dismissed`, `Survey Answered` (docs/protocol.md, campaign events). One message at a time: a second
   * `show()` while one is open is dropped with `Message Suppressed` (reason `site.busy`).
   */
  show(campaign: CompiledCampaign, variant?: string): void;
}

/** The widget chunk's entry point. */
export type Mount = (host: WidgetHost) => WidgetApi;
