import { z } from 'zod';

export const Id = z.uuid();
export const IsoDateTime = z.string().describe('ISO 8601 date-time with offset');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** A real calendar date, YYYY-MM-DD (2024-02-30 and 2024-13-01 are refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
    },
    { message: 'not a calendar date' },
  );

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    candidates: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          matchedOn: z.array(z.string()),
          accessible: z.boolean(),
        }),
      )
      .optional()
      .describe('for duplicate_suspected: the customers this one looks like'),
  }),
});

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const IdParams = z.object({ id: Id });

export const JobRunBody = z
  .object({
    asOf: z
      .string()
      .refine(
        (v) =>
          /^\d{4}-\d{2}-\d{2}$/.test(v) || (!Number.isNaN(Date.parse(v)) && /T.*(Z|[+-]\d\d:?\d\d)$/.test(v)),
        {
          message: 'expected an ISO 8601 date-time with offset, or a date YYYY-MM-DD (the end of that day)',
        },
      )
      .optional(),
  })
  .catchall(z.unknown());
export const JobNameParams = z.object({ name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/) });
export const JobIdParams = z.object({ jobId: z.uuid() });
export const JobAccepted = z.object({ jobId: z.uuid() });
export const JobOut = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.number().min(0).max(1),
  options: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
