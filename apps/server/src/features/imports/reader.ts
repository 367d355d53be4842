import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { detectDelimiter, detectEncoding } from '@steward/core';

export type ImportFormat = 'csv' | 'xlsx';
export type DataRow = { row: number; cells: string[] };

/**
 * An open import file, read as a stream: its header row, then its data rows one at a time
 * (numbered from 1 for the first data row). Never holds the whole file in memory.
 */
export type Table = {
  headers: string[];
  encoding: string | null;
  delimiter: string | null;
  rows: AsyncIterator<DataRow>;
  /** Fraction of the file read so far (0..1), for progress. */
  fraction: () => number;
  close: () => void;
};

const SAMPLE_BYTES = 64 * 1024;

export const formatOf = (fileName: string): ImportFormat | null => {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  return null;
};

/** Reads the file through a byte counter, so progress can be told without knowing the row count. */
function countedStream(path: string, size: number) {
  let read = 0;
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const counter = new PassThrough({ highWaterMark: 256 * 1024 });
  file.on('data', (chunk) => {
    read += chunk.length;
  });
  file.on('error', (err) => counter.destroy(err));
  file.pipe(counter);
  return { stream: counter, file, fraction: () => (size ? Math.min(1, read / size) : 1) };
}

async function openCsv(path: string): Promise<Table> {
  const size = (await stat(path)).size;
  const fh = await open(path, 'r');
  const head = Buffer.alloc(SAMPLE_BYTES);
  const { bytesRead } = await fh.read(head, 0, SAMPLE_BYTES, 0);
  await fh.close();
  const sample = head.subarray(0, bytesRead);
  const { encoding } = detectEncoding(sample);
  const text = encoding === 'utf-8' ? sample.toString('utf8') : iconv.decode(sample, 'gb18030');
  const delimiter = detectDelimiter(text);
  const { stream, file, fraction } = countedStream(path, size);
  const decoded: Readable =
    encoding === 'utf-8' ? stream : (stream.pipe(iconv.decodeStream('gb18030')) as unknown as Readable);
  const parser = decoded.pipe(
    parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  decoded.on('error', (err) => parser.destroy(err));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await records.next();
  const headers = first.done ? [] : first.value.map((h) => h.trim());
  let n = 0;
  const rows: AsyncIterator<DataRow> = {
    next: async () => {
      const r = await records.next();
      if (r.done) return { done: true, value: undefined };
      return { done: false, value: { row: ++n, cells: r.value } };
    },
  };
  return {
    headers,
    encoding,
    delimiter,
    rows,
    fraction,
    close: () => {
      parser.destroy();
      file.destroy();
    },
  };
}

/**
 * A cell of a spreadsheet as text. Excel dates have no time zone (the reader hands them over as
 * UTC): they become "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", read later in the organization's zone.
 */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    return '';
  }
  return String(v);
}

const rowCells = (values: unknown): string[] => {
  const arr = Array.isArray(values) ? (values as unknown[]) : [];
  const out: string[] = [];
  for (let i = 1; i < arr.length; i++) out.push(cellText(arr[i]));
  return out;
};

async function openXlsx(path: string): Promise<Table> {
  const size = (await stat(path)).size;
  // Loaded on first use, not at start-up: a large library that a server importing CSV never needs.
  const { default: ExcelJS } = await import('exceljs');
  const { stream, file, fraction } = countedStream(path, size);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  const sheet = await sheets.next();
  const close = () => {
    file.destroy();
    stream.destroy();
  };
  if (sheet.done) return { headers: [], encoding: null, delimiter: null, rows: emptyRows(), fraction, close };
  const sheetRows = sheet.value[Symbol.asyncIterator]();
  let headerRow = 0;
  let headers: string[] = [];
  for (;;) {
    const r = await sheetRows.next();
    if (r.done) break;
    const cells = rowCells(r.value.values);
    if (cells.some((c) => c.trim())) {
      headers = cells.map((h) => h.trim());
      headerRow = r.value.number;
      break;
    }
  }
  const rows: AsyncIterator<DataRow> = {
    next: async () => {
      const r = await sheetRows.next();
      if (r.done) return { done: true, value: undefined };
      return { done: false, value: { row: r.value.number - headerRow, cells: rowCells(r.value.values) } };
    },
  };
  return { headers, encoding: null, delimiter: null, rows, fraction, close };
}

const emptyRows = (): AsyncIterator<DataRow> => ({
  next: async () => ({ done: true, value: undefined }),
});

export const openTable = (path: string, format: ImportFormat): Promise<Table> =>
  format === 'csv' ? openCsv(path) : openXlsx(path);
