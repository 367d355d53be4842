import type { FastifyInstance } from 'fastify';
import { AuditListQuery, AuditPage } from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { listAuditLog } from './service.js';

export async function complianceRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  typed(fastify).get(
    '/audit-log',
    {
      schema: {
        tags: ['compliance'],
        querystring: AuditListQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    (req) => listAuditLog(deps, requireActor(req), req.query),
  );
}
