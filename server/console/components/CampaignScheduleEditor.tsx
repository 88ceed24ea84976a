import { fieldId, pathKey, type DraftPath } from '../campaign-draft';
import { FieldGroup, FieldErrors, GroupErrors, TextField, type FieldContext } from './CampaignFields';
import { CampaignToggle } from './CampaignToggle';
import { RuleList } from './RuleList';

const DAYS = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
] as const;

const LOCAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/;

/** The browser's list of IANA time zones (empty where Intl cannot list them). */
export function timeZones(): string[] {
  try {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

function DayPicker({ ctx, path }: { ctx: FieldContext; path: DraftPath }) {
  const raw = ctx.get(path);
  const days = Array.isArray(raw) ? (raw as string[]) : [];
  const id = fieldId(path);
  const messages = ctx.errors(path);
  return (
    <fieldset class="days" id={id} tabIndex={-1}>
      <legend>Days</legend>
      {DAYS.map(([day, text]) => (
        <label key={day} class="check">
          <input
            type="checkbox"
            checked={days.includes(day)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              // Kept in week order, whatever order they were ticked in.
              const next = DAYS.map(([d]) => d).filter((d) => (d === day ? on : days.includes(d)));
              ctx.set(path, next);
            }}
          />
          {text}
        </label>
      ))}
      <FieldErrors id={`${id}-errors`} path={pathKey(path)} messages={messages} />
    </fieldset>
  );
}

/** Props of {@link CampaignScheduleEditor}. */
export interface CampaignScheduleEditorProps {
  ctx: FieldContext;
  /** The site's time zone: a new schedule starts in it. */
  timezone: string;
}

/** When the campaign may show: start and end in a time zone, and weekly windows of days and hours. */
export function CampaignScheduleEditor({ ctx, timezone }: CampaignScheduleEditorProps) {
  const kind = (k: 'start' | 'end') => {
    const v = ctx.get(['schedule', k]);
    return v === undefined || (typeof v === 'string' && LOCAL_TIME.test(v)) ? 'datetime-local' : 'text';
  };
  const zones = timeZones();
  return (
    <CampaignToggle
      ctx={ctx}
      path={['schedule']}
      label="Show only at certain times"
      make={() => ({ timezone })}
      help="Without a schedule the campaign shows whenever it is live."
    >
      <GroupErrors ctx={ctx} path="schedule" />
      <TextField ctx={ctx} path={['schedule', 'timezone']} label="Time zone" list="kizuna-time-zones" placeholder="Asia/Tokyo" />
      {zones.length > 0 && (
        <datalist id="kizuna-time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      )}
      <div class="inline-fields">
        <TextField ctx={ctx} path={['schedule', 'start']} label="Start" type={kind('start')} help="In the time zone above. Empty: now." />
        <TextField ctx={ctx} path={['schedule', 'end']} label="End" type={kind('end')} help="Empty: no end." />
      </div>
      <FieldGroup legend="Weekly windows" class="rules">
        <p class="help">With windows, the campaign shows only inside one of them. A window may run past midnight (22:00–02:00).</p>
        <GroupErrors ctx={ctx} path="schedule.windows" />
        <RuleList
          ctx={ctx}
          path={['schedule', 'windows']}
          noun="window"
          addLabel="Add a window"
          newRow={{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }}
          focusField="from"
        >
          {(p) => (
            <>
              <DayPicker ctx={ctx} path={[...p, 'days']} />
              <TextField ctx={ctx} path={[...p, 'from']} label="From" placeholder="09:00" />
              <TextField ctx={ctx} path={[...p, 'to']} label="To" placeholder="18:00" help="24:00 for midnight." />
            </>
          )}
        </RuleList>
      </FieldGroup>
    </CampaignToggle>
  );
}
