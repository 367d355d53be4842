import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { PUBLIC_SURVEY_RATE_LIMIT } from './routes.js';

let t: TestApp;
let org: TestOrg;
let admin: Client;
let m1: Client;
let csatId: string;
let npsId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db, '晨光贸易');
  admin = await login(t.app, org.users.admin.email);
  m1 = await login(t.app, org.users.m1.email);
  const mk = async (body: Record<string, unknown>) =>
    ((await admin.post('/api/v1/survey-templates', body)).json() as { id: string }).id;
  csatId = await mk({
    name: 'CSAT',
    kind: 'csat',
    question: '您对本次服务满意吗？',
    validDays: 7,
    questions: [
      { id: 'speed', label: '响应速度', kind: 'rating' },
      { id: 'channel', label: '渠道', kind: 'choice', options: ['phone', 'visit'] },
    ],
  });
  npsId = await mk({ name: 'NPS', kind: 'nps' });
});
afterAll(() => t.close());

let ip = 0;
/** Each test answers from its own address, so the rate limit of one does not touch another. */
const anon = () => {
  const remoteAddress = `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;
  return {
    get: (token: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/public/surveys/${token}`, remoteAddress }),
    post: (token: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, payload, remoteAddress }),
  };
};

const send = async (
  templateId: string,
  owner: { id: string; teamId: string | null } | null = org.users.m1,
) => {
  const c = await insertCustomer(t.deps.db, org.orgId, owner);
  const who = owner ? m1 : admin;
  const res = await who.post('/api/v1/surveys/send', { templateId, customerIds: [c.id] });
  expect(res.statusCode, res.body).toBe(201);
  return { customer: c, ...(res.json().sends[0] as { id: string; token: string; expiresAt: string }) };
};

describe('the public survey link', () => {
  it('shows the survey without sign-in and nothing about the customer', async () => {
    const s = await send(csatId);
    const res = await anon().get(s.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      kind: 'csat',
      question: '您对本次服务满意吗？',
      questions: [
        { id: 'speed', label: '响应速度', kind: 'rating' },
        { id: 'channel', label: '渠道', kind: 'choice', options: ['phone', 'visit'] },
      ],
      organizationName: '晨光贸易',
      language: 'zh-CN',
      expiresAt: s.expiresAt,
      answered: false,
      min: 1,
      max: 5,
    });
    expect(res.body).not.toContain(s.customer.name);
    expect((await anon().get('A'.repeat(32))).statusCode).toBe(404);
    expect((await anon().get('short')).statusCode).toBe(404);
  });

  it('is answered once: 201, then 409 already_answered; audited without an actor', async () => {
    const s = await send(csatId);
    const c = anon();
    const first = await c.post(s.token, {
      score: 4,
      comment: ' 很好 ',
      answers: { speed: 5, channel: 'visit' },
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ answered: true, score: 4 });
    const second = await c.post(s.token, { score: 5 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('already_answered');
    expect((await c.get(s.token)).json().answered).toBe(true);
    const [row] = await queryRows<{ score: number; comment: string; answers: unknown }>(
      t.deps.db,
      sql`select score, comment, answers from survey_sends where id = ${s.id}`,
    );
    expect(row).toEqual({ score: 4, comment: '很好', answers: { speed: 5, channel: 'visit' } });
    const audits = await queryRows<{ actor_id: string | null; data: Record<string, unknown> }>(
      t.deps.db,
      sql`select actor_id, data from audit_log where entity_id = ${s.id} and action = 'survey.answer'`,
    );
    expect(audits).toEqual([{ actor_id: null, data: { score: 4, kind: 'csat', low: false } }]);
    // not low: no follow-up task
    const tasks = await queryRows(
      t.deps.db,
      sql`select 1 from tasks where source_key = ${`survey_low:${s.id}`}`,
    );
    expect(tasks).toHaveLength(0);
    const listed = (await m1.get(`/api/v1/surveys/sends?customerId=${s.customer.id}`)).json().data[0];
    expect(listed).toMatchObject({ status: 'answered', score: 4, low: false, comment: '很好' });
  });

  it('concurrent answers: exactly one 201, the rest 409', async () => {
    const s = await send(npsId);
    const c = anon();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => c.post(s.token, { score: i + 2 })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.statusCode === 201)!.json().score as number;
    const [row] = await queryRows<{ score: number; n: number }>(
      t.deps.db,
      sql`select score, (select count(*)::int from audit_log where entity_id = ${s.id} and action = 'survey.answer') as n from survey_sends where id = ${s.id}`,
    );
    expect(row).toEqual({ score: winner, n: 1 });
  });

  it('expires: 410 expired for the page and the answer after validDays', async () => {
    const s = await send(csatId);
    const c = anon();
    t.setNow(new Date(new Date(s.expiresAt).getTime() - 1000));
    try {
      expect((await c.get(s.token)).statusCode).toBe(200);
      t.setNow(new Date(s.expiresAt));
      const page = await c.get(s.token);
      expect(page.statusCode).toBe(410);
      expect(page.json().error.code).toBe('expired');
      const answer = await c.post(s.token, { score: 5 });
      expect(answer.statusCode).toBe(410);
      expect(answer.json().error.code).toBe('expired');
      // (a week later the old session has lapsed: sign in again)
      const later = await login(t.app, org.users.m1.email);
      const listed = (await later.get(`/api/v1/surveys/sends?customerId=${s.customer.id}`)).json().data[0];
      expect(listed.status).toBe('expired');
      const expiredOnly = (await later.get(`/api/v1/surveys/sends?status=expired`)).json().data;
      expect(expiredOnly.map((x: { id: string }) => x.id)).toContain(s.id);
    } finally {
      t.setNow(null);
    }
  });

  it('validates the score by kind and the answers by question: 400 with the field', async () => {
    const s = await send(csatId);
    const c = anon();
    const high = await c.post(s.token, { score: 6 });
    expect(high.statusCode).toBe(400);
    expect(high.json().error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'score', message: 'expected a whole number from 1 to 5' }],
    });
    const zero = await c.post(s.token, { score: 0, answers: { speed: 9, nope: 'x' } });
    expect(zero.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'score',
      'answers.speed',
      'answers.nope',
    ]);
    const missing = await c.post(s.token, { comment: 'hi' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('score');
    // nothing was recorded: a valid answer still goes through
    expect((await c.post(s.token, { score: 1 })).statusCode).toBe(201);
    const nps = await send(npsId);
    expect((await c.post(nps.token, { score: 11 })).statusCode).toBe(400);
    expect((await c.post(nps.token, { score: 0 })).statusCode).toBe(201);
  });

  it('a low score opens a follow-up task for the owner, with a notification, once', async () => {
    const s = await send(csatId);
    const res = await anon().post(s.token, { score: 2, comment: '送货太慢' });
    expect(res.statusCode).toBe(201);
    const tasks = await queryRows<{
      id: string;
      type: string;
      assignee_id: string;
      customer_id: string;
      status: string;
      description: string;
      data: Record<string, unknown>;
    }>(
      t.deps.db,
      sql`select id, type, assignee_id, customer_id, status, description, data from tasks where source_key = ${`survey_low:${s.id}`}`,
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      type: 'follow_up',
      assignee_id: org.users.m1.id,
      customer_id: s.customer.id,
      status: 'open',
      description: '送货太慢',
      data: { surveySendId: s.id, kind: 'csat', score: 2 },
    });
    const mine = (await m1.get(`/api/v1/tasks?type=follow_up&customerId=${s.customer.id}`)).json().data;
    expect(mine.map((x: { id: string }) => x.id)).toEqual([tasks[0]!.id]);
    const notes = await queryRows<{ kind: string; user_id: string; entity_id: string }>(
      t.deps.db,
      sql`select kind, user_id, entity_id from notifications where dedupe_key = ${`survey_low:${s.id}`}`,
    );
    expect(notes).toEqual([{ kind: 'survey_low_score', user_id: org.users.m1.id, entity_id: tasks[0]!.id }]);
  });

  it('a low NPS from a pool customer goes to whoever sent the survey', async () => {
    const s = await send(npsId, null);
    expect((await anon().post(s.token, { score: 6 })).statusCode).toBe(201);
    const tasks = await queryRows<{ assignee_id: string }>(
      t.deps.db,
      sql`select assignee_id from tasks where source_key = ${`survey_low:${s.id}`}`,
    );
    expect(tasks).toEqual([{ assignee_id: org.users.admin.id }]);
  });

  it('is rate-limited per address: 429 rate_limited', async () => {
    const c = anon();
    const codes: number[] = [];
    for (let i = 0; i <= PUBLIC_SURVEY_RATE_LIMIT; i++) codes.push((await c.get('B'.repeat(32))).statusCode);
    expect(codes.slice(0, PUBLIC_SURVEY_RATE_LIMIT).every((x) => x === 404)).toBe(true);
    const last = await c.get('B'.repeat(32));
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('rate_limited');
    // another address is not affected
    expect((await anon().get('B'.repeat(32))).statusCode).toBe(404);
  });
});
