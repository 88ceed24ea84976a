import { getIn, type Draft } from '../campaign-draft';
import { Field, GroupErrors, NumberField, SelectField, TextField, type FieldContext } from './CampaignFields';
import { CampaignAudienceEditor } from './CampaignAudienceEditor';
import { CampaignContentEditor } from './CampaignContentEditor';
import { CampaignExperimentEditor } from './CampaignExperimentEditor';
import { CampaignFrequencyEditor } from './CampaignFrequencyEditor';
import { CampaignGoalEditor } from './CampaignGoalEditor';
import { CampaignScheduleEditor } from './CampaignScheduleEditor';
import { CampaignTriggerEditor } from './CampaignTriggerEditor';
import { STATUS_LABELS } from './CampaignStatusControl';

const KINDS = [
  ['modal', 'Modal (centred, with a backdrop)'],
  ['banner', 'Banner'],
  ['slide-up', 'Slide-up (corner)'],
  ['card', 'Card (inline corner card)'],
  ['chat-prompt', 'Chat prompt (opens the chat with a greeting)'],
  ['survey', 'Survey'],
] as const;

const SURVEYS = [
  ['nps', 'NPS: how likely to recommend (0–10)'],
  ['csat', 'CSAT: how satisfied (1–5)'],
  ['single-choice', 'Single choice'],
  ['free-text', 'Free text'],
] as const;

/** Props of {@link CampaignForm}. */
export interface CampaignFormProps {
  ctx: FieldContext;
  draft: Draft;
  /** A campaign not saved yet: its id can still be chosen. */
  isNew: boolean;
  locale: string;
  onLocale(locale: string): void;
  /** The site's time zone (new schedules start in it) and engagement tier names. */
  timezone: string;
  tiers: string[];
  /** Replaces the whole draft (used when the kind changes). */
  replace(draft: Draft): void;
}

type Content = Record<string, Record<string, unknown>>;

/** Drops content fields the new kind does not take (choices outside single-choice surveys, scales outside NPS/CSAT). */
function fitContent(content: unknown, survey: string | undefined): unknown {
  if (!content || typeof content !== 'object' || Array.isArray(content)) return content;
  const out: Content = {};
  for (const [locale, c] of Object.entries(content as Content)) {
    const next = { ...c };
    if (survey !== 'single-choice') delete next.choices;
    else if (!Array.isArray(next.choices)) next.choices = ['', ''];
    if (survey !== 'nps' && survey !== 'csat') delete next.scale;
    out[locale] = next;
  }
  return out;
}

function withKind(draft: Draft, kind: Record<string, unknown>): Draft {
  const survey = kind.type === 'survey' ? String(kind.survey) : undefined;
  const next: Draft = { ...draft, kind, content: fitContent(draft.content, survey) };
  const experiment = draft.experiment as { variants?: Record<string, unknown>[] } | undefined;
  if (experiment && Array.isArray(experiment.variants)) {
    next.experiment = {
      ...experiment,
      variants: experiment.variants.map((v) => (v && v.content !== undefined ? { ...v, content: fitContent(v.content, survey) } : v)),
    };
  }
  return next;
}

/** Every part of a campaign as a form: basics, content per locale, schedule, audience, trigger, frequency, test, goal. */
export function CampaignForm({ ctx, draft, isNew, locale, onLocale, timezone, tiers, replace }: CampaignFormProps) {
  const kind = (draft.kind ?? {}) as Record<string, unknown>;
  const survey = kind.type === 'survey' ? String(kind.survey ?? '') : undefined;
  const content = draft.content && typeof draft.content === 'object' ? Object.keys(draft.content as object) : [];
  const defaultLocale = typeof draft.defaultLocale === 'string' ? draft.defaultLocale : '';

  return (
    <div class="campaign-form">
      <section class="panel form" aria-labelledby="cf-basics">
        <h2 id="cf-basics">Basics</h2>
        <div class="inline-fields">
          <TextField ctx={ctx} path={['name']} label="Name" help="For you; visitors never see it." />
          <TextField
            ctx={ctx}
            path={['id']}
            label="Id"
            disabled={!isNew}
            help={isNew ? 'Letters, digits, “-” and “_”. It cannot change later.' : 'The id cannot change.'}
          />
          <NumberField ctx={ctx} path={['priority']} label="Priority" help="0–1000; the higher wins when several are due." />
          {isNew && <SelectField ctx={ctx} path={['status']} label="Status" options={Object.entries(STATUS_LABELS)} />}
        </div>
        <div class="inline-fields">
          <Field ctx={ctx} path={['kind', 'type']} label="Kind">
            {(attrs) => (
              <select
                {...attrs}
                value={String(kind.type ?? '')}
                onChange={(e) => {
                  const type = e.currentTarget.value;
                  const next: Record<string, unknown> = { type };
                  if (type === 'banner') next.position = kind.position === 'top' ? 'top' : 'bottom';
                  if (type === 'survey') next.survey = typeof kind.survey === 'string' ? kind.survey : 'nps';
                  replace(withKind(draft, next));
                }}
              >
                {!KINDS.some(([v]) => v === kind.type) && <option value="">Choose…</option>}
                {KINDS.map(([v, text]) => (
                  <option key={v} value={v}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind.type === 'banner' && (
            <SelectField
              ctx={ctx}
              path={['kind', 'position']}
              label="Banner position"
              options={[
                ['top', 'Top of the page'],
                ['bottom', 'Bottom of the page'],
              ]}
            />
          )}
          {kind.type === 'survey' && (
            <Field ctx={ctx} path={['kind', 'survey']} label="Survey type">
              {(attrs) => (
                <select {...attrs} value={String(kind.survey ?? '')} onChange={(e) => replace(withKind(draft, { type: 'survey', survey: e.currentTarget.value }))}>
                  {SURVEYS.map(([v, text]) => (
                    <option key={v} value={v}>
                      {text}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <SelectField
            ctx={ctx}
            path={['defaultLocale']}
            label="Default locale"
            options={content.map((l) => [l, l] as const)}
            help="Shown when none of the visitor’s languages has content."
          />
        </div>
        <GroupErrors ctx={ctx} path="kind" />
      </section>

      <section class="panel form" aria-labelledby="cf-content">
        <h2 id="cf-content">Content</h2>
        <CampaignContentEditor ctx={ctx} path={['content']} survey={survey} defaultLocale={defaultLocale} locale={locale} onLocale={onLocale} />
      </section>

      <section class="panel form" aria-labelledby="cf-trigger">
        <h2 id="cf-trigger">Trigger</h2>
        <CampaignTriggerEditor ctx={ctx} />
      </section>

      <section class="panel form" aria-labelledby="cf-audience">
        <h2 id="cf-audience">Audience</h2>
        <CampaignAudienceEditor ctx={ctx} tiers={tiers} />
      </section>

      <section class="panel form" aria-labelledby="cf-schedule">
        <h2 id="cf-schedule">Schedule</h2>
        <CampaignScheduleEditor ctx={ctx} timezone={timezone} />
      </section>

      <section class="panel form" aria-labelledby="cf-frequency">
        <h2 id="cf-frequency">Frequency</h2>
        <CampaignFrequencyEditor ctx={ctx} />
      </section>

      <section class="panel form" aria-labelledby="cf-experiment">
        <h2 id="cf-experiment">A/B test</h2>
        <CampaignExperimentEditor ctx={ctx} survey={survey} defaultLocale={defaultLocale} locale={locale} onLocale={onLocale} />
      </section>

      <section class="panel form" aria-labelledby="cf-goal">
        <h2 id="cf-goal">Goal</h2>
        <CampaignGoalEditor ctx={ctx} />
        {getIn(draft, ['goal']) === undefined && <p class="help">Without a goal, results show impressions, clicks and dismissals only.</p>}
      </section>
    </div>
  );
}
