/** Every screen of the console. */
export type View =
  | 'overview'
  | 'events'
  | 'people'
  | 'person'
  | 'inbox'
  | 'conversation'
  | 'feedback'
  | 'campaigns'
  | 'campaign'
  | 'campaign-results'
  | 'new-campaign'
  | 'engagement'
  | 'message-limits'
  | 'sites'
  | 'site'
  | 'new-site';

/** Where the operator is: a view, its parameter (person, conversation, site or campaign id) and the selected site. */
export interface Route {
  view: View;
  param: string | null;
  site: string | null;
}

/** The console is served under this path; assets and links are absolute to it. */
export const BASE = '/console';

const SIMPLE: Record<string, View> = {
  '': 'overview',
  overview: 'overview',
  events: 'events',
  people: 'people',
  inbox: 'inbox',
  feedback: 'feedback',
  campaigns: 'campaigns',
  'new-campaign': 'new-campaign',
  engagement: 'engagement',
  'message-limits': 'message-limits',
  sites: 'sites',
  'new-site': 'new-site',
};

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Reads a route from a URL path and query; unknown paths land on the overview. */
export function parseRoute(pathname: string, search: string): Route {
  const site = new URLSearchParams(search).get('site') || null;
  let rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  rest = rest.replace(/^\/+|\/+$/g, '');
  const [head = '', tail, ...extra] = rest.split('/');
  if (head === 'campaigns' && tail !== undefined && extra.length === 1 && extra[0] === 'results') {
    const param = decode(tail);
    if (param) return { view: 'campaign-results', param, site };
  }
  if (tail !== undefined && extra.length === 0) {
    const param = decode(tail);
    if (param) {
      if (head === 'people') return { view: 'person', param, site };
      if (head === 'sites') return { view: 'site', param, site };
      if (head === 'inbox') return { view: 'conversation', param, site };
      if (head === 'campaigns') return { view: 'campaign', param, site };
    }
  }
  const view = tail === undefined ? SIMPLE[head] : undefined;
  return { view: view ?? 'overview', param: null, site };
}

/** The URL (path + query) for a route. */
export function routeHref(route: Route): string {
  let path: string;
  if (route.view === 'person') path = `${BASE}/people/${encodeURIComponent(route.param ?? '')}`;
  else if (route.view === 'site') path = `${BASE}/sites/${encodeURIComponent(route.param ?? '')}`;
  else if (route.view === 'conversation') path = `${BASE}/inbox/${encodeURIComponent(route.param ?? '')}`;
  else if (route.view === 'campaign') path = `${BASE}/campaigns/${encodeURIComponent(route.param ?? '')}`;
  else if (route.view === 'campaign-results') path = `${BASE}/campaigns/${encodeURIComponent(route.param ?? '')}/results`;
  else if (route.view === 'overview') path = `${BASE}/`;
  else path = `${BASE}/${route.view}`;
  return route.site ? `${path}?site=${encodeURIComponent(route.site)}` : path;
}

/** The event the console fires on `window` after it changes the URL itself. */
export const NAVIGATE_EVENT = 'kizuna-console:navigate';

/** Moves to a console URL without a reload (history routing). */
export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
