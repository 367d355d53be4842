import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  defaultDedupeKey,
  IMPORT_FIELDS,
  mappingProblems,
  suggestMapping,
  type ImportEntity,
} from '@steward/core';
import { ImportFormFields, ImportTemplateCreate } from '@steward/contracts';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { audit } from '../../platform/audit.js';
import { AppError, conflict, validationFailed, type ErrorDetail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { importNotFound, templateNotFound } from './errors.js';
import { importPolicy } from './policy.js';
import { errorCsvLine, presentImport, presentSummary, presentTemplate } from './presenter.js';
import { checkRow, columnsOf } from './job.js';
import { openTable } from './reader.js';
import type { Upload } from './upload.js';
import * as repo from './repo.js';

/** Reads the text parts of the upload form (mapping as JSON) against the contract. */
function parseForm(fields: Record<string, string>): z.infer<typeof ImportFormFields> {
  const raw: Record<string, unknown> = { ...fields };
  if (fields.mapping !== undefined && fields.mapping !== '') {
    try {
      raw.mapping = JSON.parse(fields.mapping);
    } catch {
      throw validationFailed([{ path: 'mapping', message: 'not JSON (expected {"column": "field"})' }]);
    }
  } else delete raw.mapping;
  if (fields.dedupeKey === '') delete raw.dedupeKey;
  const parsed = ImportFormFields.safeParse(raw);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
    );
  return parsed.data;
}

const KEY_FIELD = { externalId: 'externalId', email: 'email', phone: 'phone', name_region: 'name' } as const;

/** The dedupe key an import uses, checked against what the entity and the mapping allow. */
function dedupeKeyFor(entity: ImportEntity, form: z.infer<typeof ImportFormFields>, mapped: Set<string>) {
  const key = form.dedupeKey;
  const bad = (message: string) => validationFailed([{ path: 'dedupeKey', message }]);
  if (entity === 'interactions') {
    if (key) throw bad('interactions are matched on customer, type, time and summary');
    return null;
  }
  if (entity === 'orders') {
    if (key && key !== 'externalId') throw bad('orders are matched on their external id');
    return 'externalId';
  }
  if (entity === 'contacts' && key === 'externalId') throw bad('contacts have no external id');
  const chosen =
    key ??
    (entity === 'customers'
      ? defaultDedupeKey(mapped)
      : mapped.has('email')
        ? 'email'
        : mapped.has('phone')
          ? 'phone'
          : 'name_region');
  if (!mapped.has(KEY_FIELD[chosen])) throw bad(`no column is mapped to ${KEY_FIELD[chosen]}`);
  return chosen;
}

/** A file that cannot be parsed (an unclosed quote, an XLSX that is not a workbook) is bad input on `file`. */
async function unreadable<T>(upload: Upload, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw validationFailed([
      {
        path: 'file',
        message: `cannot be read as ${upload.format.toUpperCase()}: ${(err as Error).message}`,
      },
    ]);
  }
}

const openReadable = (upload: Upload) => unreadable(upload, () => openTable(upload.path, upload.format));

/** Headers of the file and the mapping to use, with every problem as a field error. */
async function readShape(upload: Upload, entity: ImportEntity, given: Record<string, string> | undefined) {
  const table = await openReadable(upload);
  table.close();
  const mapping = Object.fromEntries(
    Object.entries(given ?? suggestMapping(entity, table.headers)).filter(([, f]) => f),
  );
  const problems: ErrorDetail[] = [];
  if (!table.headers.some((h) => h)) problems.push({ path: 'file', message: 'the file has no header row' });
  for (const column of Object.keys(mapping))
    if (!table.headers.includes(column))
      problems.push({ path: `mapping.${column}`, message: 'no such column in the file' });
  problems.push(...mappingProblems(entity, mapping));
  return { mapping, problems };
}

export async function createImport(deps: Deps, queue: JobQueue, actor: Actor, upload: Upload) {
  importPolicy.assertCanImport(actor);
  try {
    const form = parseForm(upload.fields);
    const { mapping, problems } = await readShape(upload, form.entity, form.mapping);
    if (importPolicy.ownBookOnly(actor))
      for (const [column, field] of Object.entries(mapping))
        if (field === 'owner')
          problems.push({
            path: `mapping.${column}`,
            message: 'account managers import into their own book: map no owner',
          });
    if (problems.length) throw validationFailed(problems);
    const dedupeKey = dedupeKeyFor(form.entity, form, new Set(Object.values(mapping)));
    const row = await deps.db.transaction(async (tx) => {
      const created = await repo.insertImport(tx, {
        orgId: actor.orgId,
        id: newId(),
        entity: form.entity,
        fileName: upload.fileName,
        filePath: upload.path,
        fileSha256: upload.sha256,
        format: upload.format,
        mapping,
        dedupe: form.dedupe,
        dedupeKey,
        createdBy: actor.userId,
        createdAt: deps.now(),
      });
      await audit(tx, actor, 'import.create', 'import', created.id, {
        entity: form.entity,
        fileName: upload.fileName,
        sha256: upload.sha256,
        size: upload.size,
        dedupe: form.dedupe,
        dedupeKey,
      });
      return created;
    });
    try {
      const jobId = await queue.enqueue(actor.orgId, actor.userId, 'import', { importId: row.id }, (tx, id) =>
        repo.updateImport(tx, actor.orgId, row.id, { jobId: id }),
      );
      return { importId: row.id, jobId };
    } catch (err) {
      await repo.updateImport(deps.db, actor.orgId, row.id, {
        status: 'failed',
        error: 'could not be queued',
        finishedAt: deps.now(),
      });
      throw err;
    }
  } catch (err) {
    await rm(upload.path, { force: true });
    throw err;
  }
}

const PREVIEW_ROWS = 20;

/** The wizard's look at a file: headers, suggested mapping and the first rows with their problems. */
export async function previewImport(deps: Deps, actor: Actor, upload: Upload) {
  importPolicy.assertCanImport(actor);
  try {
    const form = parseForm(upload.fields);
    const entity = form.entity;
    const { mapping, problems } = await readShape(upload, entity, form.mapping);
    const table = await openReadable(upload);
    try {
      const timeZone = await repo.orgTimeZone(deps.db, actor.orgId);
      const columns = columnsOf(table.headers, mapping);
      const headerOf = Object.fromEntries(columns.map((c) => [c.field, c.header]));
      const rows = [];
      while (rows.length < PREVIEW_ROWS) {
        const next = await unreadable(upload, () => table.rows.next());
        if (next.done) break;
        const { row, cells } = next.value;
        if (cells.every((c) => !c.trim())) continue;
        const checked = checkRow(entity, columns, row, cells, timeZone);
        const errors = checked.ok ? [] : checked.errors;
        rows.push({
          row,
          cells,
          errors: errors.map((e) => ({
            row,
            column: e.field ? (headerOf[e.field] ?? null) : null,
            code: e.code,
            message: e.message,
          })),
        });
      }
      return {
        entity,
        format: upload.format,
        encoding: table.encoding,
        delimiter: table.delimiter,
        headers: table.headers,
        fields: IMPORT_FIELDS[entity].map((f) => ({ name: f.name, required: !!f.required, kind: f.kind })),
        suggestedMapping: suggestMapping(entity, table.headers),
        mapping,
        mappingProblems: problems,
        rows,
      };
    } finally {
      table.close();
    }
  } finally {
    await rm(upload.path, { force: true });
  }
}

async function loadImport(deps: Deps, actor: Actor, id: string) {
  importPolicy.assertCanImport(actor);
  const row = await repo.findImport(
    deps.db,
    actor.orgId,
    id,
    importPolicy.createdByFilter(actor) ?? undefined,
  );
  if (!row) throw importNotFound();
  return row;
}

export async function getImport(deps: Deps, actor: Actor, id: string, errorLimit: number) {
  const row = await loadImport(deps, actor, id);
  const [errors, count] = await Promise.all([
    repo.listErrors(deps.db, actor.orgId, id, errorLimit),
    repo.countErrors(deps.db, actor.orgId, id),
  ]);
  return presentImport(row, errors, count);
}

export async function listImports(deps: Deps, actor: Actor, q: { limit: number; cursor?: string }) {
  importPolicy.assertCanImport(actor);
  const cursor = decodeCursor(q.cursor);
  const rows = await repo.listImports(
    deps.db,
    actor.orgId,
    importPolicy.createdByFilter(actor),
    q.limit + 1,
    cursor ?? undefined,
  );
  const page = pageOf(rows, q.limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  return { data: page.data.map(presentSummary), nextCursor: page.nextCursor };
}

/** Asks the job to stop at its next batch boundary; what it committed stays. */
export async function cancelImport(deps: Deps, actor: Actor, id: string, errorLimit: number) {
  const row = await loadImport(deps, actor, id);
  if (row.status !== 'queued' && row.status !== 'running')
    throw conflict(
      'import_finished',
      `The import has already ${row.status === 'cancelled' ? 'been cancelled' : 'finished'}.`,
    );
  await deps.db.transaction(async (tx) => {
    await repo.updateImport(tx, actor.orgId, id, { cancelRequested: true });
    await audit(tx, actor, 'import.cancel', 'import', id);
  });
  return getImport(deps, actor, id, errorLimit);
}

/** The full error report as CSV, streamed page by page. */
export async function errorReport(deps: Deps, actor: Actor, id: string) {
  const row = await loadImport(deps, actor, id);
  async function* lines() {
    yield '\uFEFFrow,column,code,message\r\n';
    let after = 0;
    for (;;) {
      const page = await repo.listErrors(deps.db, actor.orgId, id, 5000, after);
      if (!page.length) return;
      yield page.map(errorCsvLine).join('');
      after = page[page.length - 1]!.row;
      if (page.length < 5000) return;
    }
  }
  return { fileName: `${row.fileName.replace(/\.[^.]+$/, '')}-errors.csv`, stream: Readable.from(lines()) };
}

export async function listTemplates(deps: Deps, actor: Actor, entity?: string) {
  importPolicy.assertCanImport(actor);
  return { data: (await repo.listTemplates(deps.db, actor.orgId, entity)).map(presentTemplate) };
}

export async function createTemplate(deps: Deps, actor: Actor, body: z.infer<typeof ImportTemplateCreate>) {
  importPolicy.assertCanImport(actor);
  const problems = mappingProblems(
    body.entity,
    Object.fromEntries(Object.entries(body.mapping).filter(([, f]) => f)),
  ).filter((p) => p.path !== 'mapping');
  if (problems.length) throw validationFailed(problems);
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertTemplate(tx, {
      orgId: actor.orgId,
      id: newId(),
      ...body,
      createdBy: actor.userId,
      createdAt: deps.now(),
    });
    await audit(tx, actor, 'import_template.create', 'import_template', row.id, {
      name: row.name,
      entity: row.entity,
    });
    return presentTemplate(row);
  });
}

export async function deleteTemplate(deps: Deps, actor: Actor, id: string) {
  importPolicy.assertCanImport(actor);
  await deps.db.transaction(async (tx) => {
    if (!(await repo.deleteTemplate(tx, actor.orgId, id))) throw templateNotFound();
    await audit(tx, actor, 'import_template.delete', 'import_template', id);
  });
}
