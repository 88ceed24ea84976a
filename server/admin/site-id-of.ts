import { HttpError } from '../http-error.js';
import type { Store } from '../store/store.js';

/** The `:site` route parameter of an admin route, once the site is known to exist; 404 `site_not_found` otherwise. */
export async function siteIdOf(store: Store, params: unknown): Promise<string> {
  const siteId = (params as { site: string }).site;
  if (!(await store.getSite(siteId))) throw new HttpError(404, 'site_not_found', 'No such site.');
  return siteId;
}
