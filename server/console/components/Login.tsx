import { useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';

/** Props of {@link Login}. */
export interface LoginProps {
  api: Api;
  onLoggedIn(): void;
}

/** Sign-in with the operator token; the server answers with an HttpOnly session cookie. */
export function Login({ api, onLoggedIn }: LoginProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!token.trim()) {
      setError('Paste the operator token first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.login(token.trim());
      setToken('');
      onLoggedIn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <form class="login-card" onSubmit={submit} aria-describedby="login-help" noValidate>
        <p class="brand login-brand">
          <span class="brand-mark" aria-hidden="true">絆</span> Kizuna
        </p>
        <h1>Sign in to the console</h1>
        <p id="login-help" class="muted">
          Paste the operator token: the value of <code>KIZUNA_ADMIN_TOKEN</code>, or the token the server printed on its
          first start.
        </p>
        {/* Lets password managers file the token under a name (Chromium asks for a username field). */}
        <input
          type="text"
          name="username"
          autocomplete="username"
          value="kizuna-operator"
          readOnly
          hidden
        />
        <label for="token">Operator token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          spellcheck={false}
          autoFocus
          value={token}
          aria-invalid={error ? 'true' : undefined}
          aria-errormessage={error ? 'login-error' : undefined}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        {error && (
          <p id="login-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
