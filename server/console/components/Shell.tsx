import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { routeHref, type Route, type View } from '../route';
import type { Site } from '../types';
import { CampaignEditor } from './CampaignEditor';
import { CampaignList } from './CampaignList';
import { CampaignResultsView } from './CampaignResultsView';
import { EngagementSettings } from './EngagementSettings';
import { EventsView } from './EventsView';
import { FeedbackView } from './FeedbackView';
import { InboxView } from './InboxView';
import { Link } from './Link';
import { MessageLimitsForm } from './MessageLimitsForm';
import { NewSiteView } from './NewSiteView';
import { PeopleView } from './PeopleView';
import { PersonView } from './PersonView';
import { OverviewView } from './OverviewView';
import { Placeholder } from './Placeholder';
import { SideNav } from './SideNav';
import { SitesView } from './SitesView';
import { SiteSwitcher } from './SiteSwitcher';
import { SiteView } from './SiteView';

/** Props of {@link Shell}. */
export interface ShellProps {
  api: Api;
  route: Route;
  onLoggedOut(): void;
  /** Debounce for search fields (0 in tests). */
  debounceMs?: number;
}

const REMEMBERED_SITE = 'kizuna-console:site';

/** Views that show one site's data (they need a site). */
const SITE_VIEWS: View[] = ['events', 'people', 'person', 'inbox', 'conversation', 'feedback'];
/** The campaign views (issue 5), which need a site too. */
const CAMPAIGN_VIEWS: View[] = ['campaigns', 'campaign', 'campaign-results', 'new-campaign', 'engagement', 'message-limits'];

const TITLES: Record<View, string> = {
  overview: 'Overview',
  events: 'Events',
  people: 'People',
  person: 'Person',
  inbox: 'Inbox',
  conversation: 'Conversation',
  feedback: 'Feedback',
  campaigns: 'Campaigns',
  campaign: 'Campaign',
  'campaign-results': 'Campaign results',
  'new-campaign': 'New campaign',
  engagement: 'Engagement score',
  'message-limits': 'Message limits',
  sites: 'Sites',
  site: 'Site',
  'new-site': 'New site',
};

function remembered(): string | null {
  try {
    return localStorage.getItem(REMEMBERED_SITE);
  } catch {
    return null;
  }
}

function remember(id: string): void {
  try {
    localStorage.setItem(REMEMBERED_SITE, id);
  } catch {
    // Storage blocked: the URL still carries the choice.
  }
}

/** The signed-in frame: top bar with the site switcher, side navigation, and the current view. */
export function Shell({ api, route, onLoggedOut, debounceMs }: ShellProps) {
  const [sites, setSites] = useState<Site[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const firstRender = useRef(true);

  const loadSites = useCallback(() => {
    setError(null);
    api.listSites().then(setSites, (err: unknown) => {
      setError(errorMessage(err));
      setSites((prev) => prev ?? []);
    });
  }, [api]);
  useEffect(loadSites, [loadSites]);

  const known = (id: string | null) => (id && sites?.some((site) => site.id === id) ? id : null);
  const selected = known(route.site) ?? known(remembered()) ?? sites?.[0]?.id ?? null;

  useEffect(() => {
    if (selected) remember(selected);
  }, [selected]);

  useEffect(() => {
    document.title = `${TITLES[route.view]} · Kizuna console`;
    // After in-app navigation, move focus to the new view's heading so screen readers announce it.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById('view-title')?.focus();
  }, [route.view, route.param]);

  const saved = (site: Site) => {
    setSites((prev) => {
      const list = prev ?? [];
      return list.some((s) => s.id === site.id) ? list.map((s) => (s.id === site.id ? site : s)) : [...list, site];
    });
  };

  const logout = async () => {
    try {
      await api.logout();
    } catch {
      // Even if the server is gone, forget the session on this side.
    }
    onLoggedOut();
  };

  let content;
  if (sites === null) {
    content = <p class="empty">Loading…</p>;
  } else if (!selected && [...SITE_VIEWS, ...CAMPAIGN_VIEWS].includes(route.view)) {
    content = (
      <div class="empty">
        <h1 id="view-title" tabIndex={-1}>
          No site yet
        </h1>
        <p>
          <Link href={routeHref({ view: 'new-site', param: null, site: null })}>Create a site</Link> to start collecting
          events.
        </p>
      </div>
    );
  } else {
    switch (route.view) {
      case 'events':
        content = <EventsView key={selected} api={api} site={selected!} debounceMs={debounceMs} />;
        break;
      case 'people':
        content = <PeopleView key={selected} api={api} site={selected!} debounceMs={debounceMs} />;
        break;
      case 'person':
        content = <PersonView api={api} site={selected!} personId={route.param ?? ''} />;
        break;
      case 'sites':
        content = <SitesView sites={sites} selected={selected} />;
        break;
      case 'site':
        content = (
          <SiteView api={api} siteId={route.param ?? ''} site={sites.find((s) => s.id === route.param)} onSaved={saved} />
        );
        break;
      case 'new-site':
        content = <NewSiteView api={api} selected={selected} onSaved={saved} />;
        break;
      case 'inbox':
      case 'conversation':
        // One element for both routes, so the list and its live stream stay put while conversations change.
        content = (
          <InboxView key={selected} api={api} site={selected!} conversationId={route.view === 'conversation' ? route.param : null} />
        );
        break;
      case 'feedback':
        content = <FeedbackView key={selected} api={api} site={selected!} />;
        break;
      case 'campaigns':
        content = <CampaignList key={selected} api={api} site={selected!} />;
        break;
      case 'campaign':
      case 'new-campaign':
        content = (
          <CampaignEditor
            key={selected}
            api={api}
            site={selected!}
            campaignId={route.view === 'campaign' ? (route.param ?? '') : null}
            timezone={sites.find((s) => s.id === selected)?.timezone || 'UTC'}
          />
        );
        break;
      case 'campaign-results':
        content = <CampaignResultsView key={`${selected}/${route.param ?? ''}`} api={api} site={selected!} campaignId={route.param ?? ''} />;
        break;
      case 'engagement':
        content = <EngagementSettings key={selected} api={api} site={selected!} />;
        break;
      case 'message-limits':
        content = <MessageLimitsForm key={selected} api={api} site={selected!} />;
        break;
      default:
        content = selected ? (
          <OverviewView key={selected} api={api} site={selected} />
        ) : (
          <Placeholder title="Overview">
            <p>The dashboard is coming soon: visitors, top pages, sources and conversions at a glance.</p>
            <p>Meanwhile:</p>
            <ol class="steps">
              <li>
                <Link href={routeHref(selected ? { view: 'site', param: selected, site: selected } : { view: 'new-site', param: null, site: null })}>
                  Copy the tag
                </Link>{' '}
                and paste it into your pages.
              </li>
              <li>
                Watch <Link href={routeHref({ view: 'events', param: null, site: selected })}>events</Link> arrive
                live.
              </li>
              <li>
                Look up <Link href={routeHref({ view: 'people', param: null, site: selected })}>people</Link> and their
                timelines.
              </li>
            </ol>
          </Placeholder>
        );
    }
  }

  return (
    <div class="layout">
      <header class="topbar">
        <Link class="brand" href={routeHref({ view: 'overview', param: null, site: selected })}>
          <span class="brand-mark" aria-hidden="true">
            絆
          </span>{' '}
          Kizuna
        </Link>
        <SiteSwitcher sites={sites ?? []} selected={selected} route={route} />
        <button type="button" class="quiet logout" onClick={logout}>
          Sign out
        </button>
      </header>
      <SideNav route={route} site={selected} />
      <main id="main" class={route.view === 'inbox' || route.view === 'conversation' ? 'content wide' : 'content'}>
        {error && (
          <div class="error" role="alert">
            <p>{error}</p>
            <button type="button" onClick={loadSites}>
              Try again
            </button>
          </div>
        )}
        {content}
      </main>
    </div>
  );
}

