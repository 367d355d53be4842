import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/build-test-app.js';
import { createTestOrg, type TestOrg } from '../../../test/factories.js';
import { notifications } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

let t: TestApp;
let org: TestOrg;
const cl: Record<string, Client> = {};

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t.deps.db);
  for (const k of ['leadA', 'm1', 'm2'] as const) cl[k] = await login(t.app, org.users[k].email);
});
afterAll(() => t.close());

const assign = async (assigneeId: string, title: string) => {
  const res = await cl.leadA!.post('/api/v1/tasks', {
    type: 'follow_up',
    title,
    assigneeId,
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

describe('the notification center', () => {
  it('lists the caller’s own notifications newest first, counts and marks them read', async () => {
    // A second apart on the test clock, so "newest first" is not decided by a tie.
    const now = Date.now();
    t.setNow(new Date(now));
    const first = await assign(org.users.m1.id, 'First');
    t.setNow(new Date(now + 1000));
    const second = await assign(org.users.m1.id, 'Second');
    await assign(org.users.m2.id, 'For someone else');
    t.setNow(null);

    expect((await cl.m1!.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 2 });
    const list = (await cl.m1!.get('/api/v1/notifications')).json();
    expect(list.nextCursor).toBeNull();
    expect(list.data.map((n: { entityId: string }) => n.entityId)).toEqual([second, first]);
    expect(list.data[0]).toMatchObject({
      kind: 'task_assigned',
      entity: 'task',
      entityId: second,
      readAt: null,
      data: { taskId: second, title: 'Second', by: org.users.leadA.name },
    });
    expect(list.data[0].createdAt).toMatch(/Z$/);

    const read = await cl.m1!.post(`/api/v1/notifications/${list.data[1].id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: list.data[1].id, entityId: first });
    expect(read.json().readAt).not.toBeNull();
    // reading again keeps the first read time
    expect((await cl.m1!.post(`/api/v1/notifications/${list.data[1].id}/read`)).json().readAt).toBe(
      read.json().readAt,
    );
    expect((await cl.m1!.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
    const unread = (await cl.m1!.get('/api/v1/notifications?unread=true')).json().data;
    expect(unread.map((n: { entityId: string }) => n.entityId)).toEqual([second]);

    const all = await cl.m1!.post('/api/v1/notifications/read-all');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ updated: 1 });
    expect((await cl.m1!.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await cl.m1!.get('/api/v1/notifications?unread=true')).json().data).toEqual([]);
    expect((await cl.m1!.get('/api/v1/notifications')).json().data).toHaveLength(2);
  });

  it('answers 404 for another user’s notification, and never lists it', async () => {
    await assign(org.users.m2.id, 'Private');
    const theirs = (await cl.m2!.get('/api/v1/notifications')).json().data[0];
    const res = await cl.m1!.post(`/api/v1/notifications/${theirs.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(
      (await cl.m1!.get('/api/v1/notifications?limit=500')).json().data.map((n: { id: string }) => n.id),
    ).not.toContain(theirs.id);
    // m1's read-all leaves m2's unread
    await cl.m1!.post('/api/v1/notifications/read-all');
    expect((await cl.m2!.get(`/api/v1/notifications/unread-count`)).json().count).toBeGreaterThan(0);
    expect((await cl.m1!.post(`/api/v1/notifications/${newId()}/read`)).statusCode).toBe(404);
    expect((await cl.m1!.post('/api/v1/notifications/not-an-id/read')).statusCode).toBe(400);
  });

  it('pages newest first with a cursor', async () => {
    const base = Date.now() - 3_600_000;
    await t.deps.db.insert(notifications).values(
      Array.from({ length: 7 }, (_, i) => ({
        orgId: org.orgId,
        id: newId(),
        userId: org.users.leadA.id,
        kind: 'reclaim_warning',
        data: { n: i },
        createdAt: new Date(base + (i % 3) * 1000), // ties on createdAt, broken by id
      })),
    );
    const all = (await cl.leadA!.get('/api/v1/notifications?limit=500')).json().data as {
      id: string;
      createdAt: string;
    }[];
    expect(all).toHaveLength(7);
    expect([...all.map((n) => n.createdAt)].sort().reverse()).toEqual(all.map((n) => n.createdAt));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await cl.leadA!.get(`/api/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json() as { data: { id: string }[]; nextCursor: string | null };
      seen.push(...body.data.map((n) => n.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((n) => n.id));
  });

  it('requires sign-in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tasks' })).statusCode).toBe(401);
  });
});
