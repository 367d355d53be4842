import type { WebhookCreate, WebhookUpdate } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import { newId, randomToken } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { adminsOnly, deliveryNotFound, webhookNotFound } from './errors.js';
import { nudgeDeliveries } from './emit.js';
import { privateDestination } from './destination.js';
import { presentDelivery, presentWebhook } from './presenter.js';
import * as repo from './repo.js';

const newSecret = () => `whsec_${randomToken(32)}`;

function assertAdmin(actor: Actor) {
  if (actor.role !== 'admin' || !actor.permissions.manageSettings) throw adminsOnly();
}

async function load(deps: Deps, actor: Actor, id: string) {
  assertAdmin(actor);
  const hook = await repo.findWebhook(deps.db, actor.orgId, id);
  if (!hook) throw webhookNotFound();
  return hook;
}

/** Refuses a destination on a private or local address unless the server allows them. */
async function assertPublicDestination(deps: Deps, url: string) {
  if (deps.config.webhookAllowPrivate) return;
  const reason = await privateDestination(url);
  if (reason) throw validationFailed([{ path: 'url', message: reason }]);
}

/** A subscription; its signing secret is in this answer (and after a rotation) only. */
export async function createWebhook(deps: Deps, actor: Actor, input: WebhookCreate) {
  assertAdmin(actor);
  await assertPublicDestination(deps, input.url);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertWebhook(tx, {
      orgId: actor.orgId,
      id: newId(),
      url: input.url,
      secret: newSecret(),
      events: [...new Set(input.events)],
      active: input.active,
      createdBy: actor.userId,
      createdAt: now,
    });
    await audit(tx, actor, 'webhook.create', 'webhook', row.id, { url: row.url, events: row.events });
    return { ...presentWebhook(row), secret: row.secret };
  });
}

export async function listWebhooks(deps: Deps, actor: Actor) {
  assertAdmin(actor);
  return { data: (await repo.listWebhooks(deps.db, actor.orgId)).map(presentWebhook) };
}

export async function getWebhook(deps: Deps, actor: Actor, id: string) {
  return presentWebhook(await load(deps, actor, id));
}

/** Changes the URL, events or state; enabling again clears the failure count and disabledAt. */
export async function updateWebhook(deps: Deps, actor: Actor, id: string, patch: WebhookUpdate) {
  assertAdmin(actor);
  if (patch.url !== undefined) await assertPublicDestination(deps, patch.url);
  return deps.db.transaction(async (tx) => {
    const before = await repo.findWebhook(tx, actor.orgId, id);
    if (!before) throw webhookNotFound();
    const set: Partial<repo.WebhookRow> = {};
    if (patch.url !== undefined && patch.url !== before.url) set.url = patch.url;
    if (patch.events !== undefined) set.events = [...new Set(patch.events)];
    if (patch.active !== undefined && patch.active !== before.active) {
      set.active = patch.active;
      if (patch.active) Object.assign(set, { consecutiveFailures: 0, disabledAt: null });
    }
    if (!Object.keys(set).length) return presentWebhook(before);
    const row = await repo.updateWebhook(tx, actor.orgId, id, set);
    await audit(tx, actor, 'webhook.update', 'webhook', id, {
      ...(set.url ? { url: set.url } : {}),
      ...(set.events ? { events: set.events } : {}),
      ...(set.active !== undefined ? { active: set.active } : {}),
    });
    return presentWebhook(row);
  });
}

export async function deleteWebhook(deps: Deps, actor: Actor, id: string) {
  assertAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const hook = await repo.findWebhook(tx, actor.orgId, id);
    if (!hook) throw webhookNotFound();
    await repo.deleteWebhook(tx, actor.orgId, id);
    await audit(tx, actor, 'webhook.delete', 'webhook', id, { url: hook.url });
  });
}

/** A new signing secret, shown once; the old one stops working at once. */
export async function rotateSecret(deps: Deps, actor: Actor, id: string) {
  assertAdmin(actor);
  return deps.db.transaction(async (tx) => {
    if (!(await repo.findWebhook(tx, actor.orgId, id))) throw webhookNotFound();
    const row = await repo.updateWebhook(tx, actor.orgId, id, { secret: newSecret() });
    await audit(tx, actor, 'webhook.rotate_secret', 'webhook', id);
    return { ...presentWebhook(row), secret: row.secret };
  });
}

/** Queues a `webhook.test` delivery to this webhook (even a disabled one, to check it before enabling). */
export async function sendTest(deps: Deps, actor: Actor, id: string) {
  assertAdmin(actor);
  const now = deps.now();
  const delivery = await deps.db.transaction(async (tx) => {
    const hook = await repo.findWebhook(tx, actor.orgId, id);
    if (!hook) throw webhookNotFound();
    const row = await repo.insertDelivery(tx, {
      orgId: actor.orgId,
      id: newId(),
      webhookId: id,
      event: 'webhook.test',
      payload: { message: 'A test event from Steward.', webhookId: id, by: actor.userId },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    });
    await audit(tx, actor, 'webhook.test', 'webhook', id, { deliveryId: row.id });
    return row;
  });
  nudgeDeliveries();
  return presentDelivery(delivery);
}

export async function listDeliveries(
  deps: Deps,
  actor: Actor,
  id: string,
  query: { limit: number; cursor?: string; status?: string },
) {
  await load(deps, actor, id);
  const cursor = decodeCursor(query.cursor);
  const after =
    cursor && typeof cursor.v === 'string' ? { at: new Date(cursor.v), id: cursor.id } : undefined;
  const rows = await repo.listDeliveries(deps.db, actor.orgId, id, {
    status: query.status,
    after,
    limit: query.limit + 1,
  });
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  const last = data[data.length - 1];
  return {
    data: data.map(presentDelivery),
    nextCursor: more && last ? encodeCursor({ v: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** Sends a delivery again from its first attempt (same id, same body: receivers may dedupe on it). */
export async function redeliver(deps: Deps, actor: Actor, id: string, deliveryId: string) {
  assertAdmin(actor);
  const now = deps.now();
  const row = await deps.db.transaction(async (tx) => {
    const found = await repo.findDelivery(tx, actor.orgId, id, deliveryId);
    if (!found) throw deliveryNotFound();
    const updated = await repo.updateDelivery(tx, actor.orgId, deliveryId, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      deliveredAt: null,
    });
    await audit(tx, actor, 'webhook.redeliver', 'webhook', id, { deliveryId, event: found.event });
    return updated;
  });
  nudgeDeliveries();
  return presentDelivery(row);
}
