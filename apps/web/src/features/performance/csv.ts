/** A cell of an exported table: text, a number, or nothing. */
export type CsvCell = string | number | boolean | null | undefined;

const needsQuotes = /[",\r\n]/;
/** Cells that a spreadsheet would run as a formula get a leading apostrophe (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

const cell = (v: CsvCell): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (formulaStart.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 text of a header row and data rows (CRLF line ends), with a BOM so Excel reads UTF-8. */
export const toCsv = (header: string[], rows: CsvCell[][]): string =>
  '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/** A file name for an export: letters, digits, dashes and dots only, ending in .csv. */
export const csvFileName = (...parts: string[]): string =>
  `${parts
    .map((p) => p.replace(/[^\p{L}\p{N}.-]+/gu, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('_')}.csv`;

/** Downloads the rows as a CSV file, built in the browser from what the table shows. */
export function downloadCsv(fileName: string, header: string[], rows: CsvCell[][]): void {
  const blob = new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
