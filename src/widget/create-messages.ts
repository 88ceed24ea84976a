import type { CompiledButton, CompiledCampaign, CompiledContent } from '../shared/compiled-campaign';
import { pickLocale } from '../shared/pick-locale';
import type { WidgetHost } from './host';

/** Why the visitor closed a message: `Message Dismissed`'s reason. */
export type DismissReason = 'close' | 'escape' | 'backdrop' | 'button';

/** The in-app message on screen. */
export interface OpenMessage {
  /** The campaign as delivered. */
  c: CompiledCampaign;
  /** The visitor's variant, if the campaign has an experiment. */
  v?: string;
  /** The content shown: the variant's (else the campaign's) in locale `loc`. */
  x: CompiledContent;
  loc: string;
  /** When it was shown (ISO), to place a chat prompt's greeting among the chat messages. */
  at: string;
  /** `Message Shown` was recorded. */
  s?: 1;
  /** Answered (a survey): closing it is no longer a dismissal. */
  a?: 1;
}

/** The one in-app message at a time, and what the visitor did with it, reported as docs/protocol.md's campaign events. */
export interface Messages {
  /** The message on screen, if any. */
  readonly open?: OpenMessage;
  /** Shows a campaign's message, or records `Message Suppressed` (`site.busy`) while one is open. */
  show(campaign: CompiledCampaign, variant?: string): void;
  /** The message is drawn: records `Message Shown` once, when the page is visible. */
  shown(): void;
  /** Closes it: with a reason (and not answered) as `Message Dismissed`; with a `button` label as `Message Clicked`. */
  close(reason?: DismissReason | 0, button?: string): void;
  /** A button: dismiss, or a click that closes the message and then tracks its event or opens the chat. */
  click(b: CompiledButton): void;
  /** A survey answer: `Survey Answered`; the thank-you closes by itself. */
  answer(answer: number | string): void;
}

const KIND = /^(modal|banner-(top|bottom)|slide-up|card|chat-prompt|survey-(nps|csat|single-choice|free-text))$/;

/** The deepest focused element, through open shadow roots (the launcher's, ours). */
const focused = () => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a as HTMLElement | null;
};

/**
 * The message controller. `wanted` lists the visitor's languages, most wanted first; `draw` redraws; `chat(m)` opens
 * the chat panel (with `m`, a chat prompt's greeting). Content is the variant's when it has its own, else the
 * campaign's, in the locale pickLocale finds. An unknown kind, the control arm or missing content shows nothing.
 */
export const createMessages = (
  track: WidgetHost['track'],
  wanted: () => string[],
  draw: () => void,
  chat: (greeting?: OpenMessage) => void,
): Messages => {
  let open: OpenMessage | undefined;
  let before: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // variantId is left out, not undefined, without an experiment.
  const ids = (c: CompiledCampaign, v?: string) => (v ? { campaignId: c.i, variantId: v } : { campaignId: c.i });
  const rec = (event: string, m: OpenMessage, more: object) => track(event, { ...ids(m.c, m.v), ...more });

  const seen = (m: OpenMessage) => {
    if (m.s || open != m) return;
    // "Shown" means seen: a message drawn in a background tab counts when the visitor comes back to it.
    if (document.visibilityState == 'hidden') return document.addEventListener('visibilitychange', () => seen(m), { once: true });
    m.s = 1;
    rec('Message Shown', m, { version: m.c.v });
  };

  const messages: Messages = {
    get open() {
      return open;
    },
    show(c, v) {
      if (open) return track('Message Suppressed', { ...ids(c, v), reason: 'site.busy' });
      if (v == 'control' || !KIND.test(c?.k)) return;
      const all = c.x?.v.find((a) => a[0] == v)?.[2] || c.c || {};
      const loc = pickLocale(Object.keys(all), wanted(), c.l);
      const x = all[loc] || Object.values(all)[0];
      if (!x || (c.k == 'survey-single-choice' && !x.o?.length)) return;
      open = { c, v, x, loc, at: new Date().toISOString() };
      before = focused();
      if (c.k == 'chat-prompt') chat(open);
      else draw();
    },
    shown: () => open && seen(open),
    close(reason, button) {
      const m = open;
      if (!m) return;
      // A message closed by the visitor was on screen, even if that was quicker than its first frame's effect.
      seen(m);
      if (button) rec('Message Clicked', m, { button });
      else if (reason && !m.a) rec('Message Dismissed', m, { reason });
      clearTimeout(timer);
      // Give focus back only if it was in the message (or is lost with it), never take it from where the visitor is.
      const a = focused();
      open = undefined;
      draw();
      if (!a || a == document.body || a.closest('.w')) before?.focus?.();
    },
    click(b) {
      const m = open!;
      if (b[1] == 'dismiss') return messages.close('button');
      messages.close(0, b[0]);
      if (b[1] == 'event' && b[2]) track(b[2], ids(m.c, m.v));
      if (b[1] == 'chat') chat();
    },
    answer(answer) {
      const m = open!;
      rec('Survey Answered', m, { answer });
      m.a = 1;
      timer = setTimeout(() => messages.close(), 4000);
    },
  };
  return messages;
};
