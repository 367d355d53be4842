import { validateRow, type DedupeKey, type DedupeMode, type ImportEntity } from '@steward/core';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import { audit } from '../../platform/audit.js';
import { isUuid } from '../../platform/ids.js';
import { validationFailed } from '../../platform/errors.js';
import { actorFor } from '../auth/service.js';
import type { BatchResult, BatchWriter, ImportEnv, RowError, ValidRow } from './batch.js';
import { customerWriter } from './customers-batch.js';
import { hasEnabledRules } from './customers-repo.js';
import { ownerResolver } from './owners.js';
import { recordWriter } from './records-batch.js';
import { openTable, type ImportFormat } from './reader.js';
import * as repo from './repo.js';
import { emitEvent } from '../webhooks/emit.js';

/**
 * Data rows per transaction: each batch commits its records, errors, counters and audit row
 * together (docs/decisions/0041). Large enough that the per-batch statements cost little next to
 * the rows; small because a batch (and the next one, read ahead) stays in memory while it is
 * written — ~4 KB per row as JavaScript objects.
 */
export const IMPORT_BATCH_ROWS = 5_000;
/** Rows parsed between two turns of the event loop (so the database's answers are not kept waiting). */
const YIELD_ROWS = 500;

type Batch = {
  valid: ValidRow[];
  invalid: RowError[];
  /** Data rows read, empty ones included. */
  read: number;
  /** Non-empty data rows. */
  rows: number;
  lastRow: number;
  fraction: number;
};

/** The column of each mapped field (the first column of a header, when a header repeats). */
export function columnsOf(headers: string[], mapping: Record<string, string>) {
  const seen = new Set<string>();
  const out: { index: number; header: string; field: string }[] = [];
  headers.forEach((header, index) => {
    const field = mapping[header];
    if (!field || seen.has(header)) return;
    seen.add(header);
    out.push({ index, header, field });
  });
  return out;
}

export type Columns = ReturnType<typeof columnsOf>;

/** Validates one data row: its values by field, or its problems with the column header they concern. */
export function checkRow(
  entity: ImportEntity,
  columns: Columns,
  row: number,
  cells: string[],
  timeZone: string,
) {
  const byField: Record<string, string> = {};
  for (const c of columns) byField[c.field] = cells[c.index] ?? '';
  const r = validateRow(entity, byField, { timeZone });
  if (!r.problems.length) return { ok: true as const, valid: { row, values: r.values } };
  const errors: RowError[] = r.problems.map((p) => ({
    row,
    field: p.field,
    code: p.code,
    message: p.message,
  }));
  return { ok: false as const, errors };
}

async function runImport(ctx: JobContext): Promise<Record<string, unknown>> {
  const { deps, orgId } = ctx;
  const importId = String(ctx.options.importId);
  const imp = await repo.findImport(deps.db, orgId, importId);
  if (!imp) return { error: 'no such import' };
  if (imp.status === 'succeeded' || imp.status === 'cancelled') return { status: imp.status };
  try {
    return await execute(ctx, imp);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await repo.updateImport(deps.db, orgId, importId, {
      status: 'failed',
      error: message,
      finishedAt: deps.now(),
    });
    await emitEvent(
      deps.db,
      orgId,
      'import.finished',
      { importId, entity: imp.entity, status: 'failed' },
      deps.now(),
    );
    throw err;
  }
}

async function execute(ctx: JobContext, imp: repo.ImportRow): Promise<Record<string, unknown>> {
  const { deps, orgId } = ctx;
  const db = deps.db;
  const finish = async (status: 'succeeded' | 'cancelled', lastRow: number) => {
    await repo.updateImport(db, orgId, imp.id, {
      status,
      finishedAt: deps.now(),
      stoppedAtRow: lastRow,
      ...(status === 'succeeded' ? { progress: 1, totalRows: lastRow } : {}),
    });
    const done = await repo.findImport(db, orgId, imp.id);
    const counts = {
      created: done?.created,
      updated: done?.updated,
      skipped: done?.skipped,
      failed: done?.failed,
    };
    await emitEvent(
      db,
      orgId,
      'import.finished',
      { importId: imp.id, entity: imp.entity, status, ...counts },
      deps.now(),
    );
    return {
      status,
      created: done?.created,
      updated: done?.updated,
      skipped: done?.skipped,
      failed: done?.failed,
    };
  };
  const resumeAfter = imp.stoppedAtRow ?? 0;
  if (imp.cancelRequested) return finish('cancelled', resumeAfter);

  const user = imp.createdBy ? await repo.findUser(db, orgId, imp.createdBy) : null;
  if (!user || user.status !== 'active')
    throw new Error('The user who started the import is no longer active.');
  const actor = await actorFor(deps, user, 'session');
  const entity = imp.entity as ImportEntity;
  const table = await openTable(imp.filePath, imp.format as ImportFormat);
  try {
    const columns = columnsOf(table.headers, imp.mapping);
    const headerOf = Object.fromEntries(columns.map((c) => [c.field, c.header]));
    const env: ImportEnv = {
      actor,
      actorTeamId: user.teamId,
      mode: imp.dedupe as DedupeMode,
      dedupeKey: (imp.dedupeKey ?? 'name_region') as DedupeKey,
      timeZone: await repo.orgTimeZone(db, orgId),
      now: deps.now(),
      mapped: new Set(columns.map((c) => c.field)),
      rulesEnabled: await hasEnabledRules(db, orgId),
    };
    const writer: BatchWriter =
      entity === 'customers' ? customerWriter(await ownerResolver(db, env)) : recordWriter(entity);
    await repo.updateImport(db, orgId, imp.id, { status: 'running' });

    let committed = resumeAfter;
    let lastRead = resumeAfter;

    /** Reads and validates the next batch of rows (null at the end of the file). */
    const readBatch = async (): Promise<Batch | null> => {
      const b: Batch = { valid: [], invalid: [], read: 0, rows: 0, lastRow: lastRead, fraction: 0 };
      while (b.rows < IMPORT_BATCH_ROWS) {
        const next = await table.rows.next();
        if (next.done) break;
        const { row, cells } = next.value;
        if (row <= resumeAfter) continue;
        b.lastRow = row;
        b.read++;
        // Let the writes of the batch before this one proceed while this one is parsed.
        if (b.read % YIELD_ROWS === 0) await new Promise((r) => setImmediate(r));
        if (cells.every((c) => !c.trim())) continue;
        b.rows++;
        const checked = checkRow(entity, columns, row, cells, env.timeZone);
        if (checked.ok) b.valid.push(checked.valid);
        else b.invalid.push(...checked.errors);
      }
      lastRead = b.lastRow;
      b.fraction = table.fraction();
      return b.read > 0 ? b : null;
    };

    const flush = async (b: Batch): Promise<boolean> => {
      if (await repo.cancelRequested(db, orgId, imp.id)) return false;
      await db.transaction(async (tx) => {
        // One import batch of an organization at a time: dedupe reads what the last one wrote.
        await repo.lockImports(tx, orgId);
        const res: BatchResult = b.valid.length
          ? await writer(tx, env, b.valid)
          : { created: 0, updated: 0, skipped: 0, errors: [] };
        const errors = [...b.invalid, ...res.errors].sort((x, y) => x.row - y.row);
        await repo.insertErrors(
          tx,
          errors.map((e) => ({
            orgId,
            importId: imp.id,
            row: e.row,
            column: e.field ? (headerOf[e.field] ?? null) : null,
            code: e.code,
            message: e.message,
          })),
        );
        const failed = new Set(errors.map((e) => e.row)).size;
        await repo.addCounters(
          tx,
          orgId,
          imp.id,
          { created: res.created, updated: res.updated, skipped: res.skipped, failed, processedRows: b.read },
          { progress: Math.min(0.99, b.fraction), stoppedAtRow: b.lastRow },
        );
        await audit(tx, actor, 'import.batch', 'import', imp.id, {
          entity,
          fromRow: committed + 1,
          toRow: b.lastRow,
          created: res.created,
          updated: res.updated,
          skipped: res.skipped,
          failed,
        });
      });
      committed = b.lastRow;
      return true;
    };

    // The next batch is parsed and validated while the current one is written.
    let ahead = readBatch();
    for (;;) {
      const batch = await ahead;
      if (!batch) break;
      ahead = readBatch();
      ahead.catch(() => {});
      if (!(await flush(batch))) return finish('cancelled', committed);
    }
    return finish('succeeded', lastRead);
  } finally {
    table.close();
  }
}

export const importJob: JobDefinition = {
  name: 'import',
  handler: runImport,
  options: ['importId'],
  parseOptions: (raw) => {
    if (typeof raw.importId !== 'string' || !isUuid(raw.importId))
      throw validationFailed([{ path: 'importId', message: 'expected the id of an import' }]);
    return { importId: raw.importId };
  },
};
