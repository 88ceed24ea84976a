import { useState } from 'preact/hooks';
import { jwtExample } from '../jwt-example';
import { CopyButton } from './CopyButton';

/** Props of {@link IdentitySecretPanel}. */
export interface IdentitySecretPanelProps {
  /** The site's HS256 secret; undefined when the server did not send it. */
  secret: string | undefined;
}

/** The identity secret (hidden until asked), what it is for, and how a site's backend signs a token with it. */
export function IdentitySecretPanel({ secret }: IdentitySecretPanelProps) {
  const [shown, setShown] = useState(false);
  const example = jwtExample();
  return (
    <section class="panel identity" aria-labelledby="identity-title">
      <h2 id="identity-title">Identity verification</h2>
      <p class="small">
        Anyone can call <code>kizuna.identify('some-user')</code> from a browser. To prove a visitor really is that user,
        your server signs a short-lived token with this secret and the page passes it along. Only verified visitors'
        conversations follow them to their other devices, and you can require verification for chat above.
      </p>
      <h4 id="identity-secret-label">Identity secret</h4>
      {secret ? (
        <>
          <p class="secret">
            <code>{shown ? secret : '•'.repeat(Math.min(secret.length, 32))}</code>
          </p>
          <div class="button-row">
            <button type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
              {shown ? 'Hide secret' : 'Show secret'}
            </button>
            <CopyButton text={secret} label="Copy secret" />
          </div>
          <p class="help">Keep it on your server (an environment variable). Never put it in a page or an app.</p>
        </>
      ) : (
        <p class="muted small">The server did not send the secret.</p>
      )}
      <h4>Sign a token (HS256, sub = user id, exp)</h4>
      <pre class="code">{example}</pre>
      <div class="button-row">
        <CopyButton text={example} label="Copy example" />
      </div>
    </section>
  );
}
