import type { BusinessHours, Weekday } from './types';

/** Weekdays in the order the editor shows them, with their labels. */
export const WEEKDAYS: { day: Weekday; label: string }[] = [
  { day: 'mon', label: 'Monday' },
  { day: 'tue', label: 'Tuesday' },
  { day: 'wed', label: 'Wednesday' },
  { day: 'thu', label: 'Thursday' },
  { day: 'fri', label: 'Friday' },
  { day: 'sat', label: 'Saturday' },
  { day: 'sun', label: 'Sunday' },
];

/** Office hours to start from: 09:00–18:00 on weekdays, closed at the weekend. */
export function defaultBusinessHours(timezone: string): BusinessHours {
  const weekday = (): [string, string][] => [['09:00', '18:00']];
  return {
    timezone,
    days: { mon: weekday(), tue: weekday(), wed: weekday(), thu: weekday(), fri: weekday(), sat: [], sun: [] },
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
// The collector also takes 24:00 as a closing time (until midnight).
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
}

/** True when a range closes before it opens, which the collector reads as running past midnight (22:00–02:00). */
export function isOvernight([start, end]: [string, string]): boolean {
  return minutes(end) < minutes(start);
}

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first problem with business hours, as a sentence for the operator, or null when they are valid: a known time
 * zone, times as HH:MM (24 h, 24:00 allowed as a closing time), no range opening and closing at the same time,
 * ranges of a day not overlapping. A range that closes before it opens runs past midnight, as on the collector.
 */
export function businessHoursProblem(hours: BusinessHours): string | null {
  if (!isTimeZone(hours.timezone)) return `“${hours.timezone}” is not a time zone such as Asia/Tokyo or Europe/Paris.`;
  for (const { day, label } of WEEKDAYS) {
    const ranges = hours.days[day] ?? [];
    for (const [start, end] of ranges) {
      if (!TIME.test(start) || !END_TIME.test(end)) return `${label}: write times as HH:MM, from 00:00 to 23:59.`;
      if (minutes(start) === minutes(end)) return `${label}: ${start}–${end} opens and closes at the same time.`;
    }
    // Overnight ranges end on the next day: compare them with their end 24 h later.
    const span = (range: [string, string]) => [minutes(range[0]), minutes(range[1]) + (isOvernight(range) ? 1440 : 0)] as const;
    const sorted = [...ranges].sort((a, b) => minutes(a[0]) - minutes(b[0]));
    for (let i = 1; i < sorted.length; i++) {
      if (span(sorted[i]!)[0] < span(sorted[i - 1]!)[1]) {
        return `${label}: ${sorted[i - 1]![0]}–${sorted[i - 1]![1]} and ${sorted[i]![0]}–${sorted[i]![1]} overlap.`;
      }
    }
  }
  return null;
}
