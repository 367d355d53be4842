import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { normalizeEmail, normalizePhone } from '@steward/core';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';

/**
 * Every sort, both directions, page after page, on the plain list and on a phone search (the fenced
 * subquery path), for an organization-wide caller, a manager and the pool: the ids, their order
 * and the owner's name must be what the test computes from the rows it inserted.
 */
let t: TestApp;
let org: TestOrg;
let director: Client;
let m1: Client;
type Inserted = Awaited<ReturnType<typeof insertCustomer>>;
const rows: Inserted[] = [];
const base = Date.UTC(2026, 5, 1, 9, 0, 0);

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db, 'List Order Org');
  const other = await createTestOrg(t.deps.db, 'Other List Order Org');
  const { m1: u1, m2: u2 } = org.users;
  const suffixes = [17, 3, 42, 8, 25, 11, 39, 5, 30, 21, 14, 33, 2, 27];
  for (const [i, n] of suffixes.entries()) {
    const owner = i % 3 === 0 ? u1 : i % 3 === 1 ? u2 : null;
    // Every other customer's phone holds 5678; the rest none.
    const phone = i % 2 === 0 ? `1395678${String(100 + i)}` : `1380000${String(100 + i)}`;
    const email = `c${n}@example.test`;
    rows.push(
      await insertCustomer(t.deps.db, org.orgId, owner ? { id: owner.id, teamId: owner.teamId } : null, {
        name: `Acme${String(n).padStart(2, '0')}`,
        email,
        emailNorm: normalizeEmail(email),
        phone,
        phoneNorm: normalizePhone(phone),
        createdAt: new Date(base + (i % 5) * 60_000), // ties: the id breaks them
        updatedAt: new Date(base - i * 3_600_000),
      }),
    );
  }
  // Never listed: a deleted customer, and another organization's.
  await insertCustomer(
    t.deps.db,
    org.orgId,
    { id: u1.id, teamId: u1.teamId },
    {
      name: 'Acme99',
      phone: '13956780999',
      phoneNorm: '13956780999',
      deletedAt: new Date(base),
    },
  );
  await insertCustomer(t.deps.db, other.orgId, null, {
    name: 'Acme98',
    phone: '13956780998',
    phoneNorm: '13956780998',
  });
  director = await login(t.app, org.users.director.email);
  m1 = await login(t.app, u1.email);
});
afterAll(() => t.close());

type Listed = { id: string; ownerName: string | null; phone: string | null; masked: boolean };

async function pages(client: Client, path: string): Promise<Listed[]> {
  const out: Listed[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const res = await client.get(`${path}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: Listed[]; nextCursor: string | null };
    out.push(...body.data);
    cursor = body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('more than 20 pages');
}

const SORTS = ['createdAt', '-createdAt', 'name', '-name', 'updatedAt', '-updatedAt'] as const;

function expected(keep: (r: Inserted) => boolean, sort: (typeof SORTS)[number]) {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as 'createdAt' | 'name' | 'updatedAt';
  const value = (r: Inserted) => (key === 'name' ? r.name : r[key].getTime());
  return rows
    .filter(keep)
    .sort((a, b) => {
      const c = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return desc ? -c : c;
    })
    .map((r) => r.id);
}

const hasPhone = (r: Inserted) => r.phone!.includes('5678');

describe('customer list order and pages', () => {
  it('lists, sorted every way, page after page', async () => {
    const { m1: u1 } = org.users;
    for (const sort of SORTS)
      for (const search of [false, true]) {
        const q = search ? '&q=5678' : '';
        const all = await pages(director, `/api/v1/customers?sort=${sort}${q}`);
        expect(all.map((r) => r.id)).toEqual(expected((r) => !search || hasPhone(r), sort));
        const own = await pages(m1, `/api/v1/customers?sort=${sort}${q}`);
        expect(own.map((r) => r.id)).toEqual(
          expected((r) => r.ownerId === u1.id && (!search || hasPhone(r)), sort),
        );
        expect(new Set(own.map((r) => r.ownerName))).toEqual(new Set([u1.name]));
        const pool = await pages(m1, `/api/v1/pool?sort=${sort}${q}`);
        expect(pool.map((r) => r.id)).toEqual(
          expected((r) => r.ownerId === null && (!search || hasPhone(r)), sort),
        );
      }
  });

  it('names each owner and masks the pool below team lead', async () => {
    const names = new Map(Object.values(org.users).map((u) => [u.id, u.name]));
    const all = await pages(director, '/api/v1/customers?sort=name&q=5678');
    for (const listed of all) {
      const row = rows.find((r) => r.id === listed.id)!;
      expect(listed.ownerName).toBe(row.ownerId ? names.get(row.ownerId) : null);
    }
    const pool = await pages(m1, '/api/v1/pool?sort=name&q=5678');
    expect(pool.length).toBeGreaterThan(0);
    for (const listed of pool) {
      const row = rows.find((r) => r.id === listed.id)!;
      expect(listed.masked).toBe(true);
      expect(listed.phone).not.toBe(row.phone);
    }
  });
});
