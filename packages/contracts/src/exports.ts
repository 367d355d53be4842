import { z } from 'zod';
import { Id, IsoDateTime } from './common.js';

/** The lists that export to CSV and XLSX (PRODUCT.md C10). */
export const EXPORT_LISTS = ['customers', 'pool', 'tasks', 'complaints', 'orders', 'audit'] as const;
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const EXPORT_LANGUAGES = ['zh-CN', 'en-US'] as const;
export const EXPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

/** A list's filters as its query string carries them (e.g. `{ tier: "A,B", q: "acme" }`). */
export const ExportFilters = z.record(z.string().max(50), z.string().max(2000));

/**
 * Besides the filters of the list itself: the language of the headers and values (default: the
 * Accept-Language header, then the organization's language) and `async=true` to run it as a job.
 */
export const ExportOptionsQuery = z.object({
  lang: z.enum(EXPORT_LANGUAGES).optional(),
  async: z.enum(['true', 'false']).optional(),
});

export const ExportCreate = z.object({
  list: z.enum(EXPORT_LISTS),
  format: z.enum(EXPORT_FORMATS),
  filters: ExportFilters.default({}),
  lang: z.enum(EXPORT_LANGUAGES).optional(),
});
export type ExportCreate = z.infer<typeof ExportCreate>;

export const ExportAccepted = z.object({ exportId: Id, jobId: Id });

export const ExportOut = z.object({
  id: Id,
  list: z.enum(EXPORT_LISTS),
  format: z.enum(EXPORT_FORMATS),
  filters: ExportFilters,
  status: z.enum(EXPORT_STATUSES),
  progress: z.number().min(0).max(1),
  /** Rows written (when finished). */
  rows: z.number().int().nullable(),
  fileName: z.string(),
  /** Where to fetch the file once the export has succeeded (only its creator may). */
  downloadUrl: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  /** When the file stops being kept (EXPORT_RETENTION_DAYS after it finished); null until it has. */
  expiresAt: IsoDateTime.nullable(),
});
export type ExportOut = z.infer<typeof ExportOut>;
export const ExportList = z.object({ data: z.array(ExportOut) });
export const ExportIdParams = z.object({ exportId: Id });

/** Lists a saved view can belong to. */
export const VIEW_LISTS = ['customers', 'pool', 'tasks', 'complaints', 'orders'] as const;

const ViewName = z.string().trim().min(1, 'required').max(100);
const ViewColumns = z.array(z.string().trim().min(1).max(50)).max(100);
const ViewSort = z.string().trim().max(50).nullable();

export const SavedViewCreate = z.object({
  list: z.enum(VIEW_LISTS),
  name: ViewName,
  filters: z.record(z.string().max(50), z.unknown()).default({}),
  columns: ViewColumns.default([]),
  sort: ViewSort.optional(),
  /** Share with a team the caller belongs to or leads; null or absent: private. */
  sharedTeamId: Id.nullable().optional(),
});
export type SavedViewCreate = z.infer<typeof SavedViewCreate>;

export const SavedViewUpdate = z.object({
  name: ViewName.optional(),
  filters: z.record(z.string().max(50), z.unknown()).optional(),
  columns: ViewColumns.optional(),
  sort: ViewSort.optional(),
  sharedTeamId: Id.nullable().optional(),
});
export type SavedViewUpdate = z.infer<typeof SavedViewUpdate>;

export const SavedViewOut = z.object({
  id: Id,
  list: z.enum(VIEW_LISTS),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  columns: z.array(z.string()),
  sort: z.string().nullable(),
  sharedTeamId: Id.nullable(),
  sharedTeamName: z.string().nullable(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  /** The caller owns it (and may change or delete it). */
  mine: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SavedViewOut = z.infer<typeof SavedViewOut>;
export const SavedViewList = z.object({ data: z.array(SavedViewOut) });
export const SavedViewQuery = z.object({ list: z.enum(VIEW_LISTS) });
