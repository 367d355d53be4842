import { rm, stat } from 'node:fs/promises';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import { exportPath } from './service.js';
import * as repo from './repo.js';

const DAY_MS = 86_400_000;

/**
 * The scheduled job `export-cleanup`: deletes the files of the organization's background exports
 * that finished more than EXPORT_RETENTION_DAYS before `asOf`. Exported lists carry customer data
 * (masked as their creator saw it), so they are not kept longer than their download window; the
 * export rows stay (who exported what, when), their download answers 410 `expired`.
 */
async function cleanUpExports(ctx: JobContext): Promise<Record<string, unknown>> {
  const { deps, orgId } = ctx;
  const before = new Date(ctx.asOf.getTime() - deps.config.exportRetentionDays * DAY_MS);
  const due = await repo.exportsFinishedBefore(deps.db, orgId, before);
  let deleted = 0;
  for (const row of due) {
    const format = (row.options as { format?: string }).format ?? 'csv';
    const file = exportPath(deps.config.dataDir, orgId, row.id, format);
    if (
      await stat(file).then(
        () => true,
        () => false,
      )
    ) {
      await rm(file, { force: true });
      deleted++;
    }
  }
  return { deleted, retentionDays: deps.config.exportRetentionDays };
}

export const exportCleanupJob: JobDefinition = {
  name: 'export-cleanup',
  handler: cleanUpExports,
  cron: '15 4 * * *',
};
