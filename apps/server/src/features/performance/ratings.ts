import type { RatingIn, RatingOut } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { performancePolicy } from './policy.js';
import { leadsOnly, managerNotFound } from './review-errors.js';
import { reviewPolicy } from './review-policy.js';
import * as repo from './scorecard-repo.js';
import type { RatingRow } from './scorecard-repo.js';

export const presentRating = (r: RatingRow): RatingOut => ({
  id: r.id,
  managerId: r.managerId,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  dimension: r.dimension,
  score: Number(r.score),
  comment: r.comment,
  ratedBy: r.ratedBy,
  createdAt: r.createdAt.toISOString(),
});

/**
 * Rates a person on one dimension for one period (1–5). Rating the same person, period and
 * dimension again replaces the score and comment. Their lead, directors and administrators rate.
 */
export async function rate(deps: Deps, actor: Actor, input: RatingIn) {
  return deps.db.transaction(async (tx) => {
    const person = await repo.findPerson(tx, actor.orgId, input.managerId);
    if (!person || !performancePolicy.canReadManager(actor, person)) throw managerNotFound();
    if (!reviewPolicy.canWriteAbout(actor, person)) throw leadsOnly('rate people');
    const existing = await repo.findRating(tx, actor.orgId, input);
    const now = deps.now();
    const id = existing?.id ?? newId();
    const values = {
      score: input.score,
      comment: input.comment ?? null,
      ratedBy: actor.userId,
      createdAt: now,
    };
    if (existing) await repo.updateRating(tx, actor.orgId, id, values);
    else
      await repo.insertRating(tx, {
        orgId: actor.orgId,
        id,
        managerId: input.managerId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        dimension: input.dimension,
        ...values,
      });
    await audit(tx, actor, existing ? 'rating.update' : 'rating.create', 'rating', id, { ...input });
    const rows = await repo.ratingsFor(tx, actor.orgId, input.managerId, input.periodStart, input.periodEnd);
    return { created: !existing, rating: presentRating(rows.find((r) => r.id === id)!) };
  });
}

export async function listRatings(
  deps: Deps,
  actor: Actor,
  q: { managerId: string; from: string; to: string },
) {
  const person = await repo.findPerson(deps.db, actor.orgId, q.managerId);
  if (!person || !performancePolicy.canReadManager(actor, person)) throw managerNotFound();
  return {
    data: (await repo.ratingsFor(deps.db, actor.orgId, q.managerId, q.from, q.to)).map(presentRating),
  };
}
