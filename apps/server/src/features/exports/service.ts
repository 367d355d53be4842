import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { ExportCreate } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { audit } from '../../platform/audit.js';
import type { Cell, ColumnContext, ExportLanguage } from './columns.js';
import { exportFileGone, exportNotFound, exportNotReady, unknownList } from './errors.js';
import { EXPORT_LISTS_BY_NAME, pagesOf, parseFilters, type ExportList } from './lists.js';
import { exportFileName, presentExport } from './presenter.js';
import { CONTENT_TYPES, writeSheet, type ExportFormat } from './writers.js';
import * as repo from './repo.js';

/** Above this many rows an export is not streamed in the request but runs as the `export` job. */
export const EXPORT_SYNC_MAX_ROWS = 50_000;

/** The language of headers and values: asked for, else the browser's, else the organization's. */
export function languageOf(
  asked: string | undefined,
  acceptLanguage: string | undefined,
  org: string,
): ExportLanguage {
  if (asked === 'zh-CN' || asked === 'en-US') return asked;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('zh')) return 'zh-CN';
  if (first.startsWith('en')) return 'en-US';
  return org === 'en-US' ? 'en-US' : 'zh-CN';
}

export function listOf(name: string): ExportList {
  const list = EXPORT_LISTS_BY_NAME[name];
  if (!list) throw unknownList(name);
  return list;
}

export const exportPath = (dataDir: string, orgId: string, id: string, format: string) =>
  path.join(dataDir, 'exports', orgId, `${id}.${format}`);

/** The list's rows as cells, page by page; rows created after `asOf` (for a job) are left out. */
export async function* cellBatches(
  deps: Deps,
  actor: Actor,
  list: ExportList,
  query: unknown,
  ctx: ColumnContext,
  asOf?: Date,
): AsyncGenerator<Cell[][]> {
  for await (const rows of pagesOf(deps, actor, list, query)) {
    const kept = asOf
      ? rows.filter((r) => Date.parse((r as { createdAt: string }).createdAt) <= asOf.getTime())
      : rows;
    yield kept.map((r) => list.columns.map((c) => c.value(r, ctx)));
  }
}

const headerOf = (list: ExportList, lang: ExportLanguage) => list.columns.map((c) => c.header[lang]);

type Request = {
  list: string;
  format: ExportFormat;
  filters: Record<string, string>;
  lang?: string;
  acceptLanguage?: string;
  async?: boolean;
};

/**
 * GET /exports/{list}.{format}: streams the file while reading the list in pages, or — above
 * EXPORT_SYNC_MAX_ROWS rows, or when asked — starts the `export` job instead.
 */
export async function exportNow(deps: Deps, queue: JobQueue, actor: Actor, req: Request) {
  const list = listOf(req.list);
  const query = parseFilters(list, req.filters, 'query');
  const org = await repo.orgLocale(deps.db, actor.orgId);
  const lang = languageOf(req.lang, req.acceptLanguage, org.language);
  const count = await list.count(deps, actor, query);
  if (req.async || count > EXPORT_SYNC_MAX_ROWS)
    return { kind: 'job' as const, ...(await enqueueExport(deps, queue, actor, req, lang)) };
  await audit(deps.db, actor, 'export.run', 'export', null, {
    list: list.name,
    format: req.format,
    filters: req.filters,
    rows: count,
    language: lang,
  });
  const out = new PassThrough();
  const ctx = { lang, timeZone: org.timeZone };
  writeSheet(
    req.format,
    out,
    list.name,
    headerOf(list, lang),
    cellBatches(deps, actor, list, query, ctx),
  ).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return {
    kind: 'file' as const,
    fileName: exportFileName(list.name, req.format, deps.now()),
    contentType: CONTENT_TYPES[req.format],
    stream: out,
  };
}

async function enqueueExport(deps: Deps, queue: JobQueue, actor: Actor, req: Request, lang: ExportLanguage) {
  const options = {
    list: req.list,
    format: req.format,
    filters: req.filters,
    lang,
    asOf: deps.now().toISOString(),
  };
  const jobId = await queue.enqueue(actor.orgId, actor.userId, 'export', options, (tx, id) =>
    audit(tx, actor, 'export.create', 'export', id, {
      list: req.list,
      format: req.format,
      filters: req.filters,
      language: lang,
    }),
  );
  return { exportId: jobId, jobId };
}

/** POST /exports: always a job, whose file is downloaded when it has finished. */
export async function startExport(
  deps: Deps,
  queue: JobQueue,
  actor: Actor,
  body: ExportCreate,
  acceptLanguage?: string,
) {
  const list = listOf(body.list);
  parseFilters(list, body.filters);
  const org = await repo.orgLocale(deps.db, actor.orgId);
  const lang = languageOf(body.lang, acceptLanguage, org.language);
  return enqueueExport(deps, queue, actor, { ...body, acceptLanguage }, lang);
}

export async function getExport(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findExport(deps.db, actor.orgId, id, actor.userId);
  if (!row) throw exportNotFound();
  return presentExport(row, deps.config.exportRetentionDays, deps.now());
}

export async function listExports(deps: Deps, actor: Actor) {
  const rows = await repo.listExports(deps.db, actor.orgId, actor.userId, 20);
  const now = deps.now();
  return { data: rows.map((r) => presentExport(r, deps.config.exportRetentionDays, now)) };
}

/** The finished file, for its creator only; every download is audited. */
export async function downloadExport(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findExport(deps.db, actor.orgId, id, actor.userId);
  if (!row) throw exportNotFound();
  const out = presentExport(row, deps.config.exportRetentionDays, deps.now());
  if (out.status !== 'succeeded') throw exportNotReady(out.status);
  // Past its time the file is gone, or about to be: the same answer either way.
  if (!out.downloadUrl) throw exportFileGone();
  const file = exportPath(deps.config.dataDir, actor.orgId, id, out.format);
  const size = await stat(file).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw exportFileGone();
  await audit(deps.db, actor, 'export.download', 'export', id, { list: out.list, rows: out.rows });
  return {
    fileName: out.fileName,
    contentType: CONTENT_TYPES[out.format],
    size,
    stream: createReadStream(file),
  };
}
