import { fieldId, pathKey, type DraftPath } from '../campaign-draft';
import { Field, FieldErrors, FieldGroup, GroupErrors, ListField, NumberField, type FieldContext } from './CampaignFields';
import { FilterRules, UrlRules } from './CampaignRules';

/** Props of {@link CampaignAudienceEditor}. */
export interface CampaignAudienceEditorProps {
  ctx: FieldContext;
  /** The site's engagement tier names, highest first (for the tier checkboxes). */
  tiers: string[];
}

/** Checkboxes for a list of names: none ticked removes the key. Names in the value that are not offered stay listed. */
function NameChecks({ ctx, path, legend, names }: { ctx: FieldContext; path: DraftPath; legend: string; names: string[] }) {
  const raw = ctx.get(path);
  const chosen = Array.isArray(raw) ? (raw as unknown[]).map(String) : [];
  const all = [...names, ...chosen.filter((n) => !names.includes(n))];
  const key = pathKey(path);
  return (
    <fieldset class="choice" id={fieldId(key)} tabIndex={-1}>
      <legend>{legend}</legend>
      {all.map((name) => (
        <label key={name} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(name)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              const next = all.filter((n) => (n === name ? on : chosen.includes(n)));
              ctx.set(path, next.length ? next : undefined);
            }}
          />
          {name}
        </label>
      ))}
      <FieldErrors id={`${fieldId(key)}-errors`} path={key} messages={ctx.errors(key)} />
    </fieldset>
  );
}

/** Who may see the campaign: URLs, traits, identified or not, devices, languages, engagement score and tier, sample. */
export function CampaignAudienceEditor({ ctx, tiers }: CampaignAudienceEditorProps) {
  const identified = ctx.get(['audience', 'identified']);
  return (
    <div class="audience">
      <p class="help">Every part you set must hold. Leave a part empty to not filter on it.</p>
      <GroupErrors ctx={ctx} path="audience" />
      <UrlRules
        ctx={ctx}
        path={['audience', 'urls']}
        legend="Pages"
        noun="page rule"
        help="At least one rule must match (when there are any) and no exclude rule may match."
      />
      <FilterRules ctx={ctx} path={['audience', 'traits']} legend="Traits" noun="trait rule" help="Traits from identify(), such as plan or company.size." />
      <Field ctx={ctx} path={['audience', 'identified']} label="Visitors">
        {(attrs) => (
          <select
            {...attrs}
            value={identified === true ? 'yes' : identified === false ? 'no' : ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              ctx.set(['audience', 'identified'], v === 'yes' ? true : v === 'no' ? false : undefined);
            }}
          >
            <option value="">Everyone</option>
            <option value="yes">Signed-in (identified) only</option>
            <option value="no">Anonymous only</option>
          </select>
        )}
      </Field>
      <NameChecks ctx={ctx} path={['audience', 'devices']} legend="Devices (none ticked: all)" names={['desktop', 'mobile', 'tablet']} />
      <ListField ctx={ctx} path={['audience', 'languages']} label="Languages" placeholder="en, ja" help="Comma-separated; “en” also matches en-GB. Empty: all." />
      <FieldGroup legend="Engagement score" class="inline-fields">
        <GroupErrors ctx={ctx} path="audience.score" />
        <NumberField ctx={ctx} path={['audience', 'score', 'min']} label="At least" placeholder="0" />
        <NumberField ctx={ctx} path={['audience', 'score', 'max']} label="At most" placeholder="100" />
      </FieldGroup>
      <NameChecks ctx={ctx} path={['audience', 'tiers']} legend="Engagement tiers (none ticked: all)" names={tiers} />
      <NumberField ctx={ctx} path={['audience', 'sample']} label="Sample (% of visitors)" placeholder="100" help="Picked stably per visitor. Empty: everyone." />
    </div>
  );
}
