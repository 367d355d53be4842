import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AuditListQuery,
  ComplaintListQuery,
  CustomerListQuery,
  OrderListQuery,
  EXPORT_FORMATS,
  ExportAccepted,
  ExportCreate,
  ExportIdParams,
  ExportList,
  ExportOptionsQuery,
  ExportOut,
  TaskListQuery,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';

const tags = ['exports'];
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const QUERIES = {
  customers: CustomerListQuery,
  pool: CustomerListQuery,
  tasks: TaskListQuery,
  complaints: ComplaintListQuery,
  orders: OrderListQuery,
  audit: AuditListQuery,
} as const;
const PRODUCES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The query string as sent: the list's filters (re-read by the export's own checks) and its options. */
function rawQuery(req: FastifyRequest) {
  const params = new URL(req.url, 'http://localhost').searchParams;
  const filters: Record<string, string> = {};
  for (const [k, v] of params) if (k !== 'lang' && k !== 'async') filters[k] = v;
  return { filters, lang: params.get('lang') ?? undefined, async: params.get('async') === 'true' };
}

const acceptLanguage = (req: FastifyRequest) => {
  const h = req.headers['accept-language'];
  return Array.isArray(h) ? h[0] : h;
};

export async function exportRoutes(
  fastify: FastifyInstance,
  { deps, queue }: { deps: Deps; queue: JobQueue },
) {
  const app = typed(fastify);

  for (const [list, query] of Object.entries(QUERIES))
    for (const format of EXPORT_FORMATS)
      app.get(
        `/exports/${list}.${format}`,
        {
          schema: {
            tags,
            description:
              `The ${list} list with the filters of its list endpoint, streamed as ${format}. Above ` +
              '50,000 rows, or with async=true, answers 202 {exportId, jobId} and runs the `export` job.',
            querystring: query.extend(ExportOptionsQuery.shape),
            produces: [PRODUCES[format]],
            response: { 202: ExportAccepted, ...errorResponses },
          },
        },
        async (req, reply: FastifyReply) => {
          const raw = rawQuery(req);
          const result = await service.exportNow(deps, queue, requireActor(req), {
            list,
            format,
            filters: raw.filters,
            lang: raw.lang,
            async: raw.async,
            acceptLanguage: acceptLanguage(req),
          });
          if (result.kind === 'job')
            return reply.status(202).send({ exportId: result.exportId, jobId: result.jobId });
          return reply
            .type(result.contentType)
            .header('content-disposition', attachment(result.fileName))
            .header('cache-control', 'no-store')
            .send(result.stream);
        },
      );

  app.post(
    '/exports',
    { schema: { tags, body: ExportCreate, response: { 202: ExportAccepted, ...errorResponses } } },
    async (req, reply) =>
      reply
        .status(202)
        .send(await service.startExport(deps, queue, requireActor(req), req.body, acceptLanguage(req))),
  );
  app.get('/exports', { schema: { tags, response: { 200: ExportList, ...errorResponses } } }, (req) =>
    service.listExports(deps, requireActor(req)),
  );
  app.get(
    '/exports/:exportId',
    { schema: { tags, params: ExportIdParams, response: { 200: ExportOut, ...errorResponses } } },
    (req) => service.getExport(deps, requireActor(req), req.params.exportId),
  );
  app.get(
    '/exports/:exportId/download',
    { schema: { tags, params: ExportIdParams, produces: Object.values(PRODUCES) } },
    async (req, reply) => {
      const file = await service.downloadExport(deps, requireActor(req), req.params.exportId);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('content-length', file.size)
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );
}
