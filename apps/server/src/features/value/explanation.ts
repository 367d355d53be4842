import { and, eq } from 'drizzle-orm';
import {
  DEFAULT_LIFECYCLE_RULES,
  DEFAULT_TIER_RULE,
  clvExplanation,
  explainChurn,
  explainLifecycle,
  explainTier,
  rfmFm,
  type CustomerTier,
  type Explanation,
  type LifecycleStage,
  type TimeUnit,
} from '@steward/core';
import type { Db } from '../../db/client.js';
import { valueModels } from '../../db/schema/index.js';
import type { ModelRow, OverrideRow, ScoreRow } from './repo.js';

/** The model row a score was computed with (null when none, or it is gone). */
export async function modelOfScore(db: Db, score: ScoreRow): Promise<ModelRow | null> {
  if (!score.modelId) return null;
  const [row] = await db
    .select()
    .from(valueModels)
    .where(and(eq(valueModels.orgId, score.orgId), eq(valueModels.id, score.modelId)));
  return row ?? null;
}

/**
 * The explanation parts of a stored score — rfm, tier, lifecycle, clv (when scored with a model),
 * churn — built on read from the score's compact inputs and its model: the same objects the core
 * `explain*` functions give (docs/decisions/0012). Scores stored before the compact inputs existed
 * carry their explanation and answer it as stored. The tier part names the override in force now,
 * the one that decides the tier the customer shows.
 */
export function explanationParts(
  s: ScoreRow,
  model: ModelRow | null,
  override: Pick<OverrideRow, 'tier' | 'reason'> | null,
): Explanation[] {
  if (s.explanation) return s.explanation as unknown as Explanation[];
  const rfm: Explanation = {
    score: 'rfm',
    result: s.segment,
    model: 'rfm_quintiles_v1',
    inputs: { daysSinceLastPurchase: s.recencyDays, frequency: s.frequency, monetary: s.monetary },
    parameters: { population: s.population, r: s.r, f: s.f, m: s.m, fm: rfmFm(s.f, s.m) },
    reasons: [
      { code: 'recency_score', value: s.r },
      { code: 'frequency_score', value: s.f },
      { code: 'monetary_score', value: s.m },
      { code: `segment_${s.segment}`, value: `R${s.r}FM${rfmFm(s.f, s.m)}` },
    ],
  };
  const ruleTier = s.tierRule as CustomerTier;
  const tier = explainTier(
    {
      customerId: s.customerId,
      tier: override ? (override.tier as CustomerTier) : ruleTier,
      source: override ? 'override' : 'rule',
      ruleTier,
      value: s.tierValue,
      percentile: s.tierPercentile,
      overrideReason: override ? override.reason : null,
    },
    DEFAULT_TIER_RULE,
  );
  const lifecycle = explainLifecycle(
    {
      stage: s.stage as LifecycleStage,
      since: s.stageSince,
      history: [],
      usualIntervalDays: s.usualIntervalDays,
      daysSinceLastPurchase: s.recencyDays,
      purchaseDays: s.frequency,
    },
    DEFAULT_LIFECYCLE_RULES,
  );
  const parts = [rfm, tier, lifecycle];
  if (
    model &&
    s.pAlive !== null &&
    s.expectedPurchases !== null &&
    s.expectedSpend !== null &&
    s.clv !== null
  )
    parts.push(
      clvExplanation(
        { x: s.frequency - 1, tx: s.bgTx ?? 0, T: s.bgT ?? 0, monetary: s.bgMonetary ?? 0 },
        model.params,
        model.spendParams,
        {
          unit: model.unit as TimeUnit,
          horizon: model.horizon,
          annualDiscountRate: model.annualDiscountRate,
        },
        {
          pAlive: s.pAlive,
          expectedPurchases: s.expectedPurchases,
          expectedSpend: s.expectedSpend,
          clv: s.clv,
        },
      ),
    );
  parts.push(
    explainChurn({
      daysSinceLastPurchase: s.recencyDays,
      usualIntervalDays: s.usualIntervalDays,
      pAlive: s.pAlive,
      recentPurchases: s.recentPurchases,
      earlierPurchases: s.earlierPurchases,
      recentComplaints: s.recentComplaints ?? 0,
      satisfactionTrend: s.satisfactionTrend,
      overdueVisits: s.overdueVisits ?? 0,
    }),
  );
  return parts;
}
