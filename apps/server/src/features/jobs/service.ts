import { and, eq } from 'drizzle-orm';
import { endOfLocalDay } from '@steward/core';
import { jobs, organizations } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs/queue.js';

const RUNNERS = new Set(['admin', 'director']);

/** Queues a job for the actor's organization; `asOf` given as a date means the end of that day there. */
export async function runJob(
  deps: Deps,
  queue: JobQueue,
  actor: Actor,
  name: string,
  body: Record<string, unknown>,
) {
  if (!RUNNERS.has(actor.role)) throw forbidden('Only administrators and directors run jobs.');
  const def = queue.definitions.get(name);
  if (!def) throw notFound(`Job "${name}"`);
  const allowed = new Set(['asOf', ...(def.options ?? [])]);
  const unknown = Object.keys(body).filter((k) => !allowed.has(k));
  if (unknown.length)
    throw validationFailed(unknown.map((k) => ({ path: k, message: `not an option of ${name}` })));
  const options = def.parseOptions ? def.parseOptions(body) : { ...body };
  if (typeof body.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.asOf)) {
    const [org] = await deps.db
      .select({ tz: organizations.timeZone })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId));
    options.asOf = endOfLocalDay(body.asOf, org?.tz ?? 'Asia/Shanghai').toISOString();
  } else if (typeof body.asOf === 'string') options.asOf = new Date(body.asOf).toISOString();
  const jobId = await queue.enqueue(actor.orgId, actor.userId, name, options);
  await audit(deps.db, actor, 'job.run', 'job', jobId, { name, options });
  return { jobId };
}

export async function getJob(deps: Deps, actor: Actor, jobId: string) {
  if (!RUNNERS.has(actor.role)) throw forbidden('Only administrators and directors read jobs.');
  const [row] = await deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.orgId, actor.orgId), eq(jobs.id, jobId)));
  if (!row) throw notFound('Job');
  return {
    id: row.id,
    name: row.name,
    status: row.status as 'queued',
    progress: row.progress,
    options: row.options,
    ...(row.result ? { result: row.result } : {}),
    ...(row.error ? { error: row.error } : {}),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
