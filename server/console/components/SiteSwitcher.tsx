import { navigate, routeHref, type Route } from '../route';
import type { Site } from '../types';

/** Props of {@link SiteSwitcher}. */
export interface SiteSwitcherProps {
  sites: Site[];
  selected: string | null;
  route: Route;
}

/** Chooses the site every view shows; the choice lives in the URL (?site=) so links keep it. */
export function SiteSwitcher({ sites, selected, route }: SiteSwitcherProps) {
  if (sites.length === 0) return null;
  const change = (id: string) => {
    // A person or a site page belongs to the old site: go to the matching list instead.
    const view = route.view === 'person' ? 'people' : route.view;
    const param = route.view === 'site' ? id : null;
    navigate(routeHref({ view, param, site: id }));
  };
  return (
    <div class="site-switcher">
      <label for="site-switcher">Site</label>
      <select id="site-switcher" value={selected ?? ''} onChange={(event) => change(event.currentTarget.value)}>
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name || site.id}
          </option>
        ))}
      </select>
    </div>
  );
}
