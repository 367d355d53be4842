import {
  duplicateKeys,
  duplicateMatches,
  normalizeEmail,
  normalizePhone,
  normalizeName,
  profileCompleteness,
  validateCustomFields,
} from '@steward/core';
import type {
  CustomerCreate,
  CustomerListQuery,
  CustomerUpdate,
  DuplicateCandidate,
} from '@steward/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { forbidden, validationFailed } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { customerScope, poolScope } from '../../platform/scope.js';
import { or } from 'drizzle-orm';
import {
  customerNotFound,
  duplicateSuspected,
  externalIdTaken,
  ownerCannotOwn,
  ownerInactive,
  unknownOwner,
} from './errors.js';

const OWNER_ROLES = new Set(['admin', 'director', 'team_lead', 'manager']);
import { customerPolicy } from './policy.js';
import { presentCustomer } from './presenter.js';
import { diffCustomer } from './history.js';
import * as repo from './repo.js';
import { assignByRules } from '../assignment/rules.js';
import { emitEvent } from '../webhooks/emit.js';
import { customerSummary } from '../webhooks/payloads.js';

export async function listCustomers(deps: Deps, actor: Actor, query: CustomerListQuery) {
  const sort = repo.sortSpec(query.sort);
  const cursor = decodeCursor(query.cursor);
  const where = [customerScope(actor), ...repo.filterConditions(query)];
  if (cursor) where.push(sort.after(cursor));
  const rows = await repo.listCustomers(deps.db, where, sort.orderBy, query.limit + 1, {
    search: fencedSearch(query.q) ? sort : undefined,
  });
  const page = pageOf(rows, query.limit, sort.cursorOf);
  return {
    data: page.data.map((r) => presentCustomer(r, customerPolicy.sensitive(actor, r))),
    nextCursor: page.nextCursor,
  };
}

/**
 * Phone searches (4+ digits) match few rows: collect them through the trigram index, then sort.
 * Text searches are left to the planner, which walks the newest-first index when matches are
 * dense (measured in docs/BENCHMARKS.md: either plan alone is pathological for some terms).
 */
const fencedSearch = (q: string | undefined) =>
  !!q && /^[\d\s+()-]+$/.test(q) && q.replace(/\D/g, '').length >= 4;

/** The public pool: customers without an owner, visible to every role of the organization (masked below team lead). */
export async function listPool(deps: Deps, actor: Actor, query: CustomerListQuery) {
  const sort = repo.sortSpec(query.sort);
  const cursor = decodeCursor(query.cursor);
  const where = [poolScope(actor), ...repo.filterConditions({ ...query, ownerId: undefined })];
  if (cursor) where.push(sort.after(cursor));
  const rows = await repo.listCustomers(deps.db, where, sort.orderBy, query.limit + 1, {
    search: fencedSearch(query.q) ? sort : undefined,
  });
  const page = pageOf(rows, query.limit, sort.cursorOf);
  return {
    data: page.data.map((r) => presentCustomer(r, customerPolicy.sensitive(actor, r))),
    nextCursor: page.nextCursor,
  };
}

/** Loads a customer that is in the actor's scope or in the pool (for assignment and claims), locked. */
export async function loadAssignable(db: Db, actor: Actor, id: string) {
  const row = await repo.findCustomer(db, or(customerScope(actor), poolScope(actor))!, id, true);
  if (!row) throw customerNotFound();
  return row;
}

/**
 * For a claim: any live customer of the organization, locked, so that the loser of a race learns
 * the customer was just claimed (409) rather than that it does not exist.
 */
export async function loadForClaim(db: Db, actor: Actor, id: string) {
  const row = await repo.findCustomer(
    db,
    customerScope({ ...actor, permissions: { ...actor.permissions, reach: 'organization' } }),
    id,
    true,
  );
  if (!row) throw customerNotFound();
  return row;
}

export const presentForActor = (actor: Actor, row: repo.CustomerWithOwner) =>
  presentCustomer(row, customerPolicy.sensitive(actor, row));

export async function countCustomers(deps: Deps, actor: Actor, query: CustomerListQuery) {
  return {
    count: await repo.countCustomers(deps.db, [customerScope(actor), ...repo.filterConditions(query)]),
  };
}

/** Loads a customer the actor may see, or answers 404 without revealing whether it exists. */
export async function loadVisible(db: Db, actor: Actor, id: string, lock = false) {
  const row = await repo.findCustomer(db, customerScope(actor), id, lock);
  if (!row) throw customerNotFound();
  return row;
}

export async function getCustomer(deps: Deps, actor: Actor, id: string) {
  const row = await loadVisible(deps.db, actor, id);
  const sensitive = customerPolicy.sensitive(actor, row);
  if (sensitive && (row.phone || row.email || row.idNumber)) {
    await audit(deps.db, actor, 'customer.view_sensitive', 'customer', id);
  }
  return presentCustomer(row, sensitive);
}

async function checkCustomFields(
  db: Db,
  orgId: string,
  values: Record<string, unknown> | undefined,
  creating: boolean,
) {
  const defs = await repo.customFieldDefsFor(db, orgId, 'customer');
  const problems = validateCustomFields(
    defs.map((d) => ({ key: d.key, type: d.type as 'text', options: d.options, required: d.required })),
    values ?? {},
    creating,
  );
  if (problems.length) throw validationFailed(problems);
}

async function resolveOwner(db: Db, actor: Actor, ownerId: string | null | undefined) {
  if (ownerId === undefined) ownerId = actor.userId;
  if (ownerId !== actor.userId && !actor.permissions.chooseOwner) {
    throw forbidden('You may only create customers for yourself.');
  }
  if (ownerId === null) return { ownerId: null, teamId: null };
  const owner = await repo.findUser(db, actor.orgId, ownerId);
  if (!owner) throw unknownOwner();
  if (owner.status !== 'active') throw ownerInactive();
  if (!OWNER_ROLES.has(owner.role)) throw ownerCannotOwn();
  if (
    actor.permissions.reach === 'team' &&
    !(owner.teamId && actor.scopeTeamIds.includes(owner.teamId)) &&
    owner.id !== actor.userId
  ) {
    throw validationFailed([{ path: 'ownerId', message: 'not a member of your teams' }]);
  }
  return { ownerId: owner.id, teamId: owner.teamId };
}

function candidatesOf(
  actor: Actor,
  input: {
    name: string;
    phone?: string | null;
    email?: string | null;
    region?: string | null;
    externalId?: string | null;
  },
  rows: repo.CustomerRow[],
): DuplicateCandidate[] {
  const keys = duplicateKeys(input);
  return rows.map((r) => {
    const matchedOn: DuplicateCandidate['matchedOn'] = duplicateMatches(keys, duplicateKeys(r));
    if (input.externalId && r.externalId === input.externalId) matchedOn.push('external_id');
    return { id: r.id, name: r.name, matchedOn, accessible: customerPolicy.canReach(actor, r) };
  });
}

export async function createCustomer(deps: Deps, actor: Actor, input: CustomerCreate, force: boolean) {
  customerPolicy.assertCanWrite(actor);
  const keys = duplicateKeys(input);
  const externalId = input.externalId || null;
  return deps.db.transaction(async (tx) => {
    await checkCustomFields(tx, actor.orgId, input.customFields, true);
    const owner = await resolveOwner(tx, actor, input.ownerId);
    const found = await repo.findDuplicateCandidates(tx, actor.orgId, { ...keys, externalId });
    const candidates = candidatesOf(actor, input, found);
    if (externalId && candidates.some((c) => c.matchedOn.includes('external_id'))) {
      throw externalIdTaken(candidates.filter((c) => c.matchedOn.includes('external_id')));
    }
    if (!force && candidates.length) throw duplicateSuspected(candidates);
    const now = deps.now();
    const needs = input.needs ?? {};
    const tags = [...new Set(input.tags ?? [])];
    const row = await repo.insertCustomer(tx, {
      orgId: actor.orgId,
      id: newId(),
      name: input.name,
      nameNorm: normalizeName(input.name),
      type: input.type,
      industry: input.industry ?? null,
      size: input.size ?? null,
      region: input.region ?? null,
      address: input.address ?? null,
      source: input.source ?? null,
      tier: input.tier ?? null,
      stage: input.stage ?? 'prospect',
      ownerId: owner.ownerId,
      teamId: owner.teamId,
      tags,
      phone: input.phone ?? null,
      phoneNorm: normalizePhone(input.phone),
      email: input.email ?? null,
      emailNorm: normalizeEmail(input.email),
      idNumber: input.idNumber ?? null,
      externalId,
      customFields: input.customFields ?? {},
      needs,
      completeness: profileCompleteness({
        ...input,
        industry: input.industry ?? null,
        region: input.region ?? null,
        address: input.address ?? null,
        source: input.source ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        size: input.size ?? null,
        needs,
        tags,
        contactCount: 0,
      }).score,
      assignedAt: owner.ownerId ? now : null,
      // What the history trigger would set for the creation row below (decision 0067): written
      // here, the trigger finds nothing to change.
      ownerChangedAt: owner.ownerId ? now : null,
      ownerChangedTo: owner.ownerId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertCreationAssignment(tx, row, actor.userId);
    await audit(tx, actor, 'customer.create', 'customer', row.id, {
      name: row.name,
      ownerId: row.ownerId,
      forced: force && candidates.length > 0,
    });
    // No owner named: the assignment rules place it, or it stays in the pool.
    if (input.ownerId === null) await assignByRules(tx, actor, [row.id], now);
    const full = await loadVisibleOrOwn(tx, actor, row.id);
    await emitEvent(tx, actor.orgId, 'customer.created', { customer: customerSummary(full) }, now);
    return presentCustomer(full, customerPolicy.sensitive(actor, full));
  });
}

/** After a create the creator always gets the record back, even one they gave to another owner. */
async function loadVisibleOrOwn(db: Db, actor: Actor, id: string) {
  const row = await repo.findCustomer(
    db,
    customerScope({ ...actor, permissions: { ...actor.permissions, reach: 'organization' } }),
    id,
  );
  if (!row) throw customerNotFound();
  return row;
}

export async function updateCustomer(deps: Deps, actor: Actor, id: string, patch: CustomerUpdate) {
  customerPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    if (patch.customFields) await checkCustomFields(tx, actor.orgId, patch.customFields, false);
    const { set, changes } = diffCustomer(before, patch);
    if (changes.length === 0) return presentCustomer(before, customerPolicy.sensitive(actor, before));
    if (set.externalId) {
      const clash = await repo.findDuplicateCandidates(
        tx,
        actor.orgId,
        { phone: null, email: null, name: '', region: null, externalId: set.externalId },
        id,
      );
      if (clash.length)
        throw externalIdTaken(candidatesOf(actor, { name: before.name, externalId: set.externalId }, clash));
    }
    const merged = { ...before, ...set };
    const contactCount = await repo.countContacts(tx, actor.orgId, id);
    set.completeness = profileCompleteness({ ...merged, contactCount }).score;
    set.updatedAt = deps.now();
    await repo.updateCustomer(tx, actor.orgId, id, set);
    await repo.insertHistory(
      tx,
      changes.map((c) => ({
        orgId: actor.orgId,
        id: newId(),
        entity: 'customer',
        entityId: id,
        field: c.field,
        oldValue: c.old,
        newValue: c.new,
        actorId: actor.userId,
        at: set.updatedAt!,
      })),
    );
    await audit(tx, actor, 'customer.update', 'customer', id, { fields: changes.map((c) => c.field) });
    const after = await loadVisible(tx, actor, id);
    const fields = changes.map((ch) => ch.field);
    await emitEvent(
      tx,
      actor.orgId,
      'customer.updated',
      { customer: customerSummary(after), fields },
      set.updatedAt,
    );
    return presentCustomer(after, customerPolicy.sensitive(actor, after));
  });
}

export async function deleteCustomer(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id, true);
    customerPolicy.assertCanDelete(actor);
    const now = deps.now();
    await repo.updateCustomer(tx, actor.orgId, id, { deletedAt: now, updatedAt: now });
    await repo.insertHistory(tx, [
      {
        orgId: actor.orgId,
        id: newId(),
        entity: 'customer',
        entityId: id,
        field: 'deleted',
        oldValue: null,
        newValue: true,
        actorId: actor.userId,
        at: now,
      },
    ]);
    await audit(tx, actor, 'customer.delete', 'customer', id, { name: row.name });
  });
}

/** Recomputes the stored completeness score (after contacts change). */
export async function refreshCompleteness(tx: Db, orgId: string, id: string) {
  const row = await repo.findCustomer(
    tx,
    customerScope({ orgId, permissions: { reach: 'organization' } } as Actor),
    id,
  );
  if (!row) return;
  const contactCount = await repo.countContacts(tx, orgId, id);
  await repo.updateCustomer(tx, orgId, id, {
    completeness: profileCompleteness({ ...row, contactCount }).score,
  });
}

export async function completenessOf(deps: Deps, actor: Actor, id: string) {
  const row = await loadVisible(deps.db, actor, id);
  const contactCount = await repo.countContacts(deps.db, actor.orgId, id);
  return profileCompleteness({ ...row, contactCount });
}
