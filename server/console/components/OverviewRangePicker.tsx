import { useState } from 'preact/hooks';
import type { OverviewRangeChoice } from '../overview-api';

/** Props of {@link OverviewRangePicker}. */
export interface OverviewRangePickerProps {
  value: OverviewRangeChoice;
  onChange(range: OverviewRangeChoice): void;
  /** The site's timezone, in which days start and end. */
  timezone: string | null;
}

const PRESETS = [7, 30, 90];

/** Last 7 / 30 / 90 days, or two dates of the operator's choosing (in the site's timezone). */
export function OverviewRangePicker({ value, onChange, timezone }: OverviewRangePickerProps) {
  const [custom, setCustom] = useState('from' in value);
  const [from, setFrom] = useState('from' in value ? value.from : '');
  const [to, setTo] = useState('from' in value ? value.to : '');
  const [problem, setProblem] = useState<string | null>(null);
  const selected = custom ? 'custom' : String('days' in value ? value.days : 30);

  const choose = (choice: string) => {
    setProblem(null);
    if (choice === 'custom') {
      setCustom(true);
      return;
    }
    setCustom(false);
    onChange({ days: Number(choice) });
  };
  const apply = (event: Event) => {
    event.preventDefault();
    if (!from || !to) return setProblem('Pick both dates.');
    if (from > to) return setProblem('The first date must not be after the second.');
    setProblem(null);
    onChange({ from, to });
  };

  return (
    <form class="ov-range" onSubmit={apply}>
      <label>
        <span class="visually-hidden">Date range</span>
        <select value={selected} onChange={(e) => choose((e.target as HTMLSelectElement).value)} aria-label="Date range">
          {PRESETS.map((days) => (
            <option value={String(days)}>Last {days} days</option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </label>
      {custom && (
        <>
          <label>
            <span class="small muted">From</span>
            <input type="date" value={from} max={to || undefined} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} required />
          </label>
          <label>
            <span class="small muted">To</span>
            <input type="date" value={to} min={from || undefined} onInput={(e) => setTo((e.target as HTMLInputElement).value)} required />
          </label>
          <button type="submit">Apply</button>
        </>
      )}
      {timezone && <span class="ov-zone small muted">Days in {timezone}</span>}
      {problem && (
        <p class="ov-range-problem small" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
