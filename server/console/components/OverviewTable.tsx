import type { ComponentChildren } from 'preact';
import { csvFileName, downloadCsv, toCsv, type CsvCell } from '../csv';

/** One column: its header, the raw value (what the CSV gets) and, optionally, how the page shows it. */
export interface OverviewColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
  show?: (row: T) => ComponentChildren;
  /** Numbers align right. */
  numeric?: boolean;
  /** Kept on one line (dates). */
  nowrap?: boolean;
  /** In the CSV only (the page shows it inside another column). */
  csvOnly?: boolean;
  /** On the page only (the CSV has its parts as columns of their own). */
  pageOnly?: boolean;
}

/** Props of {@link OverviewTable}. */
export interface OverviewTableProps<T> {
  title: string;
  columns: OverviewColumn<T>[];
  rows: T[];
  /** The range, for the CSV file name. */
  from: string;
  to: string;
  /** What to say when there are no rows. */
  empty: string;
  note?: ComponentChildren;
}

const cellClass = (c: { numeric?: boolean; nowrap?: boolean }): string | undefined =>
  [c.numeric ? 'num' : '', c.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;

/**
 * A titled table of the Overview with a “CSV” button that saves exactly its rows (raw values, escaped, spreadsheet
 * formulas defused) without asking the server again. Cells are rendered as text, never as HTML.
 */
export function OverviewTable<T>({ title, columns, rows, from, to, empty, note }: OverviewTableProps<T>) {
  const shown = columns.filter((c) => !c.csvOnly);
  const exportCsv = () => {
    const csvColumns = columns.filter((c) => !c.pageOnly);
    downloadCsv(csvFileName(title, from, to), toCsv(csvColumns.map((c) => c.header), rows.map((row) => csvColumns.map((c) => c.value(row)))));
  };
  return (
    <section class="ov-table panel" aria-label={title}>
      <header class="ov-table-head">
        <h3>{title}</h3>
        <button type="button" class="quiet small" onClick={exportCsv} disabled={rows.length === 0} aria-label={`Download ${title} as CSV`}>
          CSV
        </button>
      </header>
      {note && <p class="muted small">{note}</p>}
      {rows.length === 0 ? (
        <p class="muted small">{empty}</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table ov-data">
            <thead>
              <tr>
                {shown.map((c) => (
                  <th scope="col" class={cellClass(c)}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  {shown.map((c, i) => (
                    // At phone width the rows stack and each value shows its column name (styles.css, data-label).
                    <td class={cellClass(c)} data-label={i === 0 ? '' : c.header}>{c.show ? c.show(row) : String(c.value(row) ?? '')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
