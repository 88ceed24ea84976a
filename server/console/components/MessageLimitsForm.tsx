import { useMemo } from 'preact/hooks';
import type { Api } from '../api';
import { createCampaignApi } from '../campaign-api';
import { useSettingsForm } from '../use-settings-form';
import { DEFAULT_SITE_LIMITS } from '../../../src/shared/campaign-schema';
import { validateSiteLimits } from '../../campaigns/validate-site-limits';
import { CheckField, NumberField } from './CampaignFields';
import { SettingsFormPage } from './SettingsFormPage';

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
  const { ctx } = settings.form;
  return (
    <SettingsFormPage
      site={site}
      title="Message limits"
      lead="However many campaigns are due, a visitor never gets more than these allow."
      settings={settings}
      label="Message limits"
      saveLabel="Save message limits"
    >
      <div class="inline-fields">
        <NumberField ctx={ctx} path={['minGap']} label="Seconds between any two messages" help="0 to 86400 (a day)." />
        <NumberField ctx={ctx} path={['maxPerSession']} label="Messages per session, at most" help="1 to 100." />
      </div>
      <CheckField ctx={ctx} path={['quietWhileChatOpen']} label="Show nothing while the chat is open" />
    </SettingsFormPage>
  );
}
