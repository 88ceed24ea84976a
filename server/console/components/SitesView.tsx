import type { Site } from '../types';
import { routeHref } from '../route';
import { Link } from './Link';

/** Props of {@link SitesView}. */
export interface SitesViewProps {
  sites: Site[];
  selected: string | null;
}

/** Every site with its key and origins; each links to its settings and install tag. */
export function SitesView({ sites, selected }: SitesViewProps) {
  return (
    <section aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Sites
        </h1>
        <Link class="button primary" href={routeHref({ view: 'new-site', param: null, site: selected })}>
          New site
        </Link>
      </header>
      {sites.length === 0 ? (
        <p class="empty">No sites yet. Create one to get a tag to paste.</p>
      ) : (
        <ul class="cards" aria-label="Sites">
          {sites.map((site) => (
            <li key={site.id} class="card">
              <Link class="card-title" href={routeHref({ view: 'site', param: site.id, site: site.id })}>
                {site.name || site.id}
              </Link>
              <dl class="pairs small">
                <dt>Id</dt>
                <dd>{site.id}</dd>
                <dt>Write key</dt>
                <dd>
                  <code>{site.writeKey}</code>
                </dd>
                <dt>Origins</dt>
                <dd>{site.origins.length ? site.origins.join(', ') : 'none: every event will be refused'}</dd>
                <dt>Timezone</dt>
                <dd>{site.timezone}</dd>
                <dt>Retention</dt>
                <dd>{site.retentionDays == null ? 'Kept until erased' : `${site.retentionDays} days`}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
