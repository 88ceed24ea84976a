import type { Api } from '../api';
import { navigate, routeHref } from '../route';
import type { Site } from '../types';
import { Link } from './Link';
import { SiteEditor } from './SiteEditor';

/** Props of {@link NewSiteView}. */
export interface NewSiteViewProps {
  api: Api;
  selected: string | null;
  onSaved(site: Site): void;
}

/** Create a site, then go to its page to copy the tag. */
export function NewSiteView({ api, selected, onSaved }: NewSiteViewProps) {
  return (
    <section aria-labelledby="view-title">
      <Link class="back" href={routeHref({ view: 'sites', param: null, site: selected })}>
        ← Sites
      </Link>
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Add a site
        </h1>
      </header>
      <SiteEditor
        api={api}
        site={null}
        onSaved={(site) => {
          onSaved(site);
          navigate(routeHref({ view: 'site', param: site.id, site: site.id }));
        }}
      />
    </section>
  );
}
