import { formatDuration } from '../campaign-format';
import { NumberField, TextField, type FieldContext } from './CampaignFields';
import { FilterRules } from './CampaignRules';
import { CampaignToggle } from './CampaignToggle';

/** The conversion the results measure: an event (with property filters) within some time of an impression. */
export function CampaignGoalEditor({ ctx }: { ctx: FieldContext }) {
  const within = ctx.get(['goal', 'within']);
  return (
    <CampaignToggle
      ctx={ctx}
      path={['goal']}
      label="Measure a goal"
      make={() => ({ event: '' })}
      help="Results count visitors who track this event after seeing the message, and compare variants with the control."
    >
      <TextField ctx={ctx} path={['goal', 'event']} label="Goal event" placeholder="Plan Upgraded" />
      <NumberField
        ctx={ctx}
        path={['goal', 'within']}
        label="Within (seconds)"
        placeholder="604800"
        help={typeof within === 'number' && within > 0 ? `= ${formatDuration(within)}. Empty: 7 days.` : 'Empty: 7 days (604800 seconds). A day is 86400.'}
      />
      <FilterRules ctx={ctx} path={['goal', 'where']} legend="With properties (optional)" noun="property filter" />
    </CampaignToggle>
  );
}
