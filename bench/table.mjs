// Plain-text tables for the terminal (and for docs/benchmarks.md, which shows them verbatim).

/** Renders an aligned table: numeric columns to the right, text to the left. Returns the lines. */
export function formatTable(head, rows) {
  const cells = rows.map((r) => r.map((c) => (c == null ? '—' : String(c))));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const numeric = head.map((_, i) => cells.every((r) => /^(|—|[≥~<>]?-?[\d.,]+( ?[%×])?)$/.test(r[i])));
  const line = (r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
}

/** Prints a titled table (and notes under it) to stdout, and returns the same text. */
export function printTable(title, head, rows, notes = []) {
  const text = [title, '', ...formatTable(head, rows), ...(notes.length ? ['', ...notes] : []), ''].join('\n');
  console.log(text);
  return text;
}
