import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { routeHref } from '../route';
import type { Site, SiteDetail } from '../types';
import { ChatSettingsForm } from './ChatSettingsForm';
import { IdentitySecretPanel } from './IdentitySecretPanel';
import { Link } from './Link';
import { SiteEditor } from './SiteEditor';
import { TagSnippet } from './TagSnippet';

/** Props of {@link SiteView}. */
export interface SiteViewProps {
  api: Api;
  site: Site | undefined;
  siteId: string;
  onSaved(site: Site): void;
}

/** One site: the tag to paste, its settings, chat and feedback settings, and the identity secret. */
export function SiteView({ api, site, siteId, onSaved }: SiteViewProps) {
  // The list of sites leaves out chat settings and the secret: fetch the site itself.
  const [detail, setDetail] = useState<SiteDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const exists = Boolean(site);
  useEffect(() => {
    if (!exists) return undefined;
    let current = true;
    setDetail(null);
    setDetailError(null);
    api.getSite(siteId).then(
      (body) => current && setDetail(body),
      (err: unknown) => current && setDetailError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [api, siteId, exists]);

  const back = (
    <Link class="back" href={routeHref({ view: 'sites', param: null, site: site?.id ?? null })}>
      ← Sites
    </Link>
  );
  if (!site) {
    return (
      <section aria-labelledby="view-title">
        {back}
        <h1 id="view-title" tabIndex={-1}>
          Site not found
        </h1>
        <p class="empty">There is no site with the id “{siteId}”.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="view-title">
      {back}
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {site.name || site.id}
        </h1>
        <p class="muted small">
          Id <code>{site.id}</code> · write key <code>{site.writeKey}</code>
        </p>
      </header>
      <div class="site-grid">
        <TagSnippet writeKey={site.writeKey} />
        {/* Keyed so that switching sites resets the form to the new site's values. */}
        <SiteEditor key={site.id} api={api} site={site} onSaved={onSaved} />
      </div>
      {detailError && (
        <p class="error" role="alert">
          {detailError}
        </p>
      )}
      {detail ? (
        <div class="site-grid">
          <ChatSettingsForm key={detail.id} api={api} site={detail} onSaved={(saved) => setDetail({ ...detail, ...saved })} />
          <IdentitySecretPanel secret={detail.identitySecret} />
        </div>
      ) : (
        !detailError && <p class="muted">Loading chat settings…</p>
      )}
    </section>
  );
}
