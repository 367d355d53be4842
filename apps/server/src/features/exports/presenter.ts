import type { ExportOut } from '@steward/contracts';
import type { ExportJobRow } from './repo.js';

export const exportFileName = (list: string, format: string, at: Date) =>
  `${list}-${at.toISOString().slice(0, 10)}.${format}`;

const DAY_MS = 86_400_000;

/** When a finished export's file stops being kept; null while it has not succeeded. */
export const expiresAt = (row: Pick<ExportJobRow, 'status' | 'finishedAt'>, retentionDays: number) =>
  row.status === 'succeeded' && row.finishedAt
    ? new Date(row.finishedAt.getTime() + retentionDays * DAY_MS)
    : null;

/**
 * An `export` job row → API shape; the file is named after the list and the day it was asked for.
 * Once its time is up (`now` past `expiresAt`) there is no download link.
 */
export function presentExport(row: ExportJobRow, retentionDays: number, now: Date): ExportOut {
  const expires = expiresAt(row, retentionDays);
  const o = row.options as { list: ExportOut['list']; format: ExportOut['format']; filters?: unknown };
  const rows = typeof row.result?.rows === 'number' ? row.result.rows : null;
  const status = row.status as ExportOut['status'];
  return {
    id: row.id,
    list: o.list,
    format: o.format,
    filters: (o.filters ?? {}) as Record<string, string>,
    status,
    progress: row.progress,
    rows,
    fileName: exportFileName(o.list, o.format, row.createdAt),
    downloadUrl:
      status === 'succeeded' && expires && expires > now ? `/api/v1/exports/${row.id}/download` : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: expires?.toISOString() ?? null,
  };
}
