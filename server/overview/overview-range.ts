import { HttpError } from '../http-error.js';
import type { OverviewRange } from './overview-types.js';

/** The longest range the overview answers for, in days. */
export const MAX_RANGE_DAYS = 400;
/** The range without parameters: the last 30 days. */
export const DEFAULT_RANGE_DAYS = 30;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The local date (YYYY-MM-DD) of an instant in a timezone. */
export function localDate(at: Date, timezone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Days from `a` to `b` (dates as YYYY-MM-DD), calendar arithmetic. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The date `n` days after `date` (negative: before). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function parseDate(value: unknown, name: string): string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  const ok = match && new Date(`${value as string}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!ok) throw new HttpError(400, 'invalid_request', `${name} must be a date as YYYY-MM-DD`);
  return value as string;
}

/**
 * Reads the range of an overview request in the rollups' timezone: `?days=N` (the last N days up to today, 1–400),
 * or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both included, at most 400 days), else the last 30 days.
 */
export function overviewRange(query: { from?: unknown; to?: unknown; days?: unknown }, timezone: string, now = new Date()): OverviewRange {
  const today = localDate(now, timezone);
  const given = (v: unknown) => v !== undefined && v !== '';
  if (given(query.from) || given(query.to)) {
    if (given(query.days)) throw new HttpError(400, 'invalid_request', 'give either days or from and to');
    const from = parseDate(query.from, 'from');
    const to = parseDate(query.to, 'to');
    const days = daysBetween(from, to) + 1;
    if (days < 1) throw new HttpError(400, 'invalid_request', 'from must not be after to');
    if (days > MAX_RANGE_DAYS) throw new HttpError(400, 'invalid_request', `the range may span at most ${MAX_RANGE_DAYS} days`);
    return { from, to, days, timezone };
  }
  let days = DEFAULT_RANGE_DAYS;
  if (given(query.days)) {
    if (typeof query.days !== 'string' || !/^\d{1,3}$/.test(query.days) || Number(query.days) < 1 || Number(query.days) > MAX_RANGE_DAYS) {
      throw new HttpError(400, 'invalid_request', `days must be a whole number from 1 to ${MAX_RANGE_DAYS}`);
    }
    days = Number(query.days);
  }
  return { from: addDays(today, -(days - 1)), to: today, days, timezone };
}

/** Every date of a range, in order. */
export function rangeDays(range: Pick<OverviewRange, 'from' | 'days'>): string[] {
  return Array.from({ length: range.days }, (_, i) => addDays(range.from, i));
}
