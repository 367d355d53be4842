/**
 * Test support: a hand-made record for April 2026 in Asia/Shanghai (UTC+8), inserted row by row so
 * every KPI can be worked out by hand in kpis.test.ts. Instants are UTC; comments give local times.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  assignmentHistory,
  bookValueSnapshots,
  complaints,
  customers,
  orders,
  surveySends,
  surveyTemplates,
  tasks,
} from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import type { Client } from '../../../test/build-test-app.js';
import type { TestOrg } from '../../../test/factories.js';
import { insertCustomer } from '../../../test/factories.js';

const d = (iso: string) => new Date(iso);

/** `GET /kpis` of a subject over a period (`from=…&to=…`) as `client`: {kpi: value}; throws unless 200. */
export async function kpiValues(client: Client, subject: string, period: string) {
  const res = await client.get(`/api/v1/kpis?subject=${subject}&${period}`);
  if (res.statusCode !== 200)
    throw new Error(`GET /kpis ${subject} ${period}: ${res.statusCode} ${res.body}`);
  const body = res.json() as { data: { kpi: string; value: number | null }[] };
  return Object.fromEntries(body.data.map((k) => [k.kpi, k.value])) as Record<string, number | null>;
}

export async function seedKpiScenario(db: Db, org: TestOrg) {
  const { m1, m2, m3, m4 } = org.users;
  const orgId = org.orgId;
  const own = (u: { id: string; teamId: string | null }) => ({ id: u.id, teamId: u.teamId });
  const customer = async (
    owner: { id: string; teamId: string | null } | null,
    createdAt: string,
    completeness: number,
    history?: 'create',
  ) => {
    const c = await insertCustomer(db, orgId, owner, { createdAt: d(createdAt) });
    await db.update(customers).set({ completeness }).where(eq(customers.id, c.id));
    if (history && owner)
      await db.insert(assignmentHistory).values({
        orgId,
        id: newId(),
        customerId: c.id,
        kind: 'create',
        toUserId: owner.id,
        at: d(createdAt),
      });
    return c.id;
  };
  const C1 = await customer(own(m2), '2025-01-01T00:00:00Z', 90); // created with m1, moved to m2 mid-April
  await db.insert(assignmentHistory).values([
    { orgId, id: newId(), customerId: C1, kind: 'create', toUserId: m1.id, at: d('2025-01-01T00:00:00Z') },
    {
      orgId,
      id: newId(),
      customerId: C1,
      kind: 'assign',
      fromUserId: m1.id,
      toUserId: m2.id,
      at: d('2026-04-15T02:00:00Z'),
    },
  ]);
  const C2 = await customer(own(m1), '2025-06-01T00:00:00Z', 80, 'create');
  const C3 = await customer(own(m3), '2025-01-01T00:00:00Z', 30); // no history rows at all
  const C4 = await customer(own(m4), '2025-02-01T00:00:00Z', 20); // created in the pool, claimed on 12 April
  await db.insert(assignmentHistory).values({
    orgId,
    id: newId(),
    customerId: C4,
    kind: 'claim',
    fromUserId: null,
    toUserId: m4.id,
    at: d('2026-04-12T00:00:00Z'),
  });
  const C5 = await customer(own(m1), '2026-04-03T04:00:00Z', 40, 'create'); // new in April
  const C6 = await customer(null, '2026-04-25T04:00:00Z', 10); // new in April, in the pool
  await customer(own(m1), '2026-04-30T16:30:00Z', 100, 'create'); // 1 May 00:30 local: not April
  const C8 = await customer(own(m1), '2024-01-01T00:00:00Z', 60, 'create'); // churns on 7 April
  const C9 = await customer(own(m2), '2024-01-01T00:00:00Z', 70, 'create');

  const order = (customerId: string, orderedAt: string, amount: number) => ({
    orgId,
    id: newId(),
    customerId,
    orderedAt: d(orderedAt),
    amount,
  });
  await db.insert(orders).values([
    order(C1, '2026-01-10T03:00:00Z', 10), // before April: makes C1 live at the start
    order(C1, '2026-04-10T03:00:00Z', 1000), // m1 owned C1 then
    order(C1, '2026-04-20T03:00:00Z', 500), // m2 owns C1 since 15 April
    order(C2, '2026-03-31T15:50:00Z', 50), // 31 March 23:50 local: not April
    order(C2, '2026-03-31T16:30:00Z', 70), // 1 April 00:30 local (still 31 March in UTC): April
    order(C2, '2026-04-30T15:30:00Z', 200), // 30 April 23:30 local: April
    order(C2, '2026-04-30T16:10:00Z', 300), // 1 May 00:10 local: not April
    order(C3, '2025-06-01T04:00:00Z', 20), // churned by 27 February 2026
    order(C3, '2026-04-05T02:00:00Z', 400), // no history rows: credited to the current owner m3
    order(C4, '2026-04-08T02:00:00Z', 80), // in the pool then: credited to nobody
    order(C4, '2026-04-18T02:00:00Z', 120), // m4's since the claim
    order(C8, '2025-07-10T04:00:00Z', 30), // only purchase: churned 271 days later, on 7 April 2026
    order(C9, '2026-03-01T04:00:00Z', 60),
  ]);

  const template = async (kind: 'csat' | 'nps') => {
    const id = newId();
    await db.insert(surveyTemplates).values({
      orgId,
      id,
      name: kind,
      kind,
      createdAt: d('2026-01-01T00:00:00Z'),
      updatedAt: d('2026-01-01T00:00:00Z'),
    });
    return id;
  };
  const csat = await template('csat');
  const nps = await template('nps');
  const send = (templateId: string, ownerId: string, score: number | null, answeredAt: string | null) => ({
    orgId,
    id: newId(),
    templateId,
    customerId: C2,
    token: `kpi-${newId()}`,
    trigger: 'manual',
    ownerId,
    sentAt: d('2026-03-25T00:00:00Z'),
    expiresAt: d('2026-06-25T00:00:00Z'),
    score,
    answeredAt: answeredAt ? d(answeredAt) : null,
  });
  await db.insert(surveySends).values([
    send(csat, m1.id, 5, '2026-04-05T00:00:00Z'),
    send(csat, m1.id, 4, '2026-04-28T00:00:00Z'),
    send(csat, m1.id, 2, '2026-04-30T16:30:00Z'), // 1 May local
    send(csat, m1.id, null, null), // never answered
    send(csat, m2.id, 3, '2026-04-10T00:00:00Z'),
    send(nps, m1.id, 10, '2026-04-02T00:00:00Z'),
    send(nps, m1.id, 9, '2026-04-03T00:00:00Z'),
    send(nps, m1.id, 7, '2026-04-04T00:00:00Z'),
    send(nps, m1.id, 3, '2026-04-05T00:00:00Z'),
    send(nps, m4.id, 0, '2026-04-06T00:00:00Z'),
  ]);

  const complaint = (
    ownerId: string,
    createdAt: string,
    firstRespondedAt: string | null,
    resolvedAt: string | null,
  ) => ({
    orgId,
    id: newId(),
    customerId: C2,
    channel: 'phone',
    category: 'quality',
    severity: 'medium',
    description: 'kpi scenario',
    status: resolvedAt ? 'resolved' : 'open',
    ownerId,
    firstResponseDueAt: d(createdAt),
    resolutionDueAt: d(createdAt),
    firstRespondedAt: firstRespondedAt ? d(firstRespondedAt) : null,
    resolvedAt: resolvedAt ? d(resolvedAt) : null,
    createdAt: d(createdAt),
    updatedAt: d(createdAt),
  });
  await db.insert(complaints).values([
    complaint(m1.id, '2026-04-02T00:00:00Z', '2026-04-02T02:00:00Z', '2026-04-03T00:00:00Z'), // 2 h, 24 h
    complaint(m1.id, '2026-04-10T00:00:00Z', '2026-04-10T06:00:00Z', '2026-04-12T12:00:00Z'), // 6 h, 60 h
    complaint(m1.id, '2026-04-20T00:00:00Z', '2026-04-20T01:00:00Z', null), // 1 h, open
    complaint(m1.id, '2026-03-30T00:00:00Z', '2026-03-30T03:00:00Z', '2026-04-05T00:00:00Z'), // March; resolved in April: 144 h
    complaint(m4.id, '2026-04-15T00:00:00Z', null, null),
  ]);

  const task = (type: string, dueAt: string, status: string, completedAt: string | null) => ({
    orgId,
    id: newId(),
    type,
    title: `${type} ${dueAt}`,
    assigneeId: m1.id,
    dueAt: d(dueAt),
    status,
    completedAt: completedAt ? d(completedAt) : null,
    createdAt: d('2026-04-01T00:00:00Z'),
    updatedAt: d('2026-04-01T00:00:00Z'),
  });
  await db.insert(tasks).values([
    task('visit', '2026-04-10T02:00:00Z', 'done', '2026-04-10T15:00:00Z'), // done 23:00 on the due day: on time
    task('visit', '2026-04-12T02:00:00Z', 'done', '2026-04-12T16:30:00Z'), // done 00:30 the next day: late
    task('visit', '2026-04-20T02:00:00Z', 'open', null), // never done
    task('visit', '2026-04-22T02:00:00Z', 'cancelled', null), // not counted
    task('call', '2026-04-15T02:00:00Z', 'done', '2026-04-14T00:00:00Z'), // early: on time
    task('call', '2026-05-02T02:00:00Z', 'open', null), // due in May
  ]);

  // Value refreshes, as each leaves the value of every owner's book (decision 0066): the latest at
  // or before the end of April counts (28 April: C2 1000, C5 500, C8 250 with m1; m2's C1 and C9
  // not scored yet); the one of 5 May does not.
  const book = (asOf: string, ownerId: string | null, clv: number | null, n: number) => ({
    orgId,
    asOf: d(asOf),
    ownerId,
    clv,
    customers: n,
  });
  await db
    .insert(bookValueSnapshots)
    .values([
      book('2026-04-20T00:00:00Z', m1.id, 1000, 1),
      book('2026-04-28T00:00:00Z', m1.id, 1750, 3),
      book('2026-05-05T00:00:00Z', m1.id, 10749, 3),
      book('2026-05-05T00:00:00Z', m2.id, 777, 2),
      book('2026-05-05T00:00:00Z', null, 40, 1),
    ]);
  return { C1, C2, C3, C4, C5, C6, C8, C9 };
}
