import type { BusinessHours, Weekday } from '../store/chat-types.js';

/** Whether operators are in now, and when they are next (null when open now, or never). */
export interface Availability {
  online: boolean;
  nextOpen: string | null;
}

/** Weekday keys in JavaScript's order (0 = Sunday). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const SHORT: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

interface WallClock {
  year: number;
  month: number;
  day: number;
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
  /** The wall-clock reading as if it were UTC, in ms (whole minutes). */
  asUtc: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(t: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(t)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  return {
    year,
    month,
    day,
    weekday: SHORT[parts.weekday!]!,
    minute: hour * 60 + minute,
    asUtc: Date.UTC(year, month - 1, day, hour, minute, Number(parts.second)),
  };
}

// UTC offset of the zone at instant t, in ms (whole seconds: sub-minute historical offsets exist).
const offsetAt = (t: number, timeZone: string): number => wallClock(t, timeZone).asUtc - Math.floor(t / 1000) * 1000;

/**
 * The instant at which the zone's clock reads `wall` (a wall-clock time written as UTC ms). Resolved as
 * Temporal's "compatible" disambiguation: a time skipped by a DST jump forward is moved later by the jump
 * (02:30 on a 02:00→03:00 night is 03:30), and a time that happens twice (clocks back) is the earlier one.
 */
export function zonedTimeToInstant(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY_MS / 2, timeZone);
  const after = offsetAt(wall + DAY_MS / 2, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before; // in the gap
}

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
      const at = zonedTimeToInstant(midnight + offset * DAY_MS + start * 60_000, hours.timezone);
      if (at > t && (next === null || at < next)) next = at;
    }
    if (next !== null) break;
  }
  return { online: false, nextOpen: next === null ? null : new Date(next).toISOString() };
}
