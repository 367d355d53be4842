import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { newId } from '../../platform/ids.js';
import { sendTriggeredSurvey } from './triggers.js';

let t: TestApp;
let org: TestOrg;
let csatId: string;
let npsId: string;

type Owner = 'm1' | 'm2' | 'm4';
/** Who owns the customer, when it was sent (UTC), the kind and the answer (null: unanswered). */
const PLAN: [Owner, string, 'csat' | 'nps', number | null][] = [
  ['m1', '2026-03-10T02:00:00Z', 'csat', 5],
  ['m1', '2026-03-10T02:00:00Z', 'csat', 4],
  ['m1', '2026-03-11T02:00:00Z', 'csat', null],
  ['m4', '2026-04-05T02:00:00Z', 'csat', 2],
  ['m1', '2026-03-12T02:00:00Z', 'nps', 10],
  ['m2', '2026-04-06T02:00:00Z', 'nps', 9],
  ['m2', '2026-04-06T02:00:00Z', 'nps', 7],
  ['m4', '2026-04-07T02:00:00Z', 'nps', 3],
  ['m4', '2026-03-20T02:00:00Z', 'nps', 8],
  // 1 April 01:00 in Shanghai (the organization's zone): April, although still March in UTC
  ['m4', '2026-03-31T17:00:00Z', 'nps', null],
];

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  t.setNow(new Date('2026-03-01T00:00:00Z'));
  const admin = await login(t.app, org.users.admin.email);
  const mk = async (body: Record<string, unknown>) =>
    ((await admin.post('/api/v1/survey-templates', body)).json() as { id: string }).id;
  csatId = await mk({ name: 'CSAT', kind: 'csat', validDays: 30 });
  npsId = await mk({ name: 'NPS', kind: 'nps', validDays: 30 });
  for (const [owner, at, kind, score] of PLAN) {
    const c = await insertCustomer(t.deps.db, org.orgId, org.users[owner]);
    t.setNow(new Date(at));
    const sender = await login(t.app, org.users[owner].email);
    const res = await sender.post('/api/v1/surveys/send', {
      templateId: kind === 'csat' ? csatId : npsId,
      customerIds: [c.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    if (score === null) continue;
    t.setNow(new Date(new Date(at).getTime() + 3_600_000));
    const token = res.json().sends[0].token as string;
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/surveys/${token}`,
      payload: { score },
    });
    expect(answer.statusCode, answer.body).toBe(201);
  }
  t.setNow(new Date('2026-05-01T00:00:00Z'));
});
afterAll(() => t.close());

const analytics = async (who: string, query: string) => {
  const client = await login(t.app, who);
  const res = await client.get(`/api/v1/analytics/surveys?from=2026-03-01&to=2026-04-30${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('survey analytics', () => {
  it('totals: response rate, average CSAT and NPS computed by hand', async () => {
    const body = await analytics(org.users.director.email, '&groupBy=month');
    // CSAT 5, 4, 2 → 11/3; NPS 10, 9 promoters, 7, 8 passives, 3 detractor → (2 − 1) / 5 = 20
    expect(body.total).toEqual({
      sent: 10,
      responses: 8,
      responseRate: 0.8,
      csatResponses: 3,
      csatAvg: 3.67,
      npsResponses: 5,
      promoters: 2,
      passives: 2,
      detractors: 1,
      nps: 20,
      lowScores: 2,
    });
    // March: CSAT 5, 4 (one unanswered); NPS 10, 8 → 50. April: CSAT 2; NPS 9, 7, 3 → 0
    expect(
      body.data.map((r: Record<string, unknown>) => [r.key, r.sent, r.responses, r.csatAvg, r.nps]),
    ).toEqual([
      ['2026-03', 5, 4, 4.5, 50],
      ['2026-04', 5, 4, 2, 0],
    ]);
  });

  it('per manager and per team, as owned when sent', async () => {
    const byManager = await analytics(org.users.director.email, '&groupBy=manager');
    const row = (id: string) => byManager.data.find((r: { key: string }) => r.key === id);
    expect(row(org.users.m1.id)).toMatchObject({
      label: org.users.m1.name,
      sent: 4,
      responses: 3,
      responseRate: 0.75,
      csatAvg: 4.5,
      nps: 100,
      lowScores: 0,
    });
    expect(row(org.users.m2.id)).toMatchObject({
      sent: 2,
      responses: 2,
      responseRate: 1,
      csatAvg: null,
      nps: 50,
    });
    expect(row(org.users.m4.id)).toMatchObject({ sent: 4, responses: 3, csatAvg: 2, nps: -50, lowScores: 2 });
    const byTeam = await analytics(org.users.director.email, '&groupBy=team');
    const team = (id: string) => byTeam.data.find((r: { key: string }) => r.key === id);
    // team A: NPS 10, 9 promoters, 7 passive → 66.7
    expect(team(org.team.a)).toMatchObject({
      label: 'Team A',
      sent: 6,
      responses: 5,
      csatAvg: 4.5,
      nps: 66.7,
    });
    expect(team(org.team.b)).toMatchObject({ label: 'Team B', sent: 4, nps: -50 });
  });

  it('by kind, by period, and only within the caller scope', async () => {
    const csat = await analytics(org.users.director.email, '&groupBy=month&kind=csat');
    expect(csat.total).toMatchObject({ sent: 4, responses: 3, csatAvg: 3.67, npsResponses: 0, nps: null });
    const april = await (
      await login(t.app, org.users.director.email)
    ).get('/api/v1/analytics/surveys?from=2026-04-01&to=2026-04-30&groupBy=month');
    expect(april.json().total).toMatchObject({ sent: 5, responses: 4 });
    const leadB = await analytics(org.users.leadB.email, '&groupBy=manager');
    expect(leadB.data.map((r: { key: string }) => r.key)).toEqual([org.users.m4.id]);
    const m1 = await analytics(org.users.m1.email, '&groupBy=manager');
    expect(m1.total).toMatchObject({ sent: 4, responses: 3, csatAvg: 4.5, nps: 100 });
    const bad = await (
      await login(t.app, org.users.m1.email)
    ).get('/api/v1/analytics/surveys?from=2026-05-01&to=2026-04-01&groupBy=week');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('groupBy');
  });
});

describe('triggered sends', () => {
  const sends = (sourceId: string) =>
    queryRows<{ template_id: string; trigger: string; source_key: string; created_by: string | null }>(
      t.deps.db,
      sql`select template_id, trigger, source_key, created_by from survey_sends where org_id = ${org.orgId} and source_id = ${sourceId}`,
    );

  it('sends the active template for the trigger exactly once per source, or nothing without one', async () => {
    const c = await insertCustomer(t.deps.db, org.orgId, org.users.m2);
    const visitId = newId();
    const now = new Date('2026-05-01T00:00:00Z');
    const fire = () =>
      t.deps.db.transaction((tx) =>
        sendTriggeredSurvey(tx, {
          orgId: org.orgId,
          trigger: 'visit',
          sourceId: visitId,
          customerId: c.id,
          now,
        }),
      );
    await fire(); // no template for visits yet
    expect(await sends(visitId)).toHaveLength(0);

    const admin = await login(t.app, org.users.admin.email);
    const tpl = (
      await admin.post('/api/v1/survey-templates', { name: 'After visit', kind: 'csat', trigger: 'visit' })
    ).json();
    await fire();
    await fire();
    await Promise.all([fire(), fire(), fire()]);
    expect(await sends(visitId)).toEqual([
      { template_id: tpl.id, trigger: 'visit', source_key: `visit:${visitId}`, created_by: null },
    ]);
    const audits = await queryRows<{ actor_id: string | null }>(
      t.deps.db,
      sql`select a.actor_id from audit_log a join survey_sends s on s.id = a.entity_id where s.source_id = ${visitId} and a.action = 'survey.send'`,
    );
    expect(audits).toEqual([{ actor_id: null }]);

    // the link works like any other, and is listed for the owner
    const m2 = await login(t.app, org.users.m2.email);
    const listed = (await m2.get(`/api/v1/surveys/sends?customerId=${c.id}`)).json().data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ trigger: 'visit', sourceId: visitId, status: 'pending' });

    // a complaint has no active template: nothing; an inactive one sends nothing either
    const complaintId = newId();
    await admin.post('/api/v1/survey-templates', {
      name: 'After complaint',
      kind: 'nps',
      trigger: 'complaint',
      active: false,
    });
    await t.deps.db.transaction((tx) =>
      sendTriggeredSurvey(tx, {
        orgId: org.orgId,
        trigger: 'complaint',
        sourceId: complaintId,
        customerId: c.id,
        now,
      }),
    );
    expect(await sends(complaintId)).toHaveLength(0);
  });

  it('rolls back with the caller transaction', async () => {
    const c = await insertCustomer(t.deps.db, org.orgId, org.users.m2);
    const visitId = newId();
    await expect(
      t.deps.db.transaction(async (tx) => {
        await sendTriggeredSurvey(tx, {
          orgId: org.orgId,
          trigger: 'visit',
          sourceId: visitId,
          customerId: c.id,
          now: new Date('2026-05-01T00:00:00Z'),
        });
        throw new Error('the visit failed');
      }),
    ).rejects.toThrow('the visit failed');
    expect(await sends(visitId)).toHaveLength(0);
  });
});
