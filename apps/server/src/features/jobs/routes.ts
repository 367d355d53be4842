import type { FastifyInstance } from 'fastify';
import { JobAccepted, JobIdParams, JobNameParams, JobOut, JobRunBody } from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { getJob, runJob } from './service.js';

export async function jobRoutes(fastify: FastifyInstance, { deps, queue }: { deps: Deps; queue: JobQueue }) {
  const app = typed(fastify);
  app.post(
    '/jobs/:name/run',
    {
      schema: {
        tags: ['jobs'],
        params: JobNameParams,
        body: JobRunBody.optional(),
        response: { 202: JobAccepted, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await runJob(deps, queue, requireActor(req), req.params.name, req.body ?? {})),
  );
  app.get(
    '/jobs/:jobId',
    { schema: { tags: ['jobs'], params: JobIdParams, response: { 200: JobOut, ...errorResponses } } },
    (req) => getJob(deps, requireActor(req), req.params.jobId),
  );
}
