/**
 * The page key: what must change for a navigation to count as a new page. The path, plus the hash when the
 * site routes by hash. A query-string-only change (filters, sorting) is the same page.
 */
export const pageKey = (loc: { pathname: string; hash: string }, hash: boolean): string =>
  loc.pathname + (hash ? loc.hash : '');

/**
 * Calls `onPage(referrer)` once for the initial page and once per navigation that changes the {@link pageKey}:
 * pushState, replaceState, popstate, hashchange (hash routing only); a restore from the back/forward cache always
 * counts (the visitor came back). `referrer` is the previous page's URL for in-app navigations.
 * History stays patched for the page's lifetime, as with every peer.
 */
export const trackPageViews = (hash: boolean, onPage: (referrer: string) => void): void => {
  let last: string | undefined;
  let lastUrl = document.referrer;
  const check = (e?: PageTransitionEvent | PopStateEvent | HashChangeEvent) => {
    try {
      const key = pageKey(location, hash);
      const restored = (e as PageTransitionEvent)?.persisted;
      if (restored) lastUrl = document.referrer;
      if (restored || key != last) onPage(lastUrl);
      last = key;
      lastUrl = location.href;
    } catch {
      // Never let our bookkeeping break the site's navigation.
    }
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const orig = history[name];
    // The site's own call runs first and its exceptions (e.g. a cross-origin URL) reach it unchanged.
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      orig.apply(this, args);
      check();
    };
  }
  addEventListener('popstate', check);
  if (hash) addEventListener('hashchange', check);
  addEventListener('pageshow', check);
  check();
};
