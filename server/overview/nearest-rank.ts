/**
 * The q-quantile (0 < q ≤ 1) of a histogram by the nearest-rank method: the smallest value whose cumulative count
 * reaches ⌈q × total⌉. Null for an empty histogram. `bins` need not be sorted.
 */
export function nearestRank(bins: readonly { value: number; count: number }[], q: number): number | null {
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (seen >= rank) return b.value;
  }
  return sorted[sorted.length - 1]!.value;
}
