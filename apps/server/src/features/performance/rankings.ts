import type { KpiKey } from '@steward/core';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { organizationKpisForbidden } from './errors.js';
import { performancePolicy } from './policy.js';
import * as perfRepo from './repo.js';
import { teamNotFound } from './review-errors.js';
import * as repo from './scorecard-repo.js';
import { chooseTemplate, overallOf as overallScore } from './scorecards.js';
import { computeKpisByUser } from './kpis.js';

/** Competition ranking by score, highest first ("1, 2, 2, 4"); no score → no rank. */
export function rank(scores: { id: string; overall: number | null }[]): Map<string, number> {
  const known = scores.filter((s) => s.overall !== null).sort((a, b) => b.overall! - a.overall!);
  const out = new Map<string, number>();
  known.forEach((s, i) => {
    const prev = known[i - 1];
    out.set(s.id, prev && prev.overall === s.overall ? out.get(prev.id)! : i + 1);
  });
  return out;
}

/**
 * GET /scorecards/rankings: every active manager's overall score over the period; ranks within
 * the team asked for (sub-teams included) — or, for the organization, within each one's own
 * team — and within the whole company.
 */
export async function rankings(
  deps: Deps,
  actor: Actor,
  q: { teamId?: string; organization?: string; from: string; to: string },
) {
  const db = deps.db;
  let teamIds: string[] | null = null;
  if (q.teamId) {
    const team = await perfRepo.findTeam(db, actor.orgId, q.teamId);
    if (!team || !performancePolicy.canReadTeam(actor, team.id)) throw teamNotFound();
    teamIds = await perfRepo.teamSubtree(db, actor.orgId, team.id);
  } else if (!performancePolicy.readsOrganization(actor)) throw organizationKpisForbidden();

  const everyone = await repo.activeManagers(db, actor.orgId);
  const templates = await repo.listTemplates(db, actor.orgId);
  const asOf = deps.now();
  // Every manager's KPIs at once (one query per source), only those their templates score.
  const chosen = new Map(everyone.map((m) => [m.id, chooseTemplate(templates, m).items]));
  const keys = new Set([...chosen.values()].flatMap((items) => items.map((i) => i.kpi as KpiKey)));
  const values = await computeKpisByUser(
    db,
    actor.orgId,
    everyone.map((m) => m.id),
    q.from,
    q.to,
    asOf,
    keys,
  );
  const scores = everyone.map((m) => ({
    id: m.id,
    overall: overallScore(chosen.get(m.id)!, values.get(m.id)!),
  }));
  const overallOf = new Map(scores.map((s) => [s.id, s.overall]));
  const company = rank(scores);
  const shown = teamIds ? everyone.filter((m) => m.teamId && teamIds.includes(m.teamId)) : everyone;
  const teamRank = new Map<string, number>();
  if (teamIds)
    for (const [id, r] of rank(shown.map((m) => ({ id: m.id, overall: overallOf.get(m.id)! }))))
      teamRank.set(id, r);
  else {
    const byTeam = new Map<string, typeof everyone>();
    for (const m of everyone) byTeam.set(m.teamId ?? '', [...(byTeam.get(m.teamId ?? '') ?? []), m]);
    for (const members of byTeam.values())
      for (const [id, r] of rank(members.map((m) => ({ id: m.id, overall: overallOf.get(m.id)! }))))
        teamRank.set(id, r);
  }
  const data = shown
    .map((m) => ({
      managerId: m.id,
      managerName: m.name,
      teamId: m.teamId,
      teamName: m.teamName,
      overall: overallOf.get(m.id) ?? null,
      teamRank: teamRank.get(m.id) ?? null,
      companyRank: company.get(m.id) ?? null,
    }))
    .sort(
      (a, b) =>
        (a.companyRank ?? Infinity) - (b.companyRank ?? Infinity) ||
        a.managerName.localeCompare(b.managerName),
    );
  return { data, from: q.from, to: q.to };
}
