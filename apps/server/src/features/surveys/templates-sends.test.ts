import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, insertCustomer, type TestOrg } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
const cl: Record<string, Client> = {};
const ROLES = ['admin', 'director', 'leadA', 'leadB', 'm1', 'm4', 'agent', 'analyst'] as const;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  other = await createTestOrg(t.deps.db, 'Other Org');
  for (const k of ROLES) cl[k] = await login(t.app, org.users[k].email);
  cl.otherAdmin = await login(t.app, other.users.admin.email);
});
afterAll(() => t.close());

const csat = { name: 'After service', kind: 'csat', question: 'How satisfied are you?' };
const createTemplate = async (body: Record<string, unknown> = csat, who = 'admin') => {
  const res = await cl[who]!.post('/api/v1/survey-templates', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; [k: string]: unknown };
};

describe('survey templates', () => {
  it('admins create with defaults, everyone reads, managers may not write', async () => {
    const tpl = await createTemplate({
      ...csat,
      questions: [{ id: 'speed', label: 'Speed', kind: 'rating' }],
    });
    expect(tpl).toMatchObject({ kind: 'csat', validDays: 14, trigger: null, active: true });
    const list = await cl.m1!.get('/api/v1/survey-templates');
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((x: { id: string }) => x.id)).toContain(tpl.id);
    expect((await cl.m1!.post('/api/v1/survey-templates', csat)).statusCode).toBe(403);
    expect((await cl.leadA!.patch(`/api/v1/survey-templates/${tpl.id}`, { name: 'x' })).statusCode).toBe(403);
    // another organization does not see it
    expect((await cl.otherAdmin!.get(`/api/v1/survey-templates/${tpl.id}`)).statusCode).toBe(404);
    const [row] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${tpl.id} and action = 'survey_template.create'`,
    );
    expect(row!.n).toBe(1);
  });

  it('validates with one detail per field', async () => {
    const res = await cl.admin!.post('/api/v1/survey-templates', {
      name: '',
      kind: 'ces',
      validDays: 0,
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'kind', 'validDays']));
    const dup = await cl.admin!.post('/api/v1/survey-templates', {
      ...csat,
      questions: [
        { id: 'a', label: 'A', kind: 'text' },
        { id: 'a', label: 'B', kind: 'choice' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details).toEqual([
      { path: 'questions.1.id', message: 'duplicate question id' },
      { path: 'questions.1.options', message: 'a choice question needs options' },
    ]);
  });

  it('keeps one active template per trigger (409), and edits are audited', async () => {
    const first = await createTemplate({ ...csat, name: 'After visits', trigger: 'visit' });
    const second = await cl.director!.post('/api/v1/survey-templates', { ...csat, trigger: 'visit' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'trigger_in_use',
      details: [{ path: 'trigger', message: `used by the active template ${first.id}` }],
    });
    const inactive = await createTemplate({ ...csat, trigger: 'visit', active: false }, 'director');
    expect(
      (await cl.director!.patch(`/api/v1/survey-templates/${inactive.id}`, { active: true })).statusCode,
    ).toBe(409);
    const off = await cl.director!.patch(`/api/v1/survey-templates/${first.id}`, {
      active: false,
      validDays: 7,
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, validDays: 7 });
    const on = await cl.director!.patch(`/api/v1/survey-templates/${inactive.id}`, { active: true });
    expect(on.statusCode).toBe(200);
    const [row] = await queryRows<{ data: { fields: string[] } }>(
      t.deps.db,
      sql`select data from audit_log where entity_id = ${first.id} and action = 'survey_template.update'`,
    );
    expect(row!.data.fields.sort()).toEqual(['active', 'validDays']);
  });
});

describe('sending surveys', () => {
  it('sends to chosen customers in scope: 201 with unguessable links, audited, listed', async () => {
    const tpl = await createTemplate();
    const c1 = await insertCustomer(t.deps.db, org.orgId, org.users.m1);
    const c2 = await insertCustomer(t.deps.db, org.orgId, org.users.m1);
    const res = await cl.m1!.post('/api/v1/surveys/send', {
      templateId: tpl.id,
      customerIds: [c1.id, c2.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.sent).toBe(2);
    expect(body.skipped).toBe(0);
    for (const s of body.sends) {
      expect(s.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(s.url).toMatch(new RegExp(`/s/${s.token}$`));
      expect(new Date(s.expiresAt).getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    }
    expect(new Set(body.sends.map((s: { token: string }) => s.token)).size).toBe(2);
    const [row] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from audit_log where action = 'survey.send' and actor_id = ${org.users.m1.id}`,
    );
    expect(row!.n).toBe(2);

    // again: both still hold an open link, so nothing new is sent
    const again = await cl.m1!.post('/api/v1/surveys/send', {
      templateId: tpl.id,
      customerIds: [c1.id, c2.id],
    });
    expect(again.json()).toMatchObject({ sent: 0, skipped: 2, sends: [] });

    const list = await cl.m1!.get(`/api/v1/surveys/sends?templateId=${tpl.id}`);
    expect(list.json().data).toHaveLength(2);
    expect(list.json().data[0]).toMatchObject({
      templateId: tpl.id,
      kind: 'csat',
      ownerId: org.users.m1.id,
      status: 'pending',
      trigger: 'manual',
      score: null,
    });
    // scoped: m4 (another team) sees none of them; the analyst sees them without links
    expect((await cl.m4!.get(`/api/v1/surveys/sends?templateId=${tpl.id}`)).json().data).toHaveLength(0);
    const analyst = (await cl.analyst!.get(`/api/v1/surveys/sends?templateId=${tpl.id}`)).json().data;
    expect(analyst).toHaveLength(2);
    expect(analyst[0].url).toBeNull();
    expect((await cl.otherAdmin!.get(`/api/v1/surveys/sends?templateId=${tpl.id}`)).json().data).toHaveLength(
      0,
    );
  });

  it('refuses customers outside the caller scope with 404, sending nothing', async () => {
    const tpl = await createTemplate();
    const mine = await insertCustomer(t.deps.db, org.orgId, org.users.m1);
    const theirs = await insertCustomer(t.deps.db, org.orgId, org.users.m4);
    const res = await cl.m1!.post('/api/v1/surveys/send', {
      templateId: tpl.id,
      customerIds: [mine.id, theirs.id],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details).toEqual([{ path: 'customerIds.1', message: 'not found' }]);
    const foreign = await insertCustomer(t.deps.db, other.orgId, other.users.m1);
    expect(
      (await cl.admin!.post('/api/v1/surveys/send', { templateId: tpl.id, customerIds: [foreign.id] }))
        .statusCode,
    ).toBe(404);
    const [row] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from survey_sends where template_id = ${tpl.id}`,
    );
    expect(row!.n).toBe(0);
    // a template of another organization is not found either
    expect(
      (await cl.otherAdmin!.post('/api/v1/surveys/send', { templateId: tpl.id, customerIds: [foreign.id] }))
        .statusCode,
    ).toBe(404);
  });

  it('sends to a segment, only within scope', async () => {
    const tpl = await createTemplate({ name: 'NPS', kind: 'nps' });
    const tag = `seg${Date.now()}`;
    const a = await insertCustomer(t.deps.db, org.orgId, org.users.m1, { tags: [tag], tier: 'A' });
    const b = await insertCustomer(t.deps.db, org.orgId, org.users.m3, { tags: [tag], tier: 'A' });
    await insertCustomer(t.deps.db, org.orgId, org.users.m3, { tags: [tag], tier: 'B' });
    const outside = await insertCustomer(t.deps.db, org.orgId, org.users.m4, { tags: [tag], tier: 'A' });
    const res = await cl.leadA!.post('/api/v1/surveys/send', {
      templateId: tpl.id,
      segment: { tag, tier: 'A' },
      language: 'en-US',
    });
    expect(res.statusCode, res.body).toBe(201);
    const ids = res
      .json()
      .sends.map((s: { customerId: string }) => s.customerId)
      .sort();
    expect(ids).toEqual([a.id, b.id].sort());
    expect(ids).not.toContain(outside.id);
    const [row] = await queryRows<{ trigger: string; language: string; team_id: string }>(
      t.deps.db,
      sql`select trigger, language, team_id from survey_sends where template_id = ${tpl.id} and customer_id = ${b.id}`,
    );
    expect(row).toEqual({ trigger: 'segment', language: 'en-US', team_id: org.team.a1 });
  });

  it('validates the send: one of customerIds or segment, a criterion, an active template; analysts may not', async () => {
    const tpl = await createTemplate();
    const c = await insertCustomer(t.deps.db, org.orgId, org.users.m1);
    const neither = await cl.m1!.post('/api/v1/surveys/send', { templateId: tpl.id });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details[0].path).toBe('customerIds');
    const empty = await cl.m1!.post('/api/v1/surveys/send', { templateId: tpl.id, segment: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toBe('segment');
    const bad = await cl.m1!.post('/api/v1/surveys/send', { templateId: 'nope', customerIds: ['x'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['templateId', 'customerIds.0']),
    );
    await cl.admin!.patch(`/api/v1/survey-templates/${tpl.id}`, { active: false });
    const inactive = await cl.m1!.post('/api/v1/surveys/send', { templateId: tpl.id, customerIds: [c.id] });
    expect(inactive.statusCode).toBe(422);
    expect(inactive.json().error.code).toBe('template_inactive');
    expect(
      (await cl.analyst!.post('/api/v1/surveys/send', { templateId: tpl.id, customerIds: [c.id] }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps the kind of a template that has been sent', async () => {
    const tpl = await createTemplate();
    const c = await insertCustomer(t.deps.db, org.orgId, org.users.m1);
    expect(
      (await cl.m1!.post('/api/v1/surveys/send', { templateId: tpl.id, customerIds: [c.id] })).statusCode,
    ).toBe(201);
    const res = await cl.admin!.patch(`/api/v1/survey-templates/${tpl.id}`, { kind: 'nps' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('template_in_use');
  });
});
