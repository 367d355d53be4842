import { and, eq } from 'drizzle-orm';
import type { CustomerValueOut, TierOverrideBody } from '@steward/contracts';
import { customers, fieldHistory } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { loadVisible } from '../customers/service.js';
import { modelNotFound, overrideNotFound } from './errors.js';
import { explanationParts, modelOfScore } from './explanation.js';
import { valuePolicy } from './policy.js';
import { presentModel, presentOverride } from './presenter.js';
import * as repo from './repo.js';

type Part = CustomerValueOut['explanation']['parts'][number];

const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: digits });

/** A few sentences a manager can read, built from the stored score and its explanation parts. */
export function explanationText(s: repo.ScoreRow, parts: Part[], tier: string | null, stage: string): string {
  const tierPart = parts.find((p) => p.score === 'tier');
  const asOf = s.asOf.toISOString().slice(0, 10);
  const lines = [
    `As of ${asOf}: RFM segment ${s.segment.replace('_', ' ')} (R${s.r} F${s.f} M${s.m}) from the last purchase ${s.recencyDays} days ago, ${s.frequency} purchase days and ${num(s.monetary)} spent in total; scores are quintiles within the organization.`,
    tierPart?.reasons.some((r) => r.code === 'tier_manual_override')
      ? `Tier ${tier ?? '–'} set by hand (the rule gives ${s.tierRule}): ${String(tierPart.inputs.overrideReason ?? '')}.`
      : `Tier ${tier ?? s.tierRule} by the percentile rule on the last 12 months' spend (${num(Number(tierPart?.inputs.value ?? 0))}, percentile ${num(Number(tierPart?.inputs.percentile ?? 0) * 100, 0)}).`,
    `Lifecycle stage ${stage.replace('_', ' ')}${s.stageSince ? ` since ${s.stageSince}` : ''}, by the purchase-history rules.`,
  ];
  if (s.clv !== null && s.pAlive !== null)
    lines.push(
      `BG/NBD gives a ${num(s.pAlive * 100, 0)}% probability the customer is still active and ${num(s.expectedPurchases)} expected purchases in the next ${s.horizon} ${s.unit}s; Gamma-Gamma expects ${num(s.expectedSpend)} per purchase; discounted CLV ${num(s.clv)}.`,
    );
  else lines.push('No CLV: the models could not be fitted on this organization’s orders yet.');
  return lines.join(' ');
}

/** GET /customers/{id}/value: the latest scores of a customer the actor may see (404 otherwise). */
export async function getCustomerValue(deps: Deps, actor: Actor, id: string): Promise<CustomerValueOut> {
  const c = await loadVisible(deps.db, actor, id);
  const [score, override, alert, history] = await Promise.all([
    repo.findScore(deps.db, actor.orgId, id),
    repo.findOverride(deps.db, actor.orgId, id),
    repo.openAlertOf(deps.db, actor.orgId, id),
    repo.scoreHistoryOf(deps.db, actor.orgId, id),
  ]);
  const tier = c.tier as CustomerValueOut['tier'];
  const stage = c.stage as CustomerValueOut['stage'];
  const model = score && !score.explanation ? await modelOfScore(deps.db, score) : null;
  const parts = score ? (explanationParts(score, model, override) as Part[]) : [];
  const common = {
    tier,
    stage,
    override: override ? presentOverride(override) : null,
    openChurnAlert: alert
      ? { id: alert.id, openedAt: alert.openedAt.toISOString(), reasons: alert.reasons }
      : null,
    history: history.map((h) => ({ asOf: h.asOf.toISOString(), pAlive: h.pAlive, clv: h.clv })),
  };
  if (!score)
    return {
      ...common,
      rfm: { r: null, f: null, m: null, segment: null },
      clv: { expectedPurchases: null, pAlive: null, expectedSpend: null, value: null, horizon: null },
      explanation: {
        text: 'Not scored yet: value scores appear after the value-refresh job has run on at least one order of this customer.',
        parts: [],
      },
      unit: null,
      asOf: null,
      stageSince: null,
      tierSource: override ? 'override' : null,
      ruleTier: null,
    };
  return {
    ...common,
    rfm: { r: score.r, f: score.f, m: score.m, segment: score.segment },
    clv: {
      expectedPurchases: score.expectedPurchases,
      pAlive: score.pAlive,
      expectedSpend: score.expectedSpend,
      value: score.clv,
      horizon: score.horizon,
    },
    explanation: { text: explanationText(score, parts, tier, stage), parts },
    unit: score.unit as CustomerValueOut['unit'],
    asOf: score.asOf.toISOString(),
    stageSince: score.stageSince,
    tierSource: override ? 'override' : 'rule',
    ruleTier: score.tierRule as CustomerValueOut['ruleTier'],
  };
}

/** GET /analytics/clv/model: the organization's latest fit. */
export async function getModel(deps: Deps, actor: Actor) {
  const m = await repo.latestModel(deps.db, actor.orgId);
  if (!m) throw modelNotFound();
  return presentModel(m);
}

async function setTier(
  tx: Deps['db'],
  actor: Actor,
  c: { id: string; tier: string | null },
  tier: string | null,
  at: Date,
) {
  if (c.tier === tier) return;
  await tx
    .update(customers)
    .set({ tier, updatedAt: at })
    .where(and(eq(customers.orgId, actor.orgId), eq(customers.id, c.id)));
  await tx.insert(fieldHistory).values({
    orgId: actor.orgId,
    id: newId(),
    entity: 'customer',
    entityId: c.id,
    field: 'tier',
    oldValue: c.tier,
    newValue: tier,
    actorId: actor.userId,
    at,
  });
}

/** PUT /customers/{id}/tier-override: a manual tier with its reason; wins over the rule. */
export async function setOverride(deps: Deps, actor: Actor, id: string, body: TierOverrideBody) {
  valuePolicy.assertCanOverrideTier(actor);
  return deps.db.transaction(async (tx) => {
    const c = await loadVisible(tx, actor, id, true);
    const at = deps.now();
    const before = await repo.findOverride(tx, actor.orgId, id);
    await repo.upsertOverride(tx, {
      orgId: actor.orgId,
      customerId: id,
      tier: body.tier,
      reason: body.reason,
      by: actor.userId,
      at,
    });
    await tx.insert(fieldHistory).values({
      orgId: actor.orgId,
      id: newId(),
      entity: 'customer',
      entityId: id,
      field: 'tierOverride',
      oldValue: before ? { tier: before.tier, reason: before.reason } : null,
      newValue: { tier: body.tier, reason: body.reason },
      actorId: actor.userId,
      at,
    });
    await setTier(tx, actor, c, body.tier, at);
    await audit(tx, actor, 'customer.tier_override', 'customer', id, {
      tier: body.tier,
      reason: body.reason,
    });
    return presentOverride((await repo.findOverride(tx, actor.orgId, id))!);
  });
}

/** DELETE /customers/{id}/tier-override: back to the rule's tier (of the last refresh, if any). */
export async function clearOverride(deps: Deps, actor: Actor, id: string) {
  valuePolicy.assertCanOverrideTier(actor);
  await deps.db.transaction(async (tx) => {
    const c = await loadVisible(tx, actor, id, true);
    const before = await repo.findOverride(tx, actor.orgId, id);
    if (!before) throw overrideNotFound();
    const at = deps.now();
    await repo.deleteOverride(tx, actor.orgId, id);
    await tx.insert(fieldHistory).values({
      orgId: actor.orgId,
      id: newId(),
      entity: 'customer',
      entityId: id,
      field: 'tierOverride',
      oldValue: { tier: before.tier, reason: before.reason },
      newValue: null,
      actorId: actor.userId,
      at,
    });
    const score = await repo.findScore(tx, actor.orgId, id);
    if (score) await setTier(tx, actor, c, score.tierRule, at);
    await audit(tx, actor, 'customer.tier_override_clear', 'customer', id, { tier: before.tier });
  });
}
