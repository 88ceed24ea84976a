import { fieldId } from '../campaign-draft';
import { CheckField, FieldGroup, GroupErrors, ListField, NumberField, SelectField, TextField, type FieldContext } from './CampaignFields';
import { FilterRules, focusAddAfter, focusSoon, UrlRules } from './CampaignRules';
import { CampaignToggle } from './CampaignToggle';

/** When, during a visit, the campaign shows: any or all of the conditions, a delay, and events that cancel it. */
export function CampaignTriggerEditor({ ctx }: { ctx: FieldContext }) {
  const events = ctx.get(['trigger', 'events']);
  const list = Array.isArray(events) ? events : [];
  return (
    <div class="trigger">
      <GroupErrors ctx={ctx} path="trigger" />
      <SelectField
        ctx={ctx}
        path={['trigger', 'match']}
        label="Show when"
        options={[
          ['any', 'any condition below holds'],
          ['all', 'all conditions below hold'],
        ]}
        fallback="any"
      />
      <CampaignToggle ctx={ctx} path={['trigger', 'pageView']} label="A page view" make={() => ({})}>
        <UrlRules ctx={ctx} path={['trigger', 'pageView', 'urls']} legend="Only on these pages (optional)" noun="page rule" />
      </CampaignToggle>
      <CampaignToggle ctx={ctx} path={['trigger', 'events']} label="A custom event" make={() => [{ name: '' }]}>
        <ol class="rule-list">
          {list.map((_, i) => (
            <li key={i} class="rule stacked">
              <TextField ctx={ctx} path={['trigger', 'events', i, 'name']} label={`Event ${i + 1} name`} placeholder="Added to Cart" />
              <FilterRules ctx={ctx} path={['trigger', 'events', i, 'where']} legend="With properties (optional)" noun="property filter" />
              <button
                type="button"
                class="small-button"
                aria-label={`Remove event ${i + 1}`}
                onClick={(e) => {
                  focusAddAfter(e);
                  const next = list.filter((_, j) => j !== i);
                  ctx.set(['trigger', 'events'], next.length ? next : undefined);
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        {list.length < 10 && (
          <button
            type="button"
            class="small-button" data-add
            onClick={() => {
              ctx.set(['trigger', 'events', list.length], { name: '' });
              focusSoon(fieldId(['trigger', 'events', list.length, 'name']));
            }}
          >
            Add an event
          </button>
        )}
      </CampaignToggle>
      <CampaignToggle ctx={ctx} path={['trigger', 'timeOnPage']} label="Time on the page" make={() => ({ seconds: 10 })}>
        <NumberField ctx={ctx} path={['trigger', 'timeOnPage', 'seconds']} label="Seconds on the page" />
      </CampaignToggle>
      <CampaignToggle ctx={ctx} path={['trigger', 'scroll']} label="Scrolling down the page" make={() => ({ percent: 50 })}>
        <NumberField ctx={ctx} path={['trigger', 'scroll', 'percent']} label="Scroll depth (%)" />
      </CampaignToggle>
      <CheckField ctx={ctx} path={['trigger', 'exitIntent']} label="Exit intent (the pointer leaves the top of the window; desktop only)" omit={false} />
      <CampaignToggle ctx={ctx} path={['trigger', 'idle']} label="The visitor is idle" make={() => ({ seconds: 30 })}>
        <NumberField ctx={ctx} path={['trigger', 'idle', 'seconds']} label="Idle seconds" />
      </CampaignToggle>
      <CampaignToggle ctx={ctx} path={['trigger', 'sessionCount']} label="The visit number" make={() => ({ min: 2 })}>
        <div class="inline-fields">
          <NumberField ctx={ctx} path={['trigger', 'sessionCount', 'min']} label="From visit" help="1 is the first visit." />
          <NumberField ctx={ctx} path={['trigger', 'sessionCount', 'max']} label="Up to visit" />
        </div>
      </CampaignToggle>
      <CampaignToggle ctx={ctx} path={['trigger', 'click']} label="A click on an element" make={() => ({ selector: '' })}>
        <TextField ctx={ctx} path={['trigger', 'click', 'selector']} label="CSS selector" placeholder="#buy, .pricing a" />
      </CampaignToggle>
      <FieldGroup legend="Timing" class="inline-fields">
        <NumberField ctx={ctx} path={['trigger', 'delay']} label="Delay (seconds)" placeholder="0" />
        <ListField ctx={ctx} path={['trigger', 'cancelOn']} label="Cancel on events" placeholder="Checkout Started" help="Comma-separated; one of these during the delay cancels the message." />
      </FieldGroup>
    </div>
  );
}
