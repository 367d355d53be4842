import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';

/**
 * Searches of one or two characters go through the index of short substrings (migration 0012)
 * and must answer exactly what `name ilike '%q%'` would, within the caller's scope.
 */
let t: TestApp;
let org: TestOrg;
let director: Client;
let m1: Client;

const NAMES = [
  '华东精密制造',
  '华南物流',
  '张伟',
  'Li Wei Trading',
  'Olivia Chen',
  'Beijing Zhang',
  '100% 纯棉_布业',
];

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db, 'Short Search Org');
  const other = await createTestOrg(t.deps.db, 'Other Short Org');
  const { m1: u1, m2: u2 } = org.users;
  for (const [i, name] of NAMES.entries()) {
    const owner = i === 0 ? u2 : u1; // 华东精密制造 belongs to m2
    await insertCustomer(t.deps.db, org.orgId, { id: owner.id, teamId: owner.teamId }, { name });
  }
  await insertCustomer(t.deps.db, other.orgId, null, { name: '华东贸易' });
  director = await login(t.app, org.users.director.email);
  m1 = await login(t.app, u1.email);
});
afterAll(() => t.close());

async function search(client: Client, q: string) {
  const res = await client.get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=100`);
  expect(res.statusCode).toBe(200);
  const count = await client.get(`/api/v1/customers/count?q=${encodeURIComponent(q)}`);
  const names = (res.json() as { data: { name: string }[] }).data.map((c) => c.name).sort();
  expect((count.json() as { count: number }).count).toBe(names.length);
  return names;
}

/** What a plain case-insensitive substring match over the names would answer. */
const expected = (q: string, names = NAMES) =>
  names.filter((n) => n.toLowerCase().includes(q.trim().toLowerCase())).sort();

describe('one- and two-character search', () => {
  it('finds names containing a two-character term, in this organization only', async () => {
    expect(await search(director, '华东')).toEqual(['华东精密制造']);
    expect(await search(director, '物流')).toEqual(['华南物流']);
  });

  it('matches a single character, case-insensitively, like a substring match', async () => {
    for (const q of ['张', '华', 'z', 'LI', 'li', ' 伟 ', 'i ', '%', '_'])
      expect(await search(director, q)).toEqual(expected(q));
    expect(expected('LI')).toEqual(['Li Wei Trading', 'Olivia Chen']); // the oracle itself is sane
    expect(expected('%')).toEqual(['100% 纯棉_布业']);
  });

  it('keeps the caller’s scope: a manager does not find another manager’s customer', async () => {
    expect(await search(m1, '华东')).toEqual([]);
    expect(await search(m1, '华')).toEqual(['华南物流']);
  });

  it('still finds longer terms through the trigram index', async () => {
    expect(await search(director, '华东精')).toEqual(['华东精密制造']);
    expect(await search(director, 'wei tr')).toEqual(['Li Wei Trading']);
  });
});
