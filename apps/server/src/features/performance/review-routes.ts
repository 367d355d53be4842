import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  IdParams,
  RankingOut,
  RankingQuery,
  RatingIn,
  RatingList,
  RatingOut,
  RatingQuery,
  ReviewAcknowledge,
  ReviewCreate,
  ReviewListQuery,
  ReviewOut,
  ReviewPage,
  ReviewUpdate,
  ScorecardOut,
  ScorecardQuery,
  ScorecardTemplateIn,
  ScorecardTemplateList,
  ScorecardTemplateOut,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { incentiveRoutes } from './incentive-routes.js';
import { rankings } from './rankings.js';
import * as ratings from './ratings.js';
import * as reviews from './reviews.js';
import * as cards from './scorecards.js';
import { trainingRoutes } from './training-routes.js';

/** Scorecards, ratings and reviews; incentives and training register their own. */
export async function reviewRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });
  const created = <T extends z.ZodType>(schema: T) => ({ 201: schema, ...errorResponses });
  const tags = ['performance'];

  app.get('/scorecard-templates', { schema: { tags, response: ok(ScorecardTemplateList) } }, (req) =>
    cards.listTemplates(deps, requireActor(req)),
  );
  app.post(
    '/scorecard-templates',
    { schema: { tags, body: ScorecardTemplateIn, response: created(ScorecardTemplateOut) } },
    async (req, reply) =>
      reply.status(201).send(await cards.createTemplate(deps, requireActor(req), req.body)),
  );
  app.get(
    '/scorecard-templates/:id',
    { schema: { tags, params: IdParams, response: ok(ScorecardTemplateOut) } },
    (req) => cards.getTemplate(deps, requireActor(req), req.params.id),
  );
  app.put(
    '/scorecard-templates/:id',
    { schema: { tags, params: IdParams, body: ScorecardTemplateIn, response: ok(ScorecardTemplateOut) } },
    (req) => cards.updateTemplate(deps, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/scorecard-templates/:id',
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await cards.deleteTemplate(deps, requireActor(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/scorecards',
    { schema: { tags, querystring: ScorecardQuery, response: ok(ScorecardOut) } },
    (req) => cards.getScorecard(deps, requireActor(req), req.query),
  );
  app.get(
    '/scorecards/rankings',
    { schema: { tags, querystring: RankingQuery, response: ok(RankingOut) } },
    (req) => rankings(deps, requireActor(req), req.query),
  );

  app.get('/ratings', { schema: { tags, querystring: RatingQuery, response: ok(RatingList) } }, (req) =>
    ratings.listRatings(deps, requireActor(req), req.query),
  );
  app.post(
    '/ratings',
    { schema: { tags, body: RatingIn, response: { 200: RatingOut, 201: RatingOut, ...errorResponses } } },
    async (req, reply) => {
      const r = await ratings.rate(deps, requireActor(req), req.body);
      return reply.status(r.created ? 201 : 200).send(r.rating);
    },
  );

  app.get('/reviews', { schema: { tags, querystring: ReviewListQuery, response: ok(ReviewPage) } }, (req) =>
    reviews.listReviews(deps, requireActor(req), req.query),
  );
  app.post(
    '/reviews',
    { schema: { tags, body: ReviewCreate, response: created(ReviewOut) } },
    async (req, reply) =>
      reply.status(201).send(await reviews.createReview(deps, requireActor(req), req.body)),
  );
  app.get('/reviews/:id', { schema: { tags, params: IdParams, response: ok(ReviewOut) } }, (req) =>
    reviews.getReview(deps, requireActor(req), req.params.id),
  );
  app.patch(
    '/reviews/:id',
    { schema: { tags, params: IdParams, body: ReviewUpdate, response: ok(ReviewOut) } },
    (req) => reviews.updateReview(deps, requireActor(req), req.params.id, req.body),
  );
  app.post('/reviews/:id/sign', { schema: { tags, params: IdParams, response: ok(ReviewOut) } }, (req) =>
    reviews.signReview(deps, requireActor(req), req.params.id),
  );
  app.post(
    '/reviews/:id/acknowledge',
    { schema: { tags, params: IdParams, body: ReviewAcknowledge, response: ok(ReviewOut) } },
    (req) => reviews.acknowledgeReview(deps, requireActor(req), req.params.id, req.body.comment),
  );

  await incentiveRoutes(fastify, deps);
  await trainingRoutes(fastify, deps);
}
