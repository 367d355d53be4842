import type { ImportErrorOut, ImportOut } from '@steward/contracts';
import type { z } from 'zod';
import type { importErrors, importTemplates } from '../../db/schema/index.js';
import type { ImportRow } from './repo.js';

type Status = ImportOut['status'];

export const presentSummary = (r: ImportRow) => ({
  id: r.id,
  entity: r.entity as ImportOut['entity'],
  fileName: r.fileName,
  format: r.format as ImportOut['format'],
  status: r.status as Status,
  progress: r.progress,
  created: r.created,
  updated: r.updated,
  skipped: r.skipped,
  failed: r.failed,
  processedRows: r.processedRows,
  totalRows: r.totalRows,
  stoppedAtRow: r.status === 'cancelled' || r.status === 'failed' ? (r.stoppedAtRow ?? 0) : null,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

export const presentError = (e: typeof importErrors.$inferSelect): z.infer<typeof ImportErrorOut> => ({
  row: e.row,
  column: e.column,
  code: e.code,
  message: e.message,
});

export const presentImport = (
  r: ImportRow,
  errors: (typeof importErrors.$inferSelect)[],
  errorCount: number,
): ImportOut => ({
  ...presentSummary(r),
  jobId: r.jobId,
  mapping: r.mapping,
  dedupe: r.dedupe as ImportOut['dedupe'],
  dedupeKey: (r.dedupeKey as ImportOut['dedupeKey']) ?? null,
  error: r.error,
  errors: errors.map(presentError),
  errorCount,
});

export const presentTemplate = (t: typeof importTemplates.$inferSelect) => ({
  id: t.id,
  name: t.name,
  entity: t.entity as ImportOut['entity'],
  mapping: t.mapping,
  createdAt: t.createdAt.toISOString(),
});

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One line of the downloadable error report. */
export const errorCsvLine = (e: { row: number; column: string | null; code: string; message: string }) =>
  `${[e.row, e.column, e.code, e.message].map(csvCell).join(',')}\r\n`;
