import { PgBoss, fromPglite } from 'pg-boss';
import { and, eq } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.js';
import { jobs, organizations } from '../../db/schema/index.js';
import type { Deps } from '../deps.js';
import { newId } from '../ids.js';
import { AppError } from '../errors.js';
import type { JobDefinition } from './types.js';

type Payload = { orgId: string; jobId: string };

/**
 * The job queue: pg-boss on the same database (PostgreSQL, or PGlite in the embedded mode), so
 * that several server processes share the work. The `jobs` table holds what the API reports.
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  readonly definitions = new Map<string, JobDefinition>();

  constructor(
    private readonly deps: Deps,
    private readonly database: Pick<Database, 'queue'>,
    definitions: JobDefinition[],
  ) {
    for (const d of definitions) this.definitions.set(d.name, d);
  }

  async start(opts: { schedules?: boolean } = {}) {
    const q = this.database.queue;
    const boss =
      'url' in q
        ? new PgBoss({ connectionString: q.url, schema: 'pgboss', max: 4 })
        : new PgBoss({ db: fromPglite(q.pglite), schema: 'pgboss', backend: 'pglite' });
    boss.on('error', (err) => console.error('job queue error', err));
    await boss.start();
    for (const def of this.definitions.values()) {
      await boss.createQueue(def.name);
      await boss.work<Payload>(def.name, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (job) await this.execute(def, job.data);
      });
      if (opts.schedules && def.cron) await boss.schedule(def.name, def.cron, { scheduled: true });
    }
    this.boss = boss;
  }

  async stop() {
    await this.boss?.stop({ graceful: true, timeout: 5000 });
    this.boss = null;
  }

  /**
   * Records the job and queues it; answers its id at once. `alongside` runs in the transaction that
   * records the job (the caller's audit row, a link to the job), so both exist or neither does.
   */
  async enqueue(
    orgId: string,
    actorId: string | null,
    name: string,
    options: Record<string, unknown>,
    alongside?: (tx: Db, jobId: string) => Promise<void>,
  ): Promise<string> {
    const boss = this.boss;
    if (!boss) throw new AppError(503, 'jobs_unavailable', 'Background jobs are not running on this server.');
    const jobId = newId();
    await this.deps.db.transaction(async (tx) => {
      await tx.insert(jobs).values({
        orgId,
        id: jobId,
        name,
        status: 'queued',
        options,
        createdBy: actorId,
        createdAt: this.deps.now(),
      });
      if (alongside) await alongside(tx, jobId);
    });
    await boss.send(name, { orgId, jobId } satisfies Payload);
    return jobId;
  }

  private async execute(def: JobDefinition, payload: Payload & { scheduled?: boolean }) {
    if ((payload as { scheduled?: boolean }).scheduled) return this.runScheduled(def);
    const { orgId, jobId } = payload;
    const where = and(eq(jobs.orgId, orgId), eq(jobs.id, jobId));
    const [row] = await this.deps.db.select().from(jobs).where(where);
    if (!row || row.status !== 'queued') return;
    await this.deps.db.update(jobs).set({ status: 'running', startedAt: this.deps.now() }).where(where);
    try {
      const asOf = typeof row.options.asOf === 'string' ? new Date(row.options.asOf) : this.deps.now();
      const result = await def.handler({
        deps: this.deps,
        orgId,
        jobId,
        actorId: row.createdBy,
        asOf,
        options: row.options,
        progress: async (p) => {
          await this.deps.db
            .update(jobs)
            .set({ progress: Math.max(0, Math.min(1, p)) })
            .where(where);
        },
      });
      await this.deps.db
        .update(jobs)
        .set({ status: 'succeeded', progress: 1, result, finishedAt: this.deps.now() })
        .where(where);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.deps.db
        .update(jobs)
        .set({ status: 'failed', error: message, finishedAt: this.deps.now() })
        .where(where);
    }
  }

  /** A scheduled run: one job per organization. */
  private async runScheduled(def: JobDefinition) {
    const orgs = await this.deps.db.select({ id: organizations.id }).from(organizations);
    for (const o of orgs) await this.enqueue(o.id, null, def.name, {});
  }
}
