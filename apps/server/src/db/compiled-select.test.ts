import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../test/factories.js';
import { customers, users } from './schema/index.js';
import { compiledSelection, compiledText, runSelection } from './compiled-select.js';
import * as repo from '../features/customers/repo.js';

/**
 * The compiled read must answer exactly what Drizzle's own query builder answers for the same
 * statement: every column decoded the same way (dates, jsonb, arrays, nulls), in and out of a
 * transaction (the suite runs on PGlite and on PostgreSQL).
 */
let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db, 'Compiled Select Org');
  const { m1, m2 } = org.users;
  for (let i = 0; i < 12; i++) {
    const owner = i % 3 === 0 ? null : i % 3 === 1 ? m1 : m2;
    await insertCustomer(t.deps.db, org.orgId, owner ? { id: owner.id, teamId: owner.teamId } : null, {
      tags: i % 2 ? ['vip', `t${i}`] : [],
      customFields: i % 2 ? { score: i, note: `备注 ${i}` } : {},
      needs: i % 4 ? { productInterests: ['A', `产品${i}`], notes: `需要 "quotes" \\ ${i}` } : {},
      lastContactedAt: i % 2 ? new Date(Date.UTC(2026, 0, i + 1, 8, 30, 15, 123)) : null,
      phone: i % 5 ? `1380000${String(1000 + i)}` : null,
    });
  }
});
afterAll(() => t.close());

const all = getTableColumns(customers);
const { deletedAt: _d, mergedIntoId: _m, ...fields } = all;
const where = () => and(eq(customers.orgId, org.orgId), isNull(customers.deletedAt))!;

describe('compiled select', () => {
  it('maps every column as Drizzle does', async () => {
    const sel = compiledSelection({ ...fields, ownerName: users.name });
    const from = compiledText(
      sql`from ${customers} left join ${users} on ${and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerId))}`,
    );
    const compiled = await runSelection(
      t.deps.db,
      sql`select ${sel.list} ${from} where ${where()} order by ${desc(customers.createdAt)}, ${desc(customers.id)}`,
      sel,
    );
    const built = await t.deps.db
      .select({ ...fields, ownerName: users.name })
      .from(customers)
      .leftJoin(users, and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerId)))
      .where(where())
      .orderBy(desc(customers.createdAt), desc(customers.id));
    expect(compiled).toHaveLength(12);
    expect(compiled).toEqual(built);
    expect(compiled.some((r) => r.lastContactedAt instanceof Date)).toBe(true);
    expect(compiled.some((r) => r.ownerName === null)).toBe(true);
    expect(compiled.find((r) => r.tags.length)?.tags).toContain('vip');
  });

  it('reads the same inside a transaction, which sees its own writes', async () => {
    const sel = compiledSelection({ id: customers.id, name: customers.name });
    await t.deps.db
      .transaction(async (tx) => {
        await tx.update(customers).set({ name: '事务内的名字' }).where(where());
        const rows = await runSelection(
          tx,
          sql`select ${sel.list} from ${customers} where ${where()} order by ${asc(customers.id)}`,
          sel,
        );
        expect(rows).toHaveLength(12);
        expect(rows.map((r) => r.name)).toEqual(rows.map(() => '事务内的名字'));
        tx.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Error) || !/rollback/i.test(e.message)) throw e;
      });
    const after = await runSelection(
      t.deps.db,
      sql`select ${sel.list} from ${customers} where ${where()}`,
      sel,
    );
    expect(after).toHaveLength(12);
    expect(after.every((r) => r.name !== '事务内的名字')).toBe(true);
  });

  it('refuses fixed SQL that binds a parameter', () => {
    expect(() => compiledText(sql`from ${customers} where ${eq(customers.orgId, org.orgId)}`)).toThrow(
      /binds 1 parameter/,
    );
  });

  it('the customer list answers what the builder answers, searched or not', async () => {
    const scope = [where()];
    for (const search of [undefined, { key: 'createdAt' as const, descending: true }]) {
      const rows = await repo.listCustomers(
        t.deps.db,
        scope,
        [desc(customers.createdAt), desc(customers.id)],
        5,
        { search },
      );
      const listed = Object.fromEntries(repo.LIST_COLUMNS.map((k) => [k, all[k]]));
      expect(Object.keys(rows[0]!).sort()).toEqual([...repo.LIST_COLUMNS, 'ownerName'].sort());
      const built = await t.deps.db
        .select({ ...listed, ownerName: users.name })
        .from(customers)
        .leftJoin(users, and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerId)))
        .where(where())
        .orderBy(desc(customers.createdAt), desc(customers.id))
        .limit(5);
      expect(rows).toEqual(built);
    }
  });
});
