import { periodContaining } from '@steward/core';
import type { ReviewCreate, ReviewListQuery, ReviewOut, ReviewUpdate } from '@steward/contracts';
import type { reviews } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { notify } from '../notifications/service.js';
import { performancePolicy } from './policy.js';
import {
  alreadyAcknowledged,
  badField,
  badPeriodStart,
  cannotReviewSelf,
  leadsOnly,
  managerNotFound,
  notTheReviewed,
  notTheReviewer,
  reviewExists,
  reviewLocked,
  reviewNotFound,
  reviewNotSigned,
} from './review-errors.js';
import { reviewPolicy } from './review-policy.js';
import * as repo from './review-repo.js';
import type { ReviewWithNames } from './review-repo.js';
import * as cardRepo from './scorecard-repo.js';
import { scorecardOf } from './scorecards.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const presentReview = (r: ReviewWithNames): ReviewOut => ({
  id: r.id,
  managerId: r.managerId,
  managerName: r.managerName,
  reviewerId: r.reviewerId,
  reviewerName: r.reviewerName,
  periodKind: r.periodKind,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  scorecard: r.scorecard,
  strengths: r.strengths,
  gaps: r.gaps,
  feedback: r.feedback,
  plan: r.plan,
  status: r.status as ReviewOut['status'],
  signedAt: iso(r.signedAt),
  acknowledgedAt: iso(r.acknowledgedAt),
  managerComment: r.managerComment,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Plan items still to follow up (not done, not dropped) are carried into the next review. */
const FINISHED = new Set(['done', 'dropped']);

async function load(deps: Deps, actor: Actor, id: string, lock = false, db = deps.db) {
  const row = await repo.findReview(db, repo.reviewScope(actor), id, lock);
  if (!row) throw reviewNotFound();
  return row;
}

export async function listReviews(deps: Deps, actor: Actor, q: ReviewListQuery) {
  const cursor = decodeCursor(q.cursor);
  const where = [repo.reviewScope(actor)];
  where.push(...repo.filterConditions(q));
  if (cursor) where.push(repo.after(cursor));
  const rows = await repo.listReviews(deps.db, where, q.limit + 1);
  const page = pageOf(rows, q.limit, repo.cursorOf);
  return { data: page.data.map(presentReview), nextCursor: page.nextCursor };
}

export async function getReview(deps: Deps, actor: Actor, id: string) {
  return presentReview(await load(deps, actor, id));
}

/**
 * Starts a review of a person for a month or quarter, pre-filled with their scorecard for the
 * period (as of now) and the unfinished improvement-plan items of their previous review.
 */
export async function createReview(deps: Deps, actor: Actor, input: ReviewCreate) {
  const person = await cardRepo.findPerson(deps.db, actor.orgId, input.managerId);
  if (!person || !performancePolicy.canReadManager(actor, person)) throw managerNotFound();
  if (person.id === actor.userId) throw cannotReviewSelf();
  if (!reviewPolicy.canWriteAbout(actor, person)) throw leadsOnly('review people');
  const period = periodContaining(input.periodKind, input.periodStart);
  if (period.from !== input.periodStart) throw badPeriodStart(input.periodKind);
  const now = deps.now();
  const card = await scorecardOf(deps.db, actor.orgId, person, period.from, period.to, now);
  return deps.db.transaction(async (tx) => {
    const same = await repo.samePeriod(tx, actor.orgId, person.id, input.periodKind, period.from);
    if (same) throw reviewExists(same.id);
    const previous = await repo.previousReview(tx, actor.orgId, person.id, period.from);
    const carried = (previous?.plan ?? [])
      .filter((item) => !FINISHED.has(String(item.status)))
      .map((item) => ({ ...item, carriedFrom: previous!.id }));
    const id = newId();
    await repo.insertReview(tx, {
      orgId: actor.orgId,
      id,
      managerId: person.id,
      reviewerId: actor.userId,
      periodKind: input.periodKind,
      periodStart: period.from,
      periodEnd: period.to,
      scorecard: { ...card, from: period.from, to: period.to, asOf: now.toISOString() },
      plan: carried,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, 'review.create', 'review', id, {
      ...input,
      previousReviewId: previous?.id ?? null,
      carried: carried.length,
    });
    return presentReview((await repo.findReview(tx, repo.reviewScope(actor), id))!);
  });
}

/** Writes strengths, gaps, feedback and the plan; only while the review is a draft. */
export async function updateReview(deps: Deps, actor: Actor, id: string, patch: ReviewUpdate) {
  return deps.db.transaction(async (tx) => {
    const before = await load(deps, actor, id, true, tx);
    const person = await cardRepo.findPerson(tx, actor.orgId, before.managerId);
    if (!person || !reviewPolicy.canWriteAbout(actor, person)) throw leadsOnly('write reviews');
    if (before.status !== 'draft') throw reviewLocked();
    const set: Partial<typeof reviews.$inferInsert> = {};
    for (const k of ['strengths', 'gaps', 'feedback'] as const)
      if (patch[k] !== undefined) set[k] = patch[k] || null;
    if (patch.plan) {
      const known = await repo.knownUsers(tx, actor.orgId, [...new Set(patch.plan.map((p) => p.ownerId))]);
      patch.plan.forEach((p, i) => {
        if (!known.has(p.ownerId)) throw badField(`plan.${i}.ownerId`, 'no such person');
      });
      set.plan = patch.plan.map((p) => ({ ...p, carriedFrom: p.carriedFrom ?? null }));
    }
    const fields = Object.keys(set);
    if (!fields.length) return presentReview(before);
    set.updatedAt = deps.now();
    await repo.updateReview(tx, actor.orgId, id, set);
    await audit(tx, actor, 'review.update', 'review', id, { fields });
    return presentReview((await repo.findReview(tx, repo.reviewScope(actor), id))!);
  });
}

/** The reviewer signs: the review is locked from then on, and the person is told. */
export async function signReview(deps: Deps, actor: Actor, id: string) {
  return deps.db.transaction(async (tx) => {
    const before = await load(deps, actor, id, true, tx);
    if (before.status !== 'draft') throw reviewLocked();
    if (before.reviewerId !== actor.userId) throw notTheReviewer();
    const now = deps.now();
    await repo.updateReview(tx, actor.orgId, id, { status: 'signed', signedAt: now, updatedAt: now });
    await audit(tx, actor, 'review.sign', 'review', id, { managerId: before.managerId });
    await notify(tx, {
      orgId: actor.orgId,
      userId: before.managerId,
      kind: 'review_signed',
      data: {
        reviewId: id,
        periodKind: before.periodKind,
        periodStart: before.periodStart,
        periodEnd: before.periodEnd,
        reviewerName: actor.name,
      },
      entity: 'review',
      entityId: id,
      dedupeKey: `review_signed:${id}`,
      at: now,
    });
    return presentReview((await repo.findReview(tx, repo.reviewScope(actor), id))!);
  });
}

/** The reviewed person acknowledges a signed review, with an optional comment; once. */
export async function acknowledgeReview(deps: Deps, actor: Actor, id: string, comment?: string | null) {
  return deps.db.transaction(async (tx) => {
    const before = await load(deps, actor, id, true, tx);
    if (before.managerId !== actor.userId) throw notTheReviewed();
    if (before.status === 'draft') throw reviewNotSigned();
    if (before.status === 'acknowledged') throw alreadyAcknowledged();
    const now = deps.now();
    await repo.updateReview(tx, actor.orgId, id, {
      status: 'acknowledged',
      acknowledgedAt: now,
      managerComment: comment || null,
      updatedAt: now,
    });
    await audit(tx, actor, 'review.acknowledge', 'review', id, { comment: comment ?? null });
    await notify(tx, {
      orgId: actor.orgId,
      userId: before.reviewerId,
      kind: 'review_acknowledged',
      data: { reviewId: id, managerName: actor.name, periodStart: before.periodStart },
      entity: 'review',
      entityId: id,
      dedupeKey: `review_acknowledged:${id}`,
      at: now,
    });
    return presentReview((await repo.findReview(tx, repo.reviewScope(actor), id))!);
  });
}
