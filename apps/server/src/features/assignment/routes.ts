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
  ApplyRulesBody,
  ApplyRulesOut,
  DryRunBody,
  DryRunOut,
  RuleBody,
  RuleList,
  RuleOut,
  RulePatch,
  RebalanceApplied,
  RebalanceApplyBody,
  RebalanceBody,
  RebalanceProposal,
  ProtectBody,
} from '@steward/contracts';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { listPool } from '../customers/service.js';
import * as service from './service.js';
import * as policies from './policies.js';
import * as rules from './rules.js';
import * as rebalance from './rebalance.js';
import { setProtected } from './protect.js';

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

  app.get('/assignment-rules', { schema: { tags, response: { 200: RuleList, ...errorResponses } } }, (req) =>
    rules.listRules(deps, requireActor(req)),
  );
  app.post(
    '/assignment-rules',
    { schema: { tags, body: RuleBody, response: { 201: RuleOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await rules.createRule(deps, requireActor(req), req.body)),
  );
  app.patch(
    '/assignment-rules/:id',
    { schema: { tags, params: IdParams, body: RulePatch, response: { 200: RuleOut, ...errorResponses } } },
    (req) => rules.updateRule(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/assignment-rules/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await rules.deleteRule(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/assignment-rules/dry-run',
    { schema: { tags, body: DryRunBody, response: { 200: DryRunOut, ...errorResponses } } },
    (req) => rules.dryRun(deps, requireActor(req), req.body),
  );
  app.post(
    '/assignment-rules/apply',
    { schema: { tags, body: ApplyRulesBody, response: { 200: ApplyRulesOut, ...errorResponses } } },
    (req) => rules.applyRules(deps, requireActor(req), req.body),
  );
  app.post(
    '/rebalancing/proposals',
    { schema: { tags, body: RebalanceBody, response: { 200: RebalanceProposal, ...errorResponses } } },
    (req) => rebalance.propose(deps, requireActor(req), req.body),
  );
  app.post(
    '/rebalancing/apply',
    { schema: { tags, body: RebalanceApplyBody, response: { 200: RebalanceApplied, ...errorResponses } } },
    (req) => rebalance.apply(deps, requireActor(req), req.body),
  );
  app.put(
    '/customers/:id/protected',
    {
      schema: {
        tags,
        params: IdParams,
        body: ProtectBody,
        response: { 200: CustomerOut, ...errorResponses },
      },
    },
    (req) => setProtected(deps, requireActor(req), req.params.id, req.body.protected),
  );
}
