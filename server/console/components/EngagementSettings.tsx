import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import { ApiError, errorMessage } from '../api-error';
import { createCampaignApi } from '../campaign-api';
import { fieldId } from '../campaign-draft';
import { useFormState } from '../campaign-form-state';
import { routeHref } from '../route';
import { DEFAULT_SCORE_SETTINGS, validateScoreSettings, type ScoreSettings } from '../../../src/shared/engagement-score';
import { CampaignErrorSummary } from './CampaignErrorSummary';
import { FieldGroup, GroupErrors, ListField, NumberField, TextField } from './CampaignFields';
import { focusAddAfter, focusSoon } from './CampaignRules';
import { Link } from './Link';

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
  const form = useFormState<ScoreSettings>(copy(DEFAULT_SCORE_SETTINGS), validateScoreSettings);
  const [custom, setCustom] = useState<boolean | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const load = () => {
    let current = true;
    setLoadError(null);
    campaigns.engagement(site).then(
      (answer) => {
        if (!current) return;
        form.reset(copy(answer.settings));
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
      const answer = await campaigns.saveEngagement(site, form.value);
      form.reset(copy(answer.settings));
      setCustom(answer.custom);
      setSubmitted(false);
      setNotice('Saved. Scores use the new settings from now on.');
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        form.setServerErrors(err.errors);
        focusSoon('campaign-errors');
      } else setFailure(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const tiers = Array.isArray(form.value.tiers) ? form.value.tiers : [];
  const { ctx } = form;

  return (
    <section aria-labelledby="view-title">
      <p class="back">
        <Link href={routeHref({ view: 'campaigns', param: null, site })}>← Campaigns</Link>
      </p>
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Engagement score
        </h1>
        {custom === false && <span class="badge">Defaults</span>}
      </header>
      <p class="lead">
        Every person gets a score from 0 to 100: points for what they do, each counting half after the half-life, mapped
        so that the “points for a score of 50” give 50. Campaigns can target a score or a tier; the{' '}
        <Link href={`${routeHref({ view: 'people', param: null, site })}&sort=score`}>people list</Link> sorts by it.
      </p>
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
        <form class="panel form" noValidate onSubmit={save} aria-label="Engagement score settings">
          {(submitted || form.shown.some((e) => !form.problems.includes(e))) && (
            <CampaignErrorSummary errors={form.shown} title="Fix these to save" linked />
          )}
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
            <ol class="rule-list">
              {tiers.map((_, i) => (
                <li key={i} class="rule">
                  <TextField ctx={ctx} path={['tiers', i, 'name']} label={`Tier ${i + 1} name`} />
                  <NumberField ctx={ctx} path={['tiers', i, 'min']} label="From score" />
                  <button
                    type="button"
                    class="small-button"
                    aria-label={`Remove tier ${i + 1}`}
                    onClick={(e) => {
                      focusAddAfter(e);
                      ctx.set(['tiers'], tiers.filter((_, j) => j !== i));
                    }}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ol>
            {tiers.length < 4 && (
              <button
                type="button"
                class="small-button" data-add
                onClick={() => {
                  ctx.set(['tiers', tiers.length], { name: '', min: 0 });
                  focusSoon(fieldId(['tiers', tiers.length, 'name']));
                }}
              >
                Add a tier
              </button>
            )}
          </FieldGroup>
          <div class="inline-fields">
            <ListField ctx={ctx} path={['conversionEvents']} label="Conversion events" keepEmpty placeholder="Order Completed" help="Comma-separated track event names." />
            <TextField ctx={ctx} path={['valueProperty']} label="Value property" placeholder="revenue" help="The event property holding the conversion’s value." />
          </div>
          {failure && (
            <p class="error" role="alert">
              {failure}
            </p>
          )}
          <div class="button-row">
            <button type="submit" class="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save engagement settings'}
            </button>
            <button
              type="button"
              onClick={() => {
                form.reset(copy(DEFAULT_SCORE_SETTINGS));
                setNotice('The defaults are in the form; save to use them.');
              }}
            >
              Fill in the defaults
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
