import type { Feedback } from './types';

/** How NPS answers split: promoters 9–10, passives 7–8, detractors 0–6. */
export interface NpsBreakdown {
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, −100…100, rounded; null without answers. */
  score: number | null;
}

/** The NPS breakdown of the answers on the 0–10 scale (other answers are ignored). */
export function npsBreakdown(feedback: Feedback[]): NpsBreakdown {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const item of feedback) {
    if (item.scale !== 'nps' || !Number.isFinite(item.rating)) continue;
    if (item.rating >= 9) promoters++;
    else if (item.rating >= 7) passives++;
    else detractors++;
  }
  const total = promoters + passives + detractors;
  return {
    promoters,
    passives,
    detractors,
    score: total ? Math.round(((promoters - detractors) / total) * 100) : null,
  };
}

/** How many star answers gave each of 1…5 stars (index 0 = one star). */
export function starCounts(feedback: Feedback[]): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const item of feedback) {
    if (item.scale !== 'stars') continue;
    const stars = Math.round(item.rating);
    if (stars >= 1 && stars <= 5) counts[stars - 1]!++;
  }
  return counts;
}
