import type { FastifyInstance } from 'fastify';
import {
  IdParams,
  ProductCategories,
  ProductCreate,
  ProductList,
  ProductListQuery,
  ProductOut,
  ProductUpdate,
} from '@steward/contracts';
import type { Deps } from '../../platform/deps.js';
import { requireActor } from '../../platform/auth-plugin.js';
import { errorResponses, typed } from '../../platform/http.js';
import * as service from './service.js';

const tags = ['products'];

export async function productRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = typed(fastify);
  app.get(
    '/products',
    { schema: { tags, querystring: ProductListQuery, response: { 200: ProductList, ...errorResponses } } },
    (req) => service.listProducts(deps, requireActor(req), req.query),
  );
  app.get(
    '/products/categories',
    { schema: { tags, response: { 200: ProductCategories, ...errorResponses } } },
    (req) => service.listCategories(deps, requireActor(req)),
  );
  app.get(
    '/products/:id',
    { schema: { tags, params: IdParams, response: { 200: ProductOut, ...errorResponses } } },
    (req) => service.getProduct(deps, requireActor(req), req.params.id),
  );
  app.post(
    '/products',
    { schema: { tags, body: ProductCreate, response: { 201: ProductOut, ...errorResponses } } },
    async (req, reply) =>
      reply.status(201).send(await service.createProduct(deps, requireActor(req), req.body)),
  );
  app.patch(
    '/products/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: ProductUpdate,
        response: { 200: ProductOut, ...errorResponses },
      },
    },
    (req) => service.updateProduct(deps, requireActor(req), req.params.id, req.body),
  );
}
