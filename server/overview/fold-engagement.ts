import { tierOf, type ScoreSettings } from '../../src/shared/engagement-score.js';
import { daysBetween } from './overview-range.js';

/** What one person's signals of one day are worth, in points (weights of the site's engagement settings applied). */
export interface DayPoints {
  day: string;
  person: string;
  points: number;
}

/** Tier counts and the score histogram (ten bands: 0–9 … 90–100) at the end of one day. */
export interface EngagementSnapshot {
  tiers: Record<string, number>;
  histogram: number[];
  people: number;
}

/**
 * The engagement score of every person at the end of each of `days` (consecutive, ascending), by folding their daily
 * points with the score of src/shared/engagement-score: points decay by half every `halfLifeDays`, and
 * score = round(100 × points / (points + halfScoreAt)). Signals count as of the end of their day (so a score is at most
 * one day's decay above the exact one, 2.3 % of points at a 30-day half-life). `knownPeople(day)` is how many people
 * the site had by then; those without a signal score 0, as in the people list.
 */
export function foldEngagement(signals: DayPoints[], days: string[], settings: ScoreSettings, knownPeople: (day: string) => number): Map<string, EngagementSnapshot> {
  const f = Math.pow(2, -1 / settings.halfLifeDays);
  const tierAt = Array.from({ length: 101 }, (_, score) => tierOf(score, settings));
  const sorted = [...signals].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const index = new Map<string, number>();
  const points: number[] = [];
  const since: string[] = []; // the day a person's points are decayed to, before the first snapshot day
  const slot = (person: string): number => {
    let i = index.get(person);
    if (i === undefined) {
      i = points.length;
      index.set(person, i);
      points.push(0);
      since.push('');
    }
    return i;
  };
  const out = new Map<string, EngagementSnapshot>();
  let next = 0;
  let current: string | null = null;

  for (const day of days) {
    if (current === null) {
      // Up to the first snapshot day: decay lazily, one person at a time.
      while (next < sorted.length && sorted[next]!.day <= day) {
        const s = sorted[next++]!;
        const i = slot(s.person);
        points[i] = since[i] ? points[i]! * Math.pow(f, daysBetween(since[i]!, s.day)) + s.points : s.points;
        since[i] = s.day;
      }
      for (let i = 0; i < points.length; i++) points[i] = points[i]! * Math.pow(f, daysBetween(since[i]!, day));
    } else {
      const decay = Math.pow(f, daysBetween(current, day));
      for (let i = 0; i < points.length; i++) points[i] = points[i]! * decay;
      while (next < sorted.length && sorted[next]!.day <= day) {
        const s = sorted[next++]!;
        const i = slot(s.person);
        points[i] = points[i]! + s.points * Math.pow(f, daysBetween(s.day, day));
      }
    }
    current = day;

    const counts = new Array<number>(101).fill(0);
    const half = settings.halfScoreAt;
    for (let i = 0; i < points.length; i++) {
      const p = Math.max(0, points[i]!);
      counts[Math.round((100 * p) / (p + half))]!++;
    }
    const tiers: Record<string, number> = Object.fromEntries(settings.tiers.map((t) => [t.name, 0]));
    const histogram = new Array<number>(10).fill(0);
    const people = Math.max(knownPeople(day), points.length);
    counts[0]! += people - points.length;
    counts.forEach((n, score) => {
      if (!n) return;
      const tier = tierAt[score]!;
      tiers[tier] = (tiers[tier] ?? 0) + n;
      histogram[Math.min(9, Math.floor(score / 10))]! += n;
    });
    out.set(day, { tiers, histogram, people });
  }
  return out;
}
