import { CheckField, NumberField, type FieldContext } from './CampaignFields';
import { CampaignToggle } from './CampaignToggle';

/** How often one visitor sees the campaign. */
export function CampaignFrequencyEditor({ ctx }: { ctx: FieldContext }) {
  return (
    <CampaignToggle
      ctx={ctx}
      path={['frequency']}
      label="Set frequency caps"
      make={() => ({ session: 1, stopAfterDismiss: true, stopAfterConversion: true })}
      help="Default: at most once per session, and never again after a dismissal or a conversion."
    >
      <div class="inline-fields">
        <NumberField ctx={ctx} path={['frequency', 'lifetime']} label="At most, ever" placeholder="no limit" />
        <NumberField ctx={ctx} path={['frequency', 'session']} label="Per session" placeholder="no limit" />
        <NumberField ctx={ctx} path={['frequency', 'day']} label="Per 24 hours" placeholder="no limit" />
        <NumberField ctx={ctx} path={['frequency', 'cooldown']} label="Then wait (seconds)" placeholder="0" />
      </div>
      <CheckField ctx={ctx} path={['frequency', 'stopAfterDismiss']} label="Never again after a dismissal" fallback />
      <CheckField ctx={ctx} path={['frequency', 'stopAfterConversion']} label="Never again after a conversion" fallback />
    </CampaignToggle>
  );
}
