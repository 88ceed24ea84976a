// Small statistics helpers shared by the benchmark's sections.

/** Median of numbers (mean of the middle two for an even count); null for none. */
export const median = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The q-quantile (0..1) by the nearest-rank method, as latency percentiles are usually read. */
export const percentile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

/** Rounds to `d` decimals; null stays null. */
export const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** "3.2×": how many times Kizuna's figure `x` is (1× for Kizuna itself); '' when either is missing or zero. */
export const ratio = (x, kizuna) => (x == null || !kizuna ? '' : `${x / kizuna >= 10 ? Math.round(x / kizuna) : round(x / kizuna, 2)}×`);
