import { tierOf } from '../../src/shared/engagement-score.js';
import { campaignSettingsOf } from '../campaigns/campaign-settings.js';
import { scoreHistorySince, scorePeople, signalEvents } from '../campaigns/people-scores.js';
import type { Person, Store } from '../store/store.js';

/** A person with their engagement score and tier. */
export type ScoredPerson = Person & { score: number; tier: string };

/** The answer of GET …/people?sort=score: the highest scores first, and how many people each tier holds. */
export interface PeopleByScore {
  people: ScoredPerson[];
  tiers: { name: string; min: number; count: number }[];
  total: number;
}

/**
 * Scores every person of the site on read, by folding their stored events since SCORE_HISTORY_HALF_LIVES half-lives
 * ago (src/shared/engagement-score), then returns the top `limit` and the tier counts. Fine for thousands of people;
 * a large site needs a per-person score state rolled up at ingest (docs/protocol.md, People).
 */
export async function peopleByScore(store: Store, siteId: string, limit: number, now = Date.now()): Promise<PeopleByScore> {
  const { engagement: settings } = campaignSettingsOf(await store.campaigns.settings(siteId));
  const since = scoreHistorySince(settings, now);
  const rows = await store.campaigns.scoreRows(siteId, since, signalEvents(settings), settings.valueProperty);
  const scores = scorePeople(rows, settings, now);
  const total = await store.countPeople(siteId);

  const counts = new Map<string, number>(settings.tiers.map((t) => [t.name, 0]));
  for (const { tier } of scores.values()) counts.set(tier, (counts.get(tier) ?? 0) + 1);
  // People without a recent signal score 0.
  const zeroTier = tierOf(0, settings);
  const unscored = Math.max(0, total - scores.size);
  if (unscored) counts.set(zeroTier, (counts.get(zeroTier) ?? 0) + unscored);

  const ranked = [...scores].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  const people = await store.peopleByIds(siteId, ranked.map(([id]) => id));
  const byId = new Map(people.map((p) => [p.id, p]));
  const scored: ScoredPerson[] = ranked.flatMap(([id, s]) => (byId.has(id) ? [{ ...byId.get(id)!, ...s }] : []));
  if (scored.length < limit) {
    // Fill up with people who have no recent signal (score 0), most recently seen first.
    const rest = await store.listPeople(siteId, { limit: Math.min(500, limit + scores.size) });
    for (const p of rest) if (scored.length < limit && !scores.has(p.id)) scored.push({ ...p, score: 0, tier: zeroTier });
  }
  const tiers = [...settings.tiers].sort((a, b) => b.min - a.min).map((t) => ({ name: t.name, min: t.min, count: counts.get(t.name) ?? 0 }));
  return { people: scored, tiers, total };
}
