import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { EXPORT_FORMATS, EXPORT_LANGUAGES, EXPORT_LISTS, ExportFilters } from '@steward/contracts';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import { audit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import { actorFor } from '../auth/service.js';
import type { Cell, ExportLanguage } from './columns.js';
import { parseFilters } from './lists.js';
import { cellBatches, exportPath, listOf } from './service.js';
import { writeSheet, type ExportFormat } from './writers.js';
import * as repo from './repo.js';

/**
 * The `export` job: writes the list, as its creator sees it (scope and masking), to a file under
 * the data directory, reporting progress. It sees only rows created at or before `asOf` (the
 * moment the export was asked for) and writes to a temporary file renamed at the end, so a re-run
 * produces the same file.
 */
async function runExport(ctx: JobContext): Promise<Record<string, unknown>> {
  const { deps, orgId } = ctx;
  const o = ctx.options as {
    list: string;
    format: ExportFormat;
    filters: Record<string, string>;
    lang?: string;
  };
  if (!ctx.actorId) throw new Error('An export needs the user who asked for it.');
  const user = await repo.findUser(deps.db, orgId, ctx.actorId);
  if (!user || user.status !== 'active') throw new Error('The user who asked for the export is not active.');
  const actor = await actorFor(deps, user, 'session');
  const list = listOf(o.list);
  const query = parseFilters(list, o.filters ?? {});
  const org = await repo.orgLocale(deps.db, orgId);
  const lang: ExportLanguage = o.lang === 'en-US' ? 'en-US' : 'zh-CN';
  const total = await list.count(deps, actor, query);

  const file = exportPath(deps.config.dataDir, orgId, ctx.jobId, o.format);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.part`;
  const out = createWriteStream(partial);
  let written = 0;
  async function* withProgress(): AsyncGenerator<Cell[][]> {
    for await (const batch of cellBatches(
      deps,
      actor,
      list,
      query,
      { lang, timeZone: org.timeZone },
      ctx.asOf,
    )) {
      yield batch;
      written += batch.length;
      await ctx.progress(total ? Math.min(0.99, written / total) : 0.99);
    }
  }
  try {
    const header = list.columns.map((c) => c.header[lang]);
    const rows = await writeSheet(o.format, out, list.name, header, withProgress());
    if (!out.writableFinished) await new Promise<void>((resolve) => out.on('finish', () => resolve()));
    await rename(partial, file);
    await audit(deps.db, actor, 'export.complete', 'export', ctx.jobId, {
      list: list.name,
      format: o.format,
      filters: o.filters ?? {},
      rows,
    });
    return { rows };
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}

export const exportJob: JobDefinition = {
  name: 'export',
  handler: runExport,
  options: ['list', 'format', 'filters', 'lang'],
  parseOptions: (raw) => {
    const problems = [];
    if (!(EXPORT_LISTS as readonly unknown[]).includes(raw.list))
      problems.push({ path: 'list', message: `one of ${EXPORT_LISTS.join(', ')}` });
    if (!(EXPORT_FORMATS as readonly unknown[]).includes(raw.format))
      problems.push({ path: 'format', message: 'csv or xlsx' });
    if (raw.lang !== undefined && !(EXPORT_LANGUAGES as readonly unknown[]).includes(raw.lang))
      problems.push({ path: 'lang', message: 'zh-CN or en-US' });
    const filters = ExportFilters.safeParse(raw.filters ?? {});
    if (!filters.success) problems.push({ path: 'filters', message: 'an object of text values' });
    if (problems.length) throw validationFailed(problems);
    if (filters.success && typeof raw.list === 'string') parseFilters(listOf(raw.list), filters.data);
    return { list: raw.list, format: raw.format, filters: filters.data ?? {}, lang: raw.lang ?? 'zh-CN' };
  },
};
