import { describe, expect, it } from 'vitest';
import { pageKey, trackPageViews } from '../../src/core/page-views';

describe('the page-view rule', () => {
  it('a new page is a new path; the query string never counts; the hash counts only with hash routing', () => {
    const at = (pathname: string, hash = '') => ({ pathname, hash });
    expect(pageKey(at('/a'), false)).not.toBe(pageKey(at('/b'), false));
    expect(pageKey(at('/a', '#x'), false)).toBe(pageKey(at('/a', '#y'), false));
    expect(pageKey(at('/a', '#/x'), true)).not.toBe(pageKey(at('/a', '#/y'), true));
  });
});

describe('trackPageViews', () => {
  it('counts the first page, each SPA navigation once, not a query-only change, and passes the previous URL', () => {
    history.replaceState(null, '', '/start');
    const seen: [string, string][] = [];
    trackPageViews(false, (ref) => seen.push([location.pathname, ref]));
    history.pushState(null, '', '/pricing');
    history.pushState(null, '', '/pricing?plan=pro'); // same page
    history.replaceState(null, '', '/pricing/pro'); // replaceState that changes the path
    history.replaceState(null, '', '/pricing/pro'); // nothing changed
    expect(seen.map(([p]) => p)).toEqual(['/start', '/pricing', '/pricing/pro']);
    expect(seen[2]![1]).toMatch(/\/pricing\?plan=pro$/);
  });

  it("lets the site's own history errors reach the site unchanged", () => {
    trackPageViews(false, () => {});
    expect(() => history.pushState(null, '', 'https://other.example/')).toThrow();
  });

  it('counts a back/forward-cache restore even though the path did not change', () => {
    history.replaceState(null, '', '/cached');
    let n = 0;
    trackPageViews(false, () => n++);
    const restore = new Event('pageshow') as PageTransitionEvent;
    Object.defineProperty(restore, 'persisted', { value: true });
    window.dispatchEvent(restore);
    window.dispatchEvent(new Event('pageshow')); // an ordinary load's pageshow is not a new page
    expect(n).toBe(2);
  });
});
