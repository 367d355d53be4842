import {
  addLocalDays,
  nextLevel,
  periodContaining,
  promotionEligibility,
  creditedHours,
  tenureMonths,
  type CareerCriteria,
  type CareerLevel,
  kpiDefinition,
  localDayOf,
  type KpiKey,
  type Lack,
} from '@steward/core';
import type { CareerLevelIn, CareerLevelUpdate, TrainingIn } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { organizationKpisForbidden } from './errors.js';
import { computeKpis } from './kpis.js';
import { performancePolicy } from './policy.js';
import * as perfRepo from './repo.js';
import {
  adminsOnly,
  leadsOnly,
  levelExists,
  levelNotFound,
  managerNotFound,
  teamNotFound,
} from './review-errors.js';
import { reviewPolicy } from './review-policy.js';
import * as cardRepo from './scorecard-repo.js';
import type { ManagerRow } from './scorecard-repo.js';
import * as repo from './training-repo.js';
import type { LevelRow, TrainingRow } from './training-repo.js';

const presentTraining = (r: TrainingRow) => ({
  id: r.id,
  managerId: r.managerId,
  managerName: r.managerName,
  course: r.course,
  completedOn: r.completedOn,
  hours: Number(r.hours),
  result: r.result as 'passed' | 'failed' | 'attended',
  createdAt: r.createdAt.toISOString(),
});

const presentLevel = (l: LevelRow) => ({
  code: l.code,
  name: l.name,
  rank: Number(l.rank),
  criteria: l.criteria as CareerCriteria,
});

async function readablePerson(deps: Deps, actor: Actor, id: string) {
  const person = await cardRepo.findPerson(deps.db, actor.orgId, id);
  if (!person || !performancePolicy.canReadManager(actor, person)) throw managerNotFound();
  return person;
}

/** The people an actor sees without naming one: everyone, a lead's teams and self, or self. */
async function visiblePeople(deps: Deps, actor: Actor): Promise<string[] | null> {
  if (performancePolicy.readsOrganization(actor)) return null;
  if (actor.role !== 'team_lead') return [actor.userId];
  const members = await perfRepo.usersInTeams(deps.db, actor.orgId, actor.scopeTeamIds);
  return [actor.userId, ...members.map((m) => m.id)];
}

export async function createTraining(deps: Deps, actor: Actor, input: TrainingIn) {
  const person = await readablePerson(deps, actor, input.managerId);
  if (!reviewPolicy.canWriteAbout(actor, person)) throw leadsOnly('record training');
  return deps.db.transaction(async (tx) => {
    const id = newId();
    await repo.insertTraining(tx, { orgId: actor.orgId, id, ...input, createdAt: deps.now() });
    await audit(tx, actor, 'training.create', 'training_record', id, { ...input });
    const [row] = await repo.listTraining(tx, [...repo.trainingOf(actor.orgId, [person.id])]);
    return presentTraining(row!);
  });
}

export async function listTraining(deps: Deps, actor: Actor, q: { managerId?: string }) {
  const ids = q.managerId
    ? [(await readablePerson(deps, actor, q.managerId)).id]
    : await visiblePeople(deps, actor);
  return { data: (await repo.listTraining(deps.db, repo.trainingOf(actor.orgId, ids))).map(presentTraining) };
}

// ---- career levels --------------------------------------------------------------------------

export async function listLevels(deps: Deps, actor: Actor) {
  return { data: (await repo.listLevels(deps.db, actor.orgId)).map(presentLevel) };
}

export async function createLevel(deps: Deps, actor: Actor, input: CareerLevelIn) {
  if (!reviewPolicy.configures(actor)) throw adminsOnly('career levels');
  return deps.db.transaction(async (tx) => {
    if (!(await repo.insertLevel(tx, { orgId: actor.orgId, ...input }))) throw levelExists();
    await audit(tx, actor, 'career_level.create', 'career_level', null, { ...input });
    return presentLevel((await repo.findLevel(tx, actor.orgId, input.code))!);
  });
}

export async function updateLevel(deps: Deps, actor: Actor, code: string, patch: CareerLevelUpdate) {
  if (!reviewPolicy.configures(actor)) throw adminsOnly('career levels');
  return deps.db.transaction(async (tx) => {
    if (!(await repo.findLevel(tx, actor.orgId, code, true))) throw levelNotFound();
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length) await repo.updateLevel(tx, actor.orgId, code, set);
    await audit(tx, actor, 'career_level.update', 'career_level', null, { code, ...patch });
    return presentLevel((await repo.findLevel(tx, actor.orgId, code))!);
  });
}

export async function deleteLevel(deps: Deps, actor: Actor, code: string) {
  if (!reviewPolicy.configures(actor)) throw adminsOnly('career levels');
  await deps.db.transaction(async (tx) => {
    if (!(await repo.findLevel(tx, actor.orgId, code, true))) throw levelNotFound();
    await repo.deleteLevel(tx, actor.orgId, code);
    await audit(tx, actor, 'career_level.delete', 'career_level', null, { code });
  });
}

// ---- eligibility ----------------------------------------------------------------------------

const localToday = localDayOf;

/** The twelve full calendar months before the one containing `today`. */
export function lastTwelveMonths(today: string) {
  const to = addLocalDays(periodContaining('month', today).from, -1);
  let from = periodContaining('month', to).from;
  for (let i = 0; i < 11; i++) from = periodContaining('month', addLocalDays(from, -1)).from;
  return { from, to };
}

async function managersFor(deps: Deps, actor: Actor, teamId?: string): Promise<ManagerRow[]> {
  if (teamId) {
    const team = await perfRepo.findTeam(deps.db, actor.orgId, teamId);
    if (!team || !performancePolicy.canReadTeam(actor, team.id)) throw teamNotFound();
    return cardRepo.activeManagers(
      deps.db,
      actor.orgId,
      await perfRepo.teamSubtree(deps.db, actor.orgId, team.id),
    );
  }
  if (performancePolicy.readsOrganization(actor)) return cardRepo.activeManagers(deps.db, actor.orgId);
  if (actor.role === 'team_lead') return cardRepo.activeManagers(deps.db, actor.orgId, actor.scopeTeamIds);
  if (actor.role === 'manager') {
    const self = await cardRepo.findPerson(deps.db, actor.orgId, actor.userId);
    return self ? [self] : [];
  }
  throw organizationKpisForbidden();
}

/**
 * GET /career/eligibility: for each active manager in view, the next level above theirs and
 * whether they meet its criteria today — tenure from the hire date, KPIs over the period
 * (default the last 12 full months), training completed by today — with what each lacks.
 */
export async function eligibility(
  deps: Deps,
  actor: Actor,
  q: { teamId?: string; from?: string; to?: string },
) {
  const managers = await managersFor(deps, actor, q.teamId);
  const { timeZone } = await perfRepo.findOrg(deps.db, actor.orgId);
  const now = deps.now();
  const today = localToday(now, timeZone);
  const period = q.from && q.to ? { from: q.from, to: q.to } : lastTwelveMonths(today);
  const levels: CareerLevel[] = (await repo.listLevels(deps.db, actor.orgId)).map(presentLevel);
  const training = await repo.listTraining(deps.db, [
    ...repo.trainingOf(
      actor.orgId,
      managers.map((m) => m.id),
    ),
    repo.completedBy(today),
  ]);
  const data = [];
  for (const m of managers) {
    const current = levels.find((l) => l.code === m.level) ?? null;
    const next = nextLevel(levels, m.level);
    const facts = training
      .filter((t) => t.managerId === m.id)
      .map((t) => ({ course: t.course, hours: Number(t.hours), result: t.result }));
    const tenure = tenureMonths(m.hireDate, today);
    let verdict: { eligible: boolean; lacking: Lack[] } = { eligible: false, lacking: [] };
    if (next) {
      const { values } = await computeKpis(deps.db, actor.orgId, [m.id], period.from, period.to, now);
      // A sum with no data is 0 (no complaints at all meets "at most 2"); other KPIs stay unknown.
      const kpis = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          v === null && kpiDefinition(k as KpiKey).additive ? 0 : v,
        ]),
      );
      verdict = promotionEligibility(next.criteria, { tenureMonths: tenure, kpis, training: facts });
    }
    const ref = (l: CareerLevel | null) => (l ? { code: l.code, name: l.name, rank: l.rank } : null);
    data.push({
      managerId: m.id,
      managerName: m.name,
      teamId: m.teamId,
      level: m.level,
      currentLevel: ref(current),
      nextLevel: ref(next),
      ...verdict,
      tenureMonths: tenure,
      trainingHours: creditedHours(facts),
    });
  }
  return { data, ...period };
}
