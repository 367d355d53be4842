import { z } from 'zod';
import { Id, IsoDateTime, ListQuery, page } from './common.js';

export const IMPORT_ENTITIES = ['customers', 'contacts', 'orders', 'interactions'] as const;
export const DEDUPE_MODES = ['skip', 'update', 'merge'] as const;
export const DEDUPE_KEYS = ['externalId', 'email', 'phone', 'name_region'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** Column header as written in the file → target field ('' or absent: not imported). */
export const ImportMapping = z.record(z.string().max(200), z.string().max(50));

/** The text fields of the multipart POST /imports and POST /imports/preview (the file is `file`). */
export const ImportFormFields = z.object({
  entity: z.enum(IMPORT_ENTITIES),
  mapping: ImportMapping.optional().describe('JSON: column header → field; default: the suggested mapping'),
  dedupe: z.enum(DEDUPE_MODES).default('skip'),
  dedupeKey: z.enum(DEDUPE_KEYS).optional(),
});
export type ImportFormFields = z.infer<typeof ImportFormFields>;

export const ImportAccepted = z.object({ importId: Id, jobId: Id });

export const ImportErrorOut = z.object({
  /** Counted from 1 for the first data row. */
  row: z.number().int(),
  /** The column's header as written in the file (null for a problem of the whole row). */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const ImportIdParams = z.object({ importId: Id });
export const ImportErrorsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  afterRow: z.coerce.number().int().min(0).optional(),
});

const ImportSummary = z.object({
  id: Id,
  entity: z.enum(IMPORT_ENTITIES),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(IMPORT_STATUSES),
  progress: z.number().min(0).max(1),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Data rows read so far. */
  processedRows: z.number().int(),
  totalRows: z.number().int().nullable(),
  /** The last data row committed, when a run was cancelled or failed. */
  stoppedAtRow: z.number().int().nullable(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
});

export const ImportOut = ImportSummary.extend({
  jobId: Id.nullable(),
  mapping: ImportMapping,
  dedupe: z.enum(DEDUPE_MODES),
  dedupeKey: z.enum(DEDUPE_KEYS).nullable(),
  error: z.string().nullable(),
  /** The first failures (see errorCount; GET /imports/{id}/errors.csv has them all). */
  errors: z.array(ImportErrorOut),
  errorCount: z.number().int(),
});
export type ImportOut = z.infer<typeof ImportOut>;

export const ImportListQuery = ListQuery;
export const ImportPage = page(ImportSummary);

export const ImportFieldOut = z.object({ name: z.string(), required: z.boolean(), kind: z.string() });

export const ImportPreviewOut = z.object({
  entity: z.enum(IMPORT_ENTITIES),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  /** The fields of the entity, for the mapping step. */
  fields: z.array(ImportFieldOut),
  suggestedMapping: ImportMapping,
  /** The mapping the rows below were validated with (the given one, else the suggestion). */
  mapping: ImportMapping,
  /** Problems of the mapping itself (unknown or doubled fields, required fields unmapped). */
  mappingProblems: z.array(z.object({ path: z.string(), message: z.string() })),
  rows: z.array(
    z.object({
      row: z.number().int(),
      cells: z.array(z.string()),
      errors: z.array(ImportErrorOut),
    }),
  ),
});

export const ImportTemplateCreate = z.object({
  name: z.string().trim().min(1, 'required').max(100),
  entity: z.enum(IMPORT_ENTITIES),
  mapping: ImportMapping,
});
export const ImportTemplateOut = ImportTemplateCreate.extend({ id: Id, createdAt: IsoDateTime });
export const ImportTemplateQuery = z.object({ entity: z.enum(IMPORT_ENTITIES).optional() });
export const ImportTemplateList = z.object({ data: z.array(ImportTemplateOut) });
export const ImportTemplateParams = z.object({ id: Id });
