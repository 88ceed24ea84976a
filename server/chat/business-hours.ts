import { wallClock, wallToEpoch } from '../../src/shared/zoned-to-epoch.js';
import type { BusinessHours, Weekday } from '../store/chat-types.js';

/** Whether operators are in now, and when they are next (null when open now, or never). */
export interface Availability {
  online: boolean;
  nextOpen: string | null;
}

/** Weekday keys in JavaScript's order (0 = Sunday). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const DAY_MS = 86_400_000;

/** "HH:MM" (00:00–24:00) as minutes since midnight, or null when malformed. */
export function parseClock(value: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 1440 ? null : minutes;
}

// A day's intervals as [start, end) minutes; an end at or before the start runs past midnight.
function intervals(hours: BusinessHours, weekday: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [from, to] of hours.days[WEEKDAYS[weekday]!] ?? []) {
    const start = parseClock(from);
    const end = parseClock(to);
    if (start === null || end === null || start === 1440) continue;
    out.push([start, end <= start ? end + 1440 : end]);
  }
  return out;
}

/**
 * Whether the site is open at `now` under `hours` (null = always open), and if not, the next opening as an
 * ISO instant within the coming week. Pure: the zone's rules come from Intl, so DST and midnight are handled
 * by wall-clock arithmetic in the site's zone, never by a fixed offset.
 */
export function availability(hours: BusinessHours | null, now: Date): Availability {
  if (!hours) return { online: true, nextOpen: null };
  const t = now.getTime();
  const local = wallClock(t, hours.timezone);
  // Today's intervals, and yesterday's that run past midnight into today.
  const today = intervals(hours, local.weekday);
  const yesterday = intervals(hours, (local.weekday + 6) % 7);
  const open =
    today.some(([s, e]) => local.minute >= s && local.minute < e) ||
    yesterday.some(([, e]) => e > 1440 && local.minute < e - 1440);
  if (open) return { online: true, nextOpen: null };

  const midnight = Date.UTC(local.year, local.month - 1, local.day);
  let next: number | null = null;
  for (let offset = 0; offset <= 7; offset++) {
    for (const [start] of intervals(hours, (local.weekday + offset) % 7)) {
      const at = wallToEpoch(midnight + offset * DAY_MS + start * 60_000, hours.timezone);
      if (at > t && (next === null || at < next)) next = at;
    }
    if (next !== null) break;
  }
  return { online: false, nextOpen: next === null ? null : new Date(next).toISOString() };
}
