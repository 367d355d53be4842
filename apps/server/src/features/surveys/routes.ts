import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ErrorBody,
  IdParams,
  PublicSurveyAnswer,
  PublicSurveyAnswered,
  PublicSurveyOut,
  SurveyAnalyticsOut,
  SurveyAnalyticsQuery,
  SurveySendBody,
  SurveySendListQuery,
  SurveySendPage,
  SurveySendResult,
  SurveyTemplateCreate,
  SurveyTemplateListQuery,
  SurveyTemplateOut,
  SurveyTemplatePage,
  SurveyTemplateUpdate,
  SurveyTokenParams,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import { surveyAnalytics } from './analytics.js';
import { answerPublicSurvey, getPublicSurvey } from './public.js';
import { listSends, sendSurveys } from './sends.js';
import * as templates from './templates.js';

const tags = ['surveys'];
/** Requests per minute and address on the public, unauthenticated survey endpoints. */
export const PUBLIC_SURVEY_RATE_LIMIT = 60;

/** Where the web app is reached, as the request saw it (behind a proxy: its forwarded host). */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export async function surveyRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);

  app.get(
    '/survey-templates',
    {
      schema: {
        tags,
        querystring: SurveyTemplateListQuery,
        response: { 200: SurveyTemplatePage, ...errorResponses },
      },
    },
    (req) => templates.listTemplates(deps, requireActor(req), req.query),
  );
  app.post(
    '/survey-templates',
    { schema: { tags, body: SurveyTemplateCreate, response: { 201: SurveyTemplateOut, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await templates.createTemplate(deps, requireActor(req), req.body)),
  );
  app.get(
    '/survey-templates/:id',
    { schema: { tags, params: IdParams, response: { 200: SurveyTemplateOut, ...errorResponses } } },
    (req) => templates.getTemplate(deps, requireActor(req), req.params.id),
  );
  app.patch(
    '/survey-templates/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: SurveyTemplateUpdate,
        response: { 200: SurveyTemplateOut, ...errorResponses },
      },
    },
    (req) => templates.updateTemplate(deps, requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/surveys/send',
    { schema: { tags, body: SurveySendBody, response: { 201: SurveySendResult, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await sendSurveys(deps, requireActor(req), req.body, originOf(req))),
  );
  app.get(
    '/surveys/sends',
    {
      schema: {
        tags,
        querystring: SurveySendListQuery,
        response: { 200: SurveySendPage, ...errorResponses },
      },
    },
    (req) => listSends(deps, requireActor(req), req.query, originOf(req)),
  );
  app.get(
    '/analytics/surveys',
    {
      schema: {
        tags,
        querystring: SurveyAnalyticsQuery,
        response: { 200: SurveyAnalyticsOut, ...errorResponses },
      },
    },
    (req) => surveyAnalytics(deps, requireActor(req), req.query),
  );

  // The customer's side: no sign-in and no CSRF token — the unguessable token is the credential.
  const publicLimit = { max: PUBLIC_SURVEY_RATE_LIMIT, timeWindow: '1 minute' };
  const publicErrors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody, 429: ErrorBody };
  app.get(
    '/public/surveys/:token',
    {
      schema: { tags, params: SurveyTokenParams, response: { 200: PublicSurveyOut, ...publicErrors } },
      config: { rateLimit: publicLimit },
    },
    (req) => getPublicSurvey(deps, req.params.token),
  );
  app.post(
    '/public/surveys/:token',
    {
      schema: {
        tags,
        params: SurveyTokenParams,
        body: PublicSurveyAnswer,
        response: { 201: PublicSurveyAnswered, ...publicErrors },
      },
      config: { rateLimit: publicLimit },
    },
    async (req, reply) => reply.status(201).send(await answerPublicSurvey(deps, req.params.token, req.body)),
  );
}
