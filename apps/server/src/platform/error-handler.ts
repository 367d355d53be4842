import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

const toPath = (instancePath: string | undefined, missing?: unknown): string => {
  const base = (instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean).join('.');
  return typeof missing === 'string' && missing ? (base ? `${base}.${missing}` : missing) : base || '(root)';
};

/** invalid_text_representation, invalid_datetime_format, datetime_field_overflow, numeric_value_out_of_range. */
const BAD_INPUT_SQLSTATES = new Set(['22P02', '22007', '22008', '22003']);
const sqlState = (err: unknown): string => {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 3;
    e = e.cause as typeof e, i++
  )
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return '';
};

/** Maps every error to the `{error:{code,message,details}}` body of API.md; bad input never becomes a 5xx. */
export function registerErrorHandler(app: FastifyInstance, opts: { spaFallback: boolean }) {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status === 429) void reply.header('retry-after', '60');
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.details ? { details: err.details } : {}),
          ...err.extra,
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext;
      const all = err.validation.map((v) => ({
        path: toPath(v.instancePath, (v.params as { missingProperty?: unknown }).missingProperty),
        message: v.message ?? 'invalid',
      }));
      // One detail per field: the first problem found.
      const details = all.filter((d, i) => all.findIndex((x) => x.path === d.path) === i);
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: `The request ${where ?? 'input'} is not valid.`,
          details,
        },
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ issues: err.cause.issues }, 'response did not match its schema');
      return reply
        .status(500)
        .send({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
    }
    // A value PostgreSQL could not convert (a forged cursor's date, an out-of-range number) is the
    // client's input, not our failure.
    if (BAD_INPUT_SQLSTATES.has(sqlState(err)))
      return reply.status(400).send({
        error: { code: 'validation_failed', message: 'A value in the request is not valid for its field.' },
      });
    // A unique index caught what a check-then-insert let through under concurrency.
    if (sqlState(err) === '23505')
      return reply.status(409).send({
        error: { code: 'conflict', message: 'This was created at the same moment by another request.' },
      });
    const status = err.statusCode ?? 500;
    if (status === 429)
      return reply
        .status(429)
        .send({ error: { code: 'rate_limited', message: 'Too many requests; try again later.' } });
    if (status >= 400 && status < 500) {
      const code =
        status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 404
              ? 'not_found'
              : 'validation_failed';
      const message = status === 400 ? `The request is not valid: ${err.message}` : err.message;
      return reply
        .status(status === 404 || status === 413 || status === 415 ? status : 400)
        .send({ error: { code, message } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
  });

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app: every non-API GET falls back to the app shell.
    if (opts.spaFallback && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.sendFile('index.html');
    return reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` },
    });
  });
}
