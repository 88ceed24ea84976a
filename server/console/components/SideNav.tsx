import type { JSX } from 'preact';
import { routeHref, type Route, type View } from '../route';
import { Link } from './Link';

interface NavItem {
  view: View;
  label: string;
  /** Views that highlight this item too. */
  also?: View[];
  icon: JSX.Element;
}

const icon = (d: string) => (
  <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d={d} />
  </svg>
);

/** The console's sections in navigation order. */
export const NAV_ITEMS: NavItem[] = [
  { view: 'overview', label: 'Overview', icon: icon('M4 13h6V4H4zm0 7h6v-4H4zm10 0h6v-9h-6zm0-16v4h6V4z') },
  { view: 'events', label: 'Events', icon: icon('M3 12h4l3-8 4 16 3-8h4') },
  { view: 'people', label: 'People', also: ['person'], icon: icon('M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 10a7 7 0 0 1 14 0M17 3.5a4 4 0 0 1 0 7.5M22 21a7 7 0 0 0-4-6.3') },
  { view: 'inbox', label: 'Inbox', also: ['conversation'], icon: icon('M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6z') },
  { view: 'feedback', label: 'Feedback', icon: icon('M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z') },
  { view: 'campaigns', label: 'Campaigns', also: ['campaign', 'campaign-results', 'new-campaign', 'engagement', 'message-limits'], icon: icon('M3 10v4h4l6 5V5L7 10zm14-2a5 5 0 0 1 0 8') },
  { view: 'sites', label: 'Sites', also: ['site', 'new-site'], icon: icon('M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9c-2.5-2.5-3.8-5.5-3.8-9S9.5 5.5 12 3z') },
];

/** Props of {@link SideNav}. */
export interface SideNavProps {
  route: Route;
  site: string | null;
}

/** The side navigation (a scrolling bar at phone width); the current section has aria-current. */
export function SideNav({ route, site }: SideNavProps) {
  return (
    <nav class="sidenav" aria-label="Console">
      <ul>
        {NAV_ITEMS.map((item) => {
          const current = item.view === route.view || item.also?.includes(route.view);
          return (
            <li key={item.view}>
              <Link href={routeHref({ view: item.view, param: null, site })} aria-current={current ? 'page' : undefined}>
                {item.icon}
                <span>{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
