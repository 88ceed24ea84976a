// Survey results for the console: NPS from 0–10 answers, CSAT from 1–5 answers, and answer distributions.

/** Net Promoter Score: % promoters (9–10) − % detractors (0–6), rounded; null with no valid answers. */
export interface NpsResult {
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
}

/** NPS of 0–10 answers; anything else (11, 7.5, "9") is left out. */
export function nps(answers: readonly unknown[]): NpsResult {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const a of answers) {
    if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a > 10) continue;
    if (a >= 9) promoters++;
    else if (a >= 7) passives++;
    else detractors++;
  }
  const responses = promoters + passives + detractors;
  const score = responses ? Math.round(((promoters - detractors) / responses) * 100) : null;
  return { score, promoters, passives, detractors, responses };
}

/** CSAT of 1–5 answers: the rounded percentage of 4 and 5 ("satisfied"); null with no valid answers. */
export function csat(answers: readonly unknown[]): { score: number | null; responses: number } {
  const valid = answers.filter((a): a is number => typeof a === 'number' && Number.isInteger(a) && a >= 1 && a <= 5);
  return { score: valid.length ? Math.round((valid.filter((a) => a >= 4).length / valid.length) * 100) : null, responses: valid.length };
}

/** One answer's count and share (0–1) of all answers. */
export interface AnswerShare {
  answer: string;
  count: number;
  share: number;
}

/**
 * How often each answer was given. With `options` (a single-choice survey's choices, or 0…10 for NPS) every option is
 * listed in that order, zero counts included, and answers outside them are left out; without, answers are listed most
 * frequent first. Answers compare as text, so 9 and "9" are one answer.
 */
export function distribution(answers: readonly unknown[], options?: readonly (string | number)[]): AnswerShare[] {
  const counts = new Map<string, number>((options ?? []).map((o) => [String(o), 0]));
  for (const a of answers) {
    if (a == null || typeof a === 'object') continue;
    const key = String(a);
    if (options && !counts.has(key)) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((s, n) => s + n, 0);
  const rows = [...counts].map(([answer, count]) => ({ answer, count, share: total ? count / total : 0 }));
  return options ? rows : rows.sort((a, b) => b.count - a.count);
}
