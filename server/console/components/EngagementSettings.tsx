import { useMemo } from 'preact/hooks';
import type { Api } from '../api';
import { createCampaignApi } from '../campaign-api';
import { routeHref } from '../route';
import { useSettingsForm } from '../use-settings-form';
import { DEFAULT_SCORE_SETTINGS, validateScoreSettings, type ScoreSettings } from '../../../src/shared/engagement-score';
import { FieldGroup, GroupErrors, ListField, NumberField, TextField } from './CampaignFields';
import { Link } from './Link';
import { RuleList } from './RuleList';
import { SettingsFormPage } from './SettingsFormPage';

/** Props of {@link EngagementSettings}. */
export interface EngagementSettingsProps {
  api: Api;
  site: string;
}

const WEIGHTS = [
  ['session', 'Per visit (session)'],
  ['page', 'Per page view'],
  ['link', 'Per link click'],
  ['contact', 'Per chat message or feedback'],
  ['conversion', 'Per conversion'],
  ['value', 'Per unit of conversion value'],
] as const;

const copy = (s: ScoreSettings): ScoreSettings => JSON.parse(JSON.stringify(s)) as ScoreSettings;

/**
 * The site's engagement score: points per signal, the half-life of their decay, the points that score 50, the cap on a
 * conversion's value, up to four named tiers, and which events are conversions. Checked as typed by
 * validateScoreSettings (src/shared), the same check the collector runs when it saves.
 */
export function EngagementSettings({ api, site }: EngagementSettingsProps) {
  const campaigns = useMemo(() => createCampaignApi(api), [api]);
  const settings = useSettingsForm({
    initial: copy(DEFAULT_SCORE_SETTINGS),
    validate: validateScoreSettings,
    load: () => campaigns.engagement(site),
    save: (value) => campaigns.saveEngagement(site, value),
    read: (answer) => copy(answer.settings),
    savedNotice: 'Saved. Scores use the new settings from now on.',
    deps: [campaigns, site],
  });
  const { form } = settings;
  const { ctx } = form;

  return (
    <SettingsFormPage
      site={site}
      title="Engagement score"
      lead={
        <>
          Every person gets a score from 0 to 100: points for what they do, each counting half after the half-life, mapped
          so that the “points for a score of 50” give 50. Campaigns can target a score or a tier; the{' '}
          <Link href={`${routeHref({ view: 'people', param: null, site })}&sort=score`}>people list</Link> sorts by it.
        </>
      }
      settings={settings}
      label="Engagement score settings"
      saveLabel="Save engagement settings"
      buttons={
        <button
          type="button"
          onClick={() => {
            form.reset(copy(DEFAULT_SCORE_SETTINGS));
            settings.setNotice('The defaults are in the form; save to use them.');
          }}
        >
          Fill in the defaults
        </button>
      }
    >
      <FieldGroup legend="Points" class="inline-fields">
        <GroupErrors ctx={ctx} path="weights" />
        {WEIGHTS.map(([key, label]) => (
          <NumberField key={key} ctx={ctx} path={['weights', key]} label={label} />
        ))}
      </FieldGroup>
      <div class="inline-fields">
        <NumberField ctx={ctx} path={['halfLifeDays']} label="Half-life (days)" help="After this many days a signal counts half." />
        <NumberField ctx={ctx} path={['halfScoreAt']} label="Points for a score of 50" />
        <NumberField ctx={ctx} path={['valueCap']} label="Value counted per conversion, at most" help="So one large order cannot make a champion." />
      </div>
      <FieldGroup legend="Tiers (up to four, highest first)" class="rules">
        <GroupErrors ctx={ctx} path="tiers" />
        <RuleList ctx={ctx} path={['tiers']} noun="tier" addLabel="Add a tier" newRow={{ name: '', min: 0 }} focusField="name" keepEmpty max={4}>
          {(p, i) => (
            <>
              <TextField ctx={ctx} path={[...p, 'name']} label={`Tier ${i + 1} name`} />
              <NumberField ctx={ctx} path={[...p, 'min']} label="From score" />
            </>
          )}
        </RuleList>
      </FieldGroup>
      <div class="inline-fields">
        <ListField ctx={ctx} path={['conversionEvents']} label="Conversion events" keepEmpty placeholder="Order Completed" help="Comma-separated track event names." />
        <TextField ctx={ctx} path={['valueProperty']} label="Value property" placeholder="revenue" help="The event property holding the conversion’s value." />
      </div>
    </SettingsFormPage>
  );
}
