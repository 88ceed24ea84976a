import { fieldId } from '../campaign-draft';
import { GroupErrors, NumberField, TextField, type FieldContext } from './CampaignFields';
import { CampaignContentEditor } from './CampaignContentEditor';
import { focusAddAfter, focusSoon } from './CampaignRules';
import { CampaignToggle } from './CampaignToggle';

/** Props of {@link CampaignExperimentEditor}. */
export interface CampaignExperimentEditorProps {
  ctx: FieldContext;
  survey: string | undefined;
  defaultLocale: string;
  locale: string;
  onLocale(locale: string): void;
}

const nextId = (taken: string[]) => 'abcdefghij'.split('').find((c) => !taken.includes(c)) ?? `v${taken.length + 1}`;

/** An A/B test: the holdout share (the control sees nothing), variants with weights and, optionally, their own content. */
export function CampaignExperimentEditor({ ctx, survey, defaultLocale, locale, onLocale }: CampaignExperimentEditorProps) {
  const raw = ctx.get(['experiment', 'variants']);
  const variants = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
  return (
    <CampaignToggle
      ctx={ctx}
      path={['experiment']}
      label="Run an A/B test"
      make={() => ({ holdout: 10, variants: [{ id: 'a', weight: 1 }] })}
      help="A holdout share of visitors (the control) records an impression and sees nothing; the rest are split by weight."
    >
      <GroupErrors ctx={ctx} path="experiment" />
      <div class="inline-fields">
        <NumberField ctx={ctx} path={['experiment', 'holdout']} label="Holdout (% of visitors)" />
        <TextField ctx={ctx} path={['experiment', 'key']} label="Assignment key" help="Default: the campaign id. Change it to reshuffle visitors." />
      </div>
      <GroupErrors ctx={ctx} path="experiment.variants" />
      <ol class="rule-list">
        {variants.map((v, i) => {
          const p = ['experiment', 'variants', i];
          return (
            <li key={i} class="rule stacked variant">
              <div class="inline-fields">
                <TextField ctx={ctx} path={[...p, 'id']} label={`Variant ${i + 1} id`} />
                <NumberField ctx={ctx} path={[...p, 'weight']} label="Weight" />
              </div>
              <CampaignToggle
                ctx={ctx}
                path={[...p, 'content']}
                label="Own content (otherwise the campaign’s)"
                make={() => JSON.parse(JSON.stringify(ctx.get(['content']) ?? {}))}
              >
                <CampaignContentEditor
                  ctx={ctx}
                  path={[...p, 'content']}
                  survey={survey}
                  defaultLocale={defaultLocale}
                  locale={locale}
                  onLocale={onLocale}
                />
              </CampaignToggle>
              <button
                type="button"
                class="small-button"
                aria-label={`Remove variant ${String(v.id ?? i + 1)}`}
                onClick={(e) => {
                  focusAddAfter(e);
                  ctx.set(['experiment', 'variants'], variants.filter((_, j) => j !== i));
                }}
              >
                Remove variant
              </button>
            </li>
          );
        })}
      </ol>
      {variants.length < 10 && (
        <button
          type="button"
          class="small-button" data-add
          onClick={() => {
            ctx.set(['experiment', 'variants', variants.length], { id: nextId(variants.map((x) => String(x.id))), weight: 1 });
            focusSoon(fieldId(['experiment', 'variants', variants.length, 'id']));
          }}
        >
          Add a variant
        </button>
      )}
    </CampaignToggle>
  );
}
