/** A value in a CSV cell: text, a number, a flag, or nothing. */
export type CsvCell = string | number | boolean | null | undefined;

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"); tab and carriage return
// too, since some programs skip them before looking.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell, escaped per RFC 4180 (quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled).
 * Text that a spreadsheet would run as a formula gets a leading apostrophe, which shows the text as it came; numbers are
 * written as numbers (a negative number is not a formula).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header row, then the rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a title and a range: "Top pages", 2024-05-01…2024-05-30 → "top-pages-2024-05-01-2024-05-30.csv". */
export function csvFileName(title: string, from: string, to: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'table';
  return `${slug}-${from}-${to}.csv`;
}

/**
 * Saves `csv` as a file in the browser (no server round trip): a UTF-8 byte-order mark first, so spreadsheets read
 * accents and kana right, then a blob URL clicked through a temporary download link.
 */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
