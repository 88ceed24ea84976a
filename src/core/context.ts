import type { MessageContext, PageContext } from '../types';

declare const __VERSION__: string;

/** Where and when a call was made; the stub records these so replayed calls keep their origin. */
export interface CallSite {
  url: string;
  title: string;
  referrer: string;
  time: number;
}

// Read once per page: each costs microseconds, and track() is called in loops.
let timeZone: string;
let scr: MessageContext['screen'];

/** The call site of a call made now. */
export const callSiteNow = (referrer: string): CallSite => ({
  url: location.href,
  title: document.title,
  referrer,
  time: Date.now(),
});

/** `context.page` for a call site. */
export const pageContext = (at: CallSite): PageContext => {
  const u = new URL(at.url);
  return { url: u.href, path: u.pathname, search: u.search, referrer: at.referrer, title: at.title };
};

/** Builds `context` (Segment spec names) for a message made at `at`. */
export const buildContext = (at: CallSite, sessionId: string): MessageContext => {
  const page = pageContext(at);
  const q = new URLSearchParams(page.search);
  const ctx: MessageContext = {
    page,
    locale: navigator.language,
    // Once per page. A page's first Intl.DateTimeFormat loads ICU's date data: 15–35 ms of CPU (50–180 ms at 4× CPU
    // throttling), one long task on the page's first event. Temporal.Now.timeZoneId() (Chromium 144+, Firefox 139+)
    // reads the same zone in ~0.2 ms.
    timezone: (timeZone ||=
      (self as { Temporal?: { Now: { timeZoneId(): string } } }).Temporal?.Now.timeZoneId() ||
      Intl.DateTimeFormat().resolvedOptions().timeZone),
    screen: (scr ||= { width: screen.width, height: screen.height, density: devicePixelRatio }),
    library: { name: 'kizuna', version: __VERSION__ },
    sessionId,
  };
  // utm_campaign is `name` in the Segment spec; utm_source, utm_medium, utm_term, utm_content keep their suffix.
  q.forEach((v, k) => {
    if (k.startsWith('utm_') && v) (ctx.campaign ||= {})[(k == 'utm_campaign' ? 'name' : k.slice(4)) as 'name'] = v;
  });
  return ctx;
};
