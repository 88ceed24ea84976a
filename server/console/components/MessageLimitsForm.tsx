import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import { ApiError, errorMessage } from '../api-error';
import { createCampaignApi } from '../campaign-api';
import { useFormState } from '../campaign-form-state';
import { routeHref } from '../route';
import { DEFAULT_SITE_LIMITS, type SiteLimits } from '../../../src/shared/campaign-schema';
import { validateSiteLimits } from '../../campaigns/validate-site-limits';
import { CampaignErrorSummary } from './CampaignErrorSummary';
import { CheckField, NumberField } from './CampaignFields';
import { focusSoon } from './CampaignRules';
import { Link } from './Link';

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
  const form = useFormState<SiteLimits>({ ...DEFAULT_SITE_LIMITS }, validateSiteLimits);
  const [custom, setCustom] = useState<boolean | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const load = () => {
    let current = true;
    setLoadError(null);
    campaigns.limits(site).then(
      (answer) => {
        if (!current) return;
        form.reset({ ...answer.limits });
        setCustom(answer.custom);
      },
      (err: unknown) => current && setLoadError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  };
  useEffect(load, [campaigns, site]);

  const save = async (event: Event) => {
    event.preventDefault();
    setNotice('');
    setFailure(null);
    setSubmitted(true);
    form.revealAll();
    if (form.problems.length) {
      focusSoon('campaign-errors');
      return;
    }
    setSaving(true);
    try {
      const answer = await campaigns.saveLimits(site, form.value);
      form.reset({ ...answer.limits });
      setCustom(answer.custom);
      setSubmitted(false);
      setNotice('Saved. Visitors get the new limits within a minute.');
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        form.setServerErrors(err.errors);
        focusSoon('campaign-errors');
      } else setFailure(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

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
      {loadError && (
        <div class="error" role="alert">
          <p>{loadError}</p>
          <button type="button" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {custom === null && !loadError ? (
        <p class="empty">Loading…</p>
      ) : (
        <form class="panel form" noValidate onSubmit={save} aria-label="Message limits">
          {(submitted || form.shown.some((e) => !form.problems.includes(e))) && (
            <CampaignErrorSummary errors={form.shown} title="Fix these to save" linked />
          )}
          <div class="inline-fields">
            <NumberField ctx={ctx} path={['minGap']} label="Seconds between any two messages" help="0 to 86400 (a day)." />
            <NumberField ctx={ctx} path={['maxPerSession']} label="Messages per session, at most" help="1 to 100." />
          </div>
          <CheckField ctx={ctx} path={['quietWhileChatOpen']} label="Show nothing while the chat is open" />
          {failure && (
            <p class="error" role="alert">
              {failure}
            </p>
          )}
          <div class="button-row">
            <button type="submit" class="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save message limits'}
            </button>
            <span class="ok" role="status">
              {notice}
            </span>
          </div>
        </form>
      )}
    </section>
  );
}
