import type { Writable } from 'node:stream';
import type { Cell } from './columns.js';

export type ExportFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A CSV cell a spreadsheet would run as a formula gets a leading apostrophe. A "+" or "-" followed
 * only by digits, spaces and ( ) . - is a phone number or a number, not a formula, and is kept as
 * written so that it imports again unchanged.
 */
export function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && (/^[=@\t\r]/.test(s) || /^[+-](?![\d\s().-]*$)/.test(s))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Waits until the stream takes more (or is gone); answers false once nobody is reading. */
async function drained(out: Writable): Promise<boolean> {
  if (out.destroyed) return false;
  if (!out.writableNeedDrain) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
  return !out.destroyed;
}

/**
 * Writes a header row and then every batch of rows to `out` as it comes (CSV: UTF-8 with a BOM,
 * so that Excel reads Chinese; XLSX: exceljs's streaming writer, one committed row at a time).
 * Answers the number of data rows written; stops early when `out` is closed by its reader.
 */
export async function writeSheet(
  format: ExportFormat,
  out: Writable,
  sheetName: string,
  header: string[],
  batches: AsyncIterable<Cell[][]>,
): Promise<number> {
  let rows = 0;
  if (format === 'csv') {
    out.write(`\uFEFF${csvLine(header)}`);
    for await (const batch of batches) {
      if (batch.length) out.write(batch.map(csvLine).join(''));
      rows += batch.length;
      if (!(await drained(out))) return rows;
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    return rows;
  }
  // Loaded on first use, not at start-up: a large library that a server exporting CSV never needs.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(header).commit();
  for await (const batch of batches) {
    for (const cells of batch) sheet.addRow(cells).commit();
    rows += batch.length;
    if (!(await drained(out))) return rows;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
