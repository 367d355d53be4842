import { z } from 'zod';

export const Id = z.uuid();
export const IsoDateTime = z.string().describe('ISO 8601 date-time with offset');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

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
