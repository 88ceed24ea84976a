import { foldSignal, scoreOf, signalOf, tierOf, type ScoreSettings, type ScoreState, type Signal } from '../../src/shared/engagement-score.js';
import type { ScoreRow } from '../store/campaign-store.js';

/** Half-lives of history read for a score: older signals count less than 2⁻²⁰ of their weight, below any rounding. */
export const SCORE_HISTORY_HALF_LIVES = 20;

/** The oldest signal a score read at `now` folds in: SCORE_HISTORY_HALF_LIVES half-lives back. */
export const scoreHistorySince = (settings: ScoreSettings, now: number): Date =>
  new Date(now - SCORE_HISTORY_HALF_LIVES * settings.halfLifeDays * 864e5);

/** Score and tier of one person. */
export interface PersonScore {
  score: number;
  tier: string;
}

/**
 * Folds each person's signals (page views, link clicks, chat and feedback contacts, the site's conversion events, and
 * one session signal per session) with src/shared/engagement-score in time order — the order the SDK folds them —
 * and scores them at `now`. People without a signal are not in the map (their score is 0).
 */
export function scorePeople(rows: ScoreRow[], settings: ScoreSettings, now: number): Map<string, PersonScore> {
  const scores = new Map<string, PersonScore>();
  for (const [person, state] of foldPeople(rows, settings)) {
    const score = scoreOf(state, now, settings);
    scores.set(person, { score, tier: tierOf(score, settings) });
  }
  return scores;
}

/** Each person's score state: their signals folded in time order with src/shared/engagement-score's foldSignal. */
export function foldPeople(rows: ScoreRow[], settings: ScoreSettings): Map<string, ScoreState> {
  const states = new Map<string, ScoreState>();
  const sorted = [...rows].sort((a, b) => a.at - b.at);
  for (const row of sorted) {
    const signal: Signal | undefined =
      row.type === 'session'
        ? { type: 'session', at: row.at }
        : signalOf({ type: row.type, ...(row.event ? { event: row.event } : {}), properties: { [settings.valueProperty]: row.value }, timestamp: row.at }, settings);
    if (signal) states.set(row.person, foldSignal(states.get(row.person), signal, settings));
  }
  return states;
}

/** The track events that can be signals under these settings (page views are read by type). */
export const signalEvents = (settings: ScoreSettings): string[] => ['Link Clicked', 'Chat Message Sent', 'Feedback Submitted', ...settings.conversionEvents];
