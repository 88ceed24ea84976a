import { useMemo } from 'preact/hooks';
import type { Api } from '../api';
import { createCampaignApi } from '../campaign-api';
import { routeHref } from '../route';
import { useSettingsForm } from '../use-settings-form';
import { DEFAULT_SITE_LIMITS } from '../../../src/shared/campaign-schema';
import { validateSiteLimits } from '../../campaigns/validate-site-limits';
import { CampaignErrorSummary } from './CampaignErrorSummary';
import { CheckField, NumberField } from './CampaignFields';
import { Link } from './Link';
import { LoadError } from './LoadError';

/** Props of {@link MessageLimitsForm}. */
export interface MessageLimitsFormProps {
  api: Api;
  site: string;
}

/**
 * Limits across all of a site's campaigns: the seconds between any two messages, messages per session, and quiet while
 * the chat is open. Checked as typed by the collector's own validateSiteLimits.
 */
export function MessageLimitsForm({ api, site }: MessageLimitsFormProps) {
  const campaigns = useMemo(() => createCampaignApi(api), [api]);
  const settings = useSettingsForm({
    initial: { ...DEFAULT_SITE_LIMITS },
    validate: validateSiteLimits,
    load: () => campaigns.limits(site),
    save: (value) => campaigns.saveLimits(site, value),
    read: (answer) => ({ ...answer.limits }),
    savedNotice: 'Saved. Visitors get the new limits within a minute.',
    deps: [campaigns, site],
  });
  const { form, custom, loadError } = settings;

  const { ctx } = form;
  return (
    <section aria-labelledby="view-title">
      <p class="back">
        <Link href={routeHref({ view: 'campaigns', param: null, site })}>← Campaigns</Link>
      </p>
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Message limits
        </h1>
        {custom === false && <span class="badge">Defaults</span>}
      </header>
      <p class="lead">However many campaigns are due, a visitor never gets more than these allow.</p>
      <LoadError error={loadError} onRetry={settings.reload} />
      {custom === null && !loadError ? (
        <p class="empty">Loading…</p>
      ) : (
        <form class="panel form" noValidate onSubmit={settings.submit} aria-label="Message limits">
          {settings.summaryShown && (
            <CampaignErrorSummary errors={form.shown} title="Fix these to save" linked />
          )}
          <div class="inline-fields">
            <NumberField ctx={ctx} path={['minGap']} label="Seconds between any two messages" help="0 to 86400 (a day)." />
            <NumberField ctx={ctx} path={['maxPerSession']} label="Messages per session, at most" help="1 to 100." />
          </div>
          <CheckField ctx={ctx} path={['quietWhileChatOpen']} label="Show nothing while the chat is open" />
          {settings.failure && (
            <p class="error" role="alert">
              {settings.failure}
            </p>
          )}
          <div class="button-row">
            <button type="submit" class="primary" disabled={settings.saving}>
              {settings.saving ? 'Saving…' : 'Save message limits'}
            </button>
            <span class="ok" role="status">
              {settings.notice}
            </span>
          </div>
        </form>
      )}
    </section>
  );
}
