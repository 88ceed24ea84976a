// Wall-clock times in an IANA time zone, for schedules written in the site's zone (collector and console side only:
// the SDK compares epoch milliseconds and reads weekday and minute with one Intl call in rules.ts).

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  if (!zone || !zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What a zone's clock reads at an instant: date, weekday (0 = Sunday), minutes since midnight, and the reading as UTC ms. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
  /** The wall-clock reading as if it were UTC, in ms (whole seconds). */
  asUtc: number;
}

const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Reads `zone`'s wall clock at instant `t` (one cached Intl formatter per zone). */
export function wallClock(t: number, zone: string): WallClock {
  let f = formatters.get(zone);
  if (!f)
    formatters.set(
      zone,
      (f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })),
    );
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(t)) p[type] = value;
  const [year, month, day, hour, minute] = [+p.year!, +p.month!, +p.day!, +p.hour! % 24, +p.minute!];
  return {
    year,
    month,
    day,
    weekday: WEEKDAY[p.weekday!]!,
    minute: hour * 60 + minute,
    asUtc: Date.UTC(year, month - 1, day, hour, minute, +p.second!),
  };
}

// Milliseconds the zone is ahead of UTC at instant t (whole seconds: sub-minute historical offsets exist).
const offsetAt = (t: number, zone: string): number => wallClock(t, zone).asUtc - Math.floor(t / 1000) * 1000;

/**
 * The instant at which `zone`'s clock reads `wall` (a wall-clock time written as UTC ms). A time skipped by a
 * daylight-saving jump forward resolves to the moment one jump later (02:30 on a 02:00→03:00 night is 03:30);
 * a time that happens twice (clocks back) to its first occurrence — Temporal's "compatible" disambiguation.
 */
export function wallToEpoch(wall: number, zone: string): number {
  // Two passes: the offset at a first guess, then at the instant that guess gives (they differ only near a change).
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  // A candidate is right when it reads back as the wall time. In a repeated hour take the earlier; in a skipped hour
  // neither reads back, and the later one is the wall time moved forward by the change.
  const right = [first, second].filter((t) => t + offsetAt(t, zone) === wall);
  return right.length ? Math.min(...right) : Math.max(first, second);
}

/**
 * Epoch milliseconds of an ISO 8601 date-time. With `Z` or an offset it is that instant; without, a wall-clock time
 * (`2025-03-30T09:00`) in `zone`. A wall-clock time skipped by a daylight-saving change resolves to the same moment
 * one hour later; a repeated one to its first occurrence. NaN when the text is not a date-time.
 */
export function zonedToEpoch(text: string, zone: string): number {
  const m = LOCAL.exec(text);
  if (!m) return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) return NaN; // 2025-02-30
  return wallToEpoch(wall, zone);
}
