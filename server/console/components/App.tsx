import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { useRoute } from '../use-route';
import { Login } from './Login';
import { Shell } from './Shell';

/** Props of {@link App}. */
export interface AppProps {
  api: Api;
  debounceMs?: number;
}

type Auth = { state: 'checking' } | { state: 'out' } | { state: 'in' } | { state: 'error'; message: string };

/** The console: checks the session, then shows the login form or the signed-in shell. */
export function App({ api, debounceMs }: AppProps) {
  const route = useRoute();
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });

  const check = () => {
    setAuth({ state: 'checking' });
    api.me().then(
      (ok) => setAuth({ state: ok ? 'in' : 'out' }),
      (err: unknown) => setAuth({ state: 'error', message: errorMessage(err) }),
    );
  };
  useEffect(check, [api]);
  useEffect(() => api.onUnauthorized(() => setAuth({ state: 'out' })), [api]);

  if (auth.state === 'checking') {
    return (
      <main id="main" class="splash" aria-busy="true">
        <p>Loading the console…</p>
      </main>
    );
  }
  if (auth.state === 'error') {
    return (
      <main id="main" class="splash">
        <div class="error" role="alert">
          <p>{auth.message}</p>
          <button type="button" onClick={check}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (auth.state === 'out') return <Login api={api} onLoggedIn={() => setAuth({ state: 'in' })} />;
  return <Shell api={api} route={route} onLoggedOut={() => setAuth({ state: 'out' })} debounceMs={debounceMs} />;
}
