import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CustomerPage } from '@steward/contracts';
import { createResponseSerializerCompiler } from './response-serializer.js';

const compile = (schema: z.ZodType, verify: boolean) =>
  createResponseSerializerCompiler({ verify })({
    schema,
    method: 'GET',
    url: '/x',
    httpStatus: '200',
  } as never);

const customer = {
  id: '0b7e4c1a-5a47-4c1e-9a55-3b8f1f0e2c11',
  name: '华东精密制造有限公司',
  type: 'company',
  industry: '制造业',
  size: null,
  region: '上海',
  address: null,
  source: 'referral',
  tier: 'A',
  stage: 'active',
  ownerId: null,
  ownerName: null,
  teamId: null,
  protected: false,
  tags: ['重点', 'vip "quoted"'],
  phone: '138****5678',
  email: null,
  idNumber: null,
  externalId: null,
  customFields: { budget: 120000, nested: { a: [1, 'x'] } },
  needs: { productInterests: ['数控机床'], preferredChannel: 'wechat' },
  completeness: 72,
  lastContactedAt: '2026-11-02T08:00:00.000Z',
  nextVisitDueAt: null,
  masked: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('compiled response serializer', () => {
  it('writes what the Zod contract writes for a customer page', () => {
    const page = {
      data: [
        customer,
        {
          ...customer,
          id: '1b7e4c1a-5a47-4c1e-9a55-3b8f1f0e2c11',
          ownerId: '2b7e4c1a-5a47-4c1e-9a55-3b8f1f0e2c11',
          ownerName: '王芳',
          tier: null,
          email: 'a@b.cn',
        },
      ],
      nextCursor: 'abc',
    };
    const zodJson = JSON.stringify(CustomerPage.encode(CustomerPage.parse(page) as never));
    for (const verify of [true, false]) {
      const out = compile(CustomerPage, verify)(page);
      expect(JSON.parse(out)).toEqual(JSON.parse(zodJson));
    }
  });

  it('never sends a property the contract does not declare', () => {
    const schema = z.object({ id: z.string(), name: z.string() });
    for (const verify of [true, false]) {
      const out = compile(schema, verify)({ id: 'u1', name: 'Li', passwordHash: '$argon2id$secret' });
      expect(JSON.parse(out)).toEqual({ id: 'u1', name: 'Li' });
      expect(out).not.toContain('argon2');
    }
  });

  it('writes a nullable object given with extra keys (only the declared ones)', () => {
    const schema = z.object({
      override: z
        .object({ cadenceDays: z.number(), channel: z.enum(['visit', 'phone']).nullable() })
        .nullable(),
    });
    const row = { override: { cadenceDays: 30, channel: null, orgId: 'o1', customerId: 'c1' } };
    for (const verify of [true, false]) {
      expect(JSON.parse(compile(schema, verify)(row))).toEqual({
        override: { cadenceDays: 30, channel: null },
      });
      expect(JSON.parse(compile(schema, verify)({ override: null }))).toEqual({ override: null });
    }
  });

  it('in verify mode refuses a response that breaks its contract', () => {
    const schema = z.object({ id: z.string(), score: z.number().nullable() });
    expect(() => compile(schema, true)({ id: 'u1', score: 'high' })).toThrow();
    expect(() => compile(schema, true)({ score: 1 })).toThrow();
    expect(JSON.parse(compile(schema, true)({ id: 'u1', score: null }))).toEqual({ id: 'u1', score: null });
  });

  it('keeps unions, optional fields and free-form records intact', () => {
    const schema = z.object({
      kind: z.union([
        z.object({ type: z.literal('a'), n: z.number() }),
        z.object({ type: z.literal('b'), s: z.string() }),
      ]),
      note: z.string().optional(),
      extra: z.record(z.string(), z.unknown()),
    });
    const value = { kind: { type: 'b', s: '好' }, extra: { x: [1, { y: null }] } };
    expect(JSON.parse(compile(schema, false)(value))).toEqual(value);
  });
});
