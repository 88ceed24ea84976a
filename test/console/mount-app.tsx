import { createApi, type ApiOptions } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { mount } from './render';

/** Opens the whole console at `path` (path and query) over a fake API's fetch, with no typing debounce. */
export function mountApp(fake: Pick<ApiOptions, 'fetch'>, path: string): Promise<HTMLElement> {
  history.replaceState(null, '', path);
  return mount(<App api={createApi({ fetch: fake.fetch })} debounceMs={0} />);
}
