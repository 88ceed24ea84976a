import { useEffect, useState } from 'preact/hooks';
import { NAVIGATE_EVENT, parseRoute, type Route } from './route';

function current(): Route {
  return parseRoute(location.pathname, location.search);
}

/** The current route, updated on back/forward and on the console's own navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return route;
}
