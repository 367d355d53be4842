import type { FastifyInstance } from 'fastify';
import {
  AssignBody,
  AssignmentHistoryPage,
  CustomerIdParams,
  CustomerListQuery,
  CustomerOut,
  CustomerPage,
  IdParams,
  PoolLimitsOut,
  PoolPolicyBody,
  PoolPolicyList,
  PoolPolicyOut,
  ReleaseBody,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { listPool } from '../customers/service.js';
import * as service from './service.js';
import * as policies from './policies.js';

const tags = ['assignment'];

export async function assignmentRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  app.post(
    '/customers/:id/assign',
    {
      schema: { tags, params: IdParams, body: AssignBody, response: { 200: CustomerOut, ...errorResponses } },
    },
    (req) => service.assign(deps, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/customers/:id/release',
    {
      schema: {
        tags,
        params: IdParams,
        body: ReleaseBody,
        response: { 200: CustomerOut, ...errorResponses },
      },
    },
    (req) => service.release(deps, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/customers/:id/assignments',
    { schema: { tags, params: IdParams, response: { 200: AssignmentHistoryPage, ...errorResponses } } },
    (req) => service.assignmentHistory(deps, requireActor(req), req.params.id),
  );
  app.get(
    '/pool',
    { schema: { tags, querystring: CustomerListQuery, response: { 200: CustomerPage, ...errorResponses } } },
    (req) => listPool(deps, requireActor(req), req.query),
  );
  app.get('/pool/limits', { schema: { tags, response: { 200: PoolLimitsOut, ...errorResponses } } }, (req) =>
    service.poolLimits(deps, requireActor(req)),
  );
  app.get(
    '/pool/policies',
    { schema: { tags, response: { 200: PoolPolicyList, ...errorResponses } } },
    (req) => policies.listPolicies(deps, requireActor(req)),
  );
  app.put(
    '/pool/policies',
    { schema: { tags, body: PoolPolicyBody, response: { 200: PoolPolicyOut, ...errorResponses } } },
    (req) => policies.setPolicy(deps, requireActor(req), req.body),
  );
  app.post(
    '/pool/:customerId/claim',
    { schema: { tags, params: CustomerIdParams, response: { 200: CustomerOut, ...errorResponses } } },
    (req) => service.claim(deps, requireActor(req), req.params.customerId),
  );
}
