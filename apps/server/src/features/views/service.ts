import { SORTS, type SavedViewCreate, type SavedViewUpdate } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { EXPORT_LISTS_BY_NAME, parseFilters } from '../exports/lists.js';
import { viewNotFound } from './errors.js';
import { viewPolicy } from './policy.js';
import { presentView } from './presenter.js';
import * as repo from './repo.js';

const scopeOf = (actor: Actor) => repo.visibleTo(actor.orgId, actor.userId, actor.teamIds);

/**
 * Filters are kept as the list's query string carries them (text; lists joined by commas) and,
 * for the lists whose query is known, checked against it (400 with `filters.<name>`).
 */
function checkFilters(list: string, filters: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const problems: { path: string; message: string }[] = [];
  for (const [k, v] of Object.entries(filters)) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v.join(',');
    else if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = String(v);
    else problems.push({ path: `filters.${k}`, message: 'expected text, a number or a list of texts' });
  }
  if (problems.length) throw validationFailed(problems);
  const known = EXPORT_LISTS_BY_NAME[list];
  if (known) parseFilters(known, out);
  return out;
}

function checkSort(list: string, sort: string | null | undefined) {
  if (!sort || (list !== 'customers' && list !== 'pool')) return;
  if (!(SORTS as readonly string[]).includes(sort))
    throw validationFailed([{ path: 'sort', message: `one of ${SORTS.join(', ')}` }]);
}

export async function listViews(deps: Deps, actor: Actor, list: string) {
  const rows = await repo.listViews(deps.db, scopeOf(actor), list);
  return { data: rows.map((r) => presentView(r, actor.userId)) };
}

export async function createView(deps: Deps, actor: Actor, body: SavedViewCreate) {
  viewPolicy.assertCanShareWith(actor, body.sharedTeamId);
  checkSort(body.list, body.sort);
  const filters = checkFilters(body.list, body.filters);
  return deps.db.transaction(async (tx) => {
    const id = newId();
    const now = deps.now();
    await repo.insertView(tx, {
      orgId: actor.orgId,
      id,
      userId: actor.userId,
      list: body.list,
      name: body.name,
      filters,
      columns: body.columns,
      sort: body.sort ?? null,
      sharedTeamId: body.sharedTeamId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, 'saved_view.create', 'saved_view', id, {
      list: body.list,
      name: body.name,
      sharedTeamId: body.sharedTeamId ?? null,
    });
    return presentView((await repo.findView(tx, scopeOf(actor), id))!, actor.userId);
  });
}

export async function updateView(deps: Deps, actor: Actor, id: string, patch: SavedViewUpdate) {
  return deps.db.transaction(async (tx) => {
    const before = await repo.findView(tx, scopeOf(actor), id);
    if (!before) throw viewNotFound();
    viewPolicy.assertOwner(actor, before);
    if (patch.sharedTeamId !== undefined) viewPolicy.assertCanShareWith(actor, patch.sharedTeamId);
    if (patch.sort !== undefined) checkSort(before.list, patch.sort);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.filters !== undefined ? { filters: checkFilters(before.list, patch.filters) } : {}),
      ...(patch.columns !== undefined ? { columns: patch.columns } : {}),
      ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
      ...(patch.sharedTeamId !== undefined ? { sharedTeamId: patch.sharedTeamId } : {}),
    };
    await repo.updateView(tx, actor.orgId, id, { ...set, updatedAt: deps.now() });
    await audit(tx, actor, 'saved_view.update', 'saved_view', id, { fields: Object.keys(set) });
    return presentView((await repo.findView(tx, scopeOf(actor), id))!, actor.userId);
  });
}

export async function deleteView(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const view = await repo.findView(tx, scopeOf(actor), id);
    if (!view) throw viewNotFound();
    viewPolicy.assertOwner(actor, view);
    await repo.deleteView(tx, actor.orgId, id);
    await audit(tx, actor, 'saved_view.delete', 'saved_view', id, { list: view.list, name: view.name });
  });
}
