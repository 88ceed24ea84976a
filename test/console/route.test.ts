import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../server/console/route';

describe('console routes', () => {
  it('round-trips every view through its URL', () => {
    const routes: Route[] = [
      { view: 'overview', param: null, site: 'demo' },
      { view: 'events', param: null, site: 'demo' },
      { view: 'people', param: null, site: null },
      { view: 'person', param: 'user/with spaces?&', site: 'shop' },
      { view: 'inbox', param: null, site: 'demo' },
      { view: 'conversation', param: 'c/1 ?#', site: 'demo' },
      { view: 'feedback', param: null, site: 'demo' },
      { view: 'campaigns', param: null, site: 'demo' },
      { view: 'sites', param: null, site: 'demo' },
      { view: 'site', param: 'shop', site: 'shop' },
      { view: 'new-site', param: null, site: null },
    ];
    for (const route of routes) {
      const url = new URL(routeHref(route), 'http://localhost');
      expect(url.pathname.startsWith('/console/')).toBe(true);
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });

  it('lands unknown and malformed paths on the overview instead of failing', () => {
    expect(parseRoute('/console', '').view).toBe('overview');
    expect(parseRoute('/console/nope', '').view).toBe('overview');
    expect(parseRoute('/console/people/%E0%A4%A', '').view).toBe('overview');
    expect(parseRoute('/console/people/a/b', '').view).toBe('overview');
    expect(parseRoute('/console/events/', '?site=x')).toEqual({ view: 'events', param: null, site: 'x' });
  });
});
