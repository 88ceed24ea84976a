import type { BrowserContext, Page } from 'playwright-core';
import type { WireMessage } from './recording-collector.js';

/** A message the SDK created in a page, as reported by kizuna.on('event') through the probe. */
export interface SeenMessage {
  message: WireMessage;
  /** URL of the page (tab) that created it, when reported. */
  pageUrl: string;
  /** 1-based number of the tab in its context, in order of first report. */
  tab: number;
}

/** Every message created in the pages of one context. */
export interface EventLog {
  readonly seen: SeenMessage[];
  /** Message ids in creation order. */
  ids(): string[];
  /** Messages matching `predicate`. */
  find(predicate: (m: WireMessage) => boolean): WireMessage[];
  /** Resolves when `predicate` holds for the log, polling; rejects with `what` after `timeoutMs`. */
  waitFor(predicate: (seen: SeenMessage[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
}

/**
 * Records every message created in any page of `context`. Call before opening pages: the binding
 * (window.__kizunaSeen) must exist before the probe's queued on('event') runs. Bindings survive
 * navigations and reloads, so events from a page that has since gone away are still counted.
 */
export async function recordEvents(context: BrowserContext): Promise<EventLog> {
  const seen: SeenMessage[] = [];
  const tabs = new WeakMap<Page, number>();
  let nextTab = 1;
  await context.exposeBinding('__kizunaSeen', (source, message: WireMessage) => {
    let tab = tabs.get(source.page);
    if (tab === undefined) tabs.set(source.page, (tab = nextTab++));
    seen.push({ message, pageUrl: source.frame.url(), tab });
  });
  return {
    seen,
    ids: () => seen.map((s) => s.message.messageId),
    find: (predicate) => seen.map((s) => s.message).filter(predicate),
    async waitFor(predicate, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(seen)) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
