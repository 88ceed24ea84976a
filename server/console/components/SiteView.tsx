import type { Api } from '../api';
import { routeHref } from '../route';
import type { Site } from '../types';
import { Link } from './Link';
import { SiteEditor } from './SiteEditor';
import { TagSnippet } from './TagSnippet';

/** Props of {@link SiteView}. */
export interface SiteViewProps {
  api: Api;
  site: Site | undefined;
  siteId: string;
  onSaved(site: Site): void;
}

/** One site: the tag to paste and its settings. */
export function SiteView({ api, site, siteId, onSaved }: SiteViewProps) {
  const back = (
    <Link class="back" href={routeHref({ view: 'sites', param: null, site: site?.id ?? null })}>
      ← Sites
    </Link>
  );
  if (!site) {
    return (
      <section aria-labelledby="view-title">
        {back}
        <h1 id="view-title" tabIndex={-1}>
          Site not found
        </h1>
        <p class="empty">There is no site with the id “{siteId}”.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="view-title">
      {back}
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {site.name || site.id}
        </h1>
        <p class="muted small">
          Id <code>{site.id}</code> · write key <code>{site.writeKey}</code>
        </p>
      </header>
      <div class="site-grid">
        <TagSnippet writeKey={site.writeKey} />
        {/* Keyed so that switching sites resets the form to the new site's values. */}
        <SiteEditor key={site.id} api={api} site={site} onSaved={onSaved} />
      </div>
    </section>
  );
}
