import { isOvernight, WEEKDAYS } from '../business-hours';
import type { BusinessHours, Weekday } from '../types';

/** Props of {@link BusinessHoursEditor}. */
export interface BusinessHoursEditorProps {
  value: BusinessHours;
  onChange(value: BusinessHours): void;
  /** Time zones to suggest. */
  zones: string[];
}

/** Time zone plus, for each weekday, any number of opening ranges (none = closed that day). */
export function BusinessHoursEditor({ value, onChange, zones }: BusinessHoursEditorProps) {
  const setDay = (day: Weekday, ranges: [string, string][]) => onChange({ ...value, days: { ...value.days, [day]: ranges } });
  return (
    <fieldset class="hours">
      <legend>Business hours</legend>
      <label for="hours-tz">Time zone of these hours</label>
      <input
        id="hours-tz"
        list={zones.length ? 'hours-zones' : undefined}
        value={value.timezone}
        spellcheck={false}
        onInput={(event) => onChange({ ...value, timezone: event.currentTarget.value })}
      />
      {zones.length > 0 && (
        <datalist id="hours-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      )}
      <ul class="hours-days">
        {WEEKDAYS.map(({ day, label }) => {
          const ranges = value.days[day] ?? [];
          return (
            <li key={day} class="hours-day">
              <span class="hours-label" id={`hours-${day}`}>
                {label}
              </span>
              <div class="hours-ranges">
                {ranges.length === 0 && <span class="muted small">Closed</span>}
                {ranges.map(([start, end], i) => {
                  const n = ranges.length > 1 ? ` (${i + 1})` : '';
                  const set = (range: [string, string]) => setDay(day, ranges.map((r, j) => (j === i ? range : r)));
                  return (
                    <span class="hours-range" key={i}>
                      <input
                        type="time"
                        aria-label={`${label} opens${n}`}
                        value={start}
                        onInput={(event) => set([event.currentTarget.value, end])}
                      />
                      <span aria-hidden="true">–</span>
                      <input
                        type="time"
                        aria-label={`${label} closes${n}`}
                        value={end}
                        onInput={(event) => set([start, event.currentTarget.value])}
                      />
                      {start && end && isOvernight([start, end]) && <span class="muted small">next day</span>}
                      <button
                        type="button"
                        class="quiet"
                        aria-label={`Remove ${label} ${start}–${end}`}
                        onClick={() => setDay(day, ranges.filter((_, j) => j !== i))}
                      >
                        ✕
                      </button>
                    </span>
                  );
                })}
                <button
                  type="button"
                  class="quiet small-button"
                  aria-describedby={`hours-${day}`}
                  onClick={() => {
                    const last = ranges[ranges.length - 1];
                    setDay(day, [...ranges, last ? [last[1], last[1] < '23:00' ? '23:00' : '23:59'] : ['09:00', '18:00']]);
                  }}
                >
                  + Add hours
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
