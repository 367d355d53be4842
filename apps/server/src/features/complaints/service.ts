import { slaClock, templateFor } from '@steward/core';
import type { ComplaintCreate, ComplaintListQuery, ComplaintUpdate } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import * as customers from '../customers/service.js';
import * as notifications from '../notifications/service.js';
import { badField, complaintNotFound } from './errors.js';
import { complaintPolicy, complaintScope } from './policy.js';
import { presentComplaint } from './presenter.js';
import * as repo from './repo.js';
import { loadSlaSettings } from './settings.js';

export async function listComplaints(deps: Deps, actor: Actor, query: ComplaintListQuery) {
  const now = deps.now();
  const cursor = decodeCursor(query.cursor);
  const where = [complaintScope(actor), ...repo.filterConditions(query, now)];
  if (cursor) where.push(repo.after(cursor));
  const rows = await repo.listComplaints(deps.db, where, query.limit + 1);
  const page = pageOf(rows, query.limit, repo.cursorOf);
  return { data: page.data.map((r) => presentComplaint(r, now)), nextCursor: page.nextCursor };
}

/** A complaint the actor may see, or 404 without revealing whether it exists. */
export async function loadVisible(db: Db, actor: Actor, id: string, lock = false) {
  const row = await repo.findComplaint(db, complaintScope(actor), id, lock);
  if (!row) throw complaintNotFound();
  return row;
}

/** Re-reads a complaint after a write, scoped to the organization only (the writer gets it back). */
export async function reload(db: Db, actor: Actor, id: string, now: Date) {
  const row = await repo.findComplaint(db, complaintScope({ ...actor, permissions: orgWide(actor) }), id);
  return presentComplaint(row!, now);
}
const orgWide = (actor: Actor) => ({ ...actor.permissions, reach: 'organization' as const });

export async function getComplaint(deps: Deps, actor: Actor, id: string) {
  return presentComplaint(await loadVisible(deps.db, actor, id), deps.now());
}

/** Tells a newly given assignee about the complaint (not when they gave it to themself). */
export async function notifyAssignee(
  tx: Db,
  actor: Actor,
  c: { id: string; assigneeId: string | null; severity: string; customerName?: string | null },
  at: Date,
) {
  if (!c.assigneeId || c.assigneeId === actor.userId) return;
  await notifications.notify(tx, {
    orgId: actor.orgId,
    userId: c.assigneeId,
    kind: 'complaint_assigned',
    data: { complaintId: c.id, severity: c.severity, customerName: c.customerName ?? null, by: actor.name },
    entity: 'complaint',
    entityId: c.id,
    at,
  });
}

/**
 * Raises a complaint for a customer the caller can see. Its due times come from the SLA policy for
 * its severity (and a deadline template, if any); it goes to the customer's owner unless someone
 * else is named — a service agent keeps the complaints they take, a pool customer's stays with the caller.
 */
export async function createComplaint(deps: Deps, actor: Actor, input: ComplaintCreate) {
  complaintPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    const customer = await customers.loadVisible(tx, actor, input.customerId);
    if (input.contactId && !(await repo.contactBelongs(tx, actor.orgId, customer.id, input.contactId)))
      throw badField('contactId', 'not a contact of this customer');
    let assigneeId: string;
    if (input.assigneeId) {
      const user = await repo.findUser(tx, actor.orgId, input.assigneeId);
      complaintPolicy.assertCanAssign(actor, user, customer.ownerId);
      assigneeId = user!.id;
    } else assigneeId = actor.role === 'service_agent' ? actor.userId : (customer.ownerId ?? actor.userId);

    const settings = await loadSlaSettings(tx, actor.orgId);
    const template = templateFor(settings.policy, input.channel, input.deadlineTemplate);
    if (input.deadlineTemplate && !template)
      throw badField('deadlineTemplate', 'no such template in the SLA policy');
    const now = deps.now();
    const clock = slaClock(settings.policy, input.severity, now, settings, template);
    const id = newId();
    await repo.insertComplaint(tx, {
      orgId: actor.orgId,
      id,
      customerId: customer.id,
      contactId: input.contactId ?? null,
      channel: input.channel,
      category: input.category,
      severity: input.severity,
      description: input.description,
      status: 'open',
      ownerId: customer.ownerId,
      teamId: customer.teamId,
      assigneeId,
      ...clock,
      slaMode: clock.mode,
      deadlineTemplate: template,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertEvent(tx, {
      orgId: actor.orgId,
      id: repo.eventId(),
      complaintId: id,
      kind: 'created',
      toStatus: 'open',
      data: { severity: input.severity, channel: input.channel, category: input.category, assigneeId },
      actorId: actor.userId,
      at: now,
    });
    await audit(tx, actor, 'complaint.create', 'complaint', id, {
      customerId: customer.id,
      severity: input.severity,
      assigneeId,
      firstResponseDueAt: clock.firstResponseDueAt.toISOString(),
      resolutionDueAt: clock.resolutionDueAt.toISOString(),
    });
    await notifyAssignee(
      tx,
      actor,
      { id, assigneeId, severity: input.severity, customerName: customer.name },
      now,
    );
    return reload(tx, actor, id, now);
  });
}

/** Edits category, contact, assignee, resolution and root cause; reassignment is a timeline event. */
export async function updateComplaint(deps: Deps, actor: Actor, id: string, patch: ComplaintUpdate) {
  complaintPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    const now = deps.now();
    const set: Partial<repo.ComplaintRow> = {};
    if (patch.category !== undefined && patch.category !== before.category) set.category = patch.category;
    if (patch.resolution !== undefined && (patch.resolution || null) !== before.resolution)
      set.resolution = patch.resolution || null;
    if (patch.rootCause !== undefined && (patch.rootCause || null) !== before.rootCause)
      set.rootCause = patch.rootCause || null;
    if (patch.contactId !== undefined && (patch.contactId ?? null) !== before.contactId) {
      if (
        patch.contactId &&
        !(await repo.contactBelongs(tx, actor.orgId, before.customerId, patch.contactId))
      )
        throw badField('contactId', 'not a contact of this customer');
      set.contactId = patch.contactId ?? null;
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== before.assigneeId) {
      const user = await repo.findUser(tx, actor.orgId, patch.assigneeId);
      complaintPolicy.assertCanAssign(actor, user, before.ownerId);
      set.assigneeId = patch.assigneeId;
      await repo.insertEvent(tx, {
        orgId: actor.orgId,
        id: repo.eventId(),
        complaintId: id,
        kind: 'assignment',
        data: { from: before.assigneeId, to: patch.assigneeId, toName: user!.name },
        actorId: actor.userId,
        at: now,
      });
      await notifyAssignee(tx, actor, { ...before, assigneeId: patch.assigneeId }, now);
    }
    const fields = Object.keys(set);
    if (!fields.length) return presentComplaint(before, now);
    await repo.updateComplaint(tx, actor.orgId, id, { ...set, updatedAt: now });
    await audit(tx, actor, 'complaint.update', 'complaint', id, {
      fields,
      ...(set.assigneeId ? { assigneeFrom: before.assigneeId, assigneeTo: set.assigneeId } : {}),
    });
    return reload(tx, actor, id, now);
  });
}
