import { describe, expect, it } from 'vitest';
import { csat, distribution, nps } from '../../src/shared/survey-results';

describe('nps', () => {
  it('is % promoters (9–10) minus % detractors (0–6)', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: 50 % − 20 % = 30.
    expect(nps([10, 9, 9, 10, 9, 8, 7, 7, 6, 0])).toEqual({ score: 30, promoters: 5, passives: 3, detractors: 2, responses: 10 });
    expect(nps([0, 1, 2]).score).toBe(-100);
    expect(nps([10]).score).toBe(100);
    expect(nps([7, 8]).score).toBe(0);
  });

  it('leaves out what is not a 0–10 whole number, and is null with no answers', () => {
    expect(nps([11, -1, 7.5, '9', null, 10]).responses).toBe(1);
    expect(nps([]).score).toBeNull();
  });
});

describe('csat', () => {
  it('is the share of 4 and 5 among 1–5 answers', () => {
    expect(csat([5, 4, 3, 2, 1, 5, 4, 4])).toEqual({ score: 63, responses: 8 });
    expect(csat([6, 0]).score).toBeNull();
  });
});

describe('distribution', () => {
  it('lists every option in order, with zero counts, and ignores answers outside them', () => {
    expect(distribution(['Price', 'Features', 'Price', 'Other'], ['Price', 'Features', 'Support'])).toEqual([
      { answer: 'Price', count: 2, share: 2 / 3 },
      { answer: 'Features', count: 1, share: 1 / 3 },
      { answer: 'Support', count: 0, share: 0 },
    ]);
    const scale = distribution([10, '10', 9, 0], Array.from({ length: 11 }, (_, i) => i));
    expect(scale).toHaveLength(11);
    expect(scale[10]).toEqual({ answer: '10', count: 2, share: 0.5 });
  });

  it('without options lists answers most frequent first', () => {
    expect(distribution(['b', 'a', 'b', null, { x: 1 }]).map((r) => [r.answer, r.count])).toEqual([['b', 2], ['a', 1]]);
    expect(distribution([])).toEqual([]);
  });
});
