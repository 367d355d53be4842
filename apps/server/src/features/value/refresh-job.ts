import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import {
  DEFAULT_LIFECYCLE_RULES,
  DEFAULT_TIER_RULE,
  assignTiers,
  buildSummary,
  churnIndicators,
  daysBetween,
  explainChurn,
  explainClv,
  explainLifecycle,
  explainTier,
  fitBgNbd,
  fitGammaGamma,
  lifecycleStage,
  rfmInputsFromTransactions,
  rfmScores,
  type BgNbdParams,
  type ChurnFacts,
  type CustomerSummary,
  type CustomerTier,
  type Explanation,
  type GammaGammaParams,
  type RfmInput,
  type RfmScore,
  type TierResult,
  type TimeUnit,
  type Transaction,
} from '@steward/core';
import { queryRows, type Db } from '../../db/client.js';
import {
  churnAlerts,
  customerScores,
  fieldHistory,
  notifications,
  organizations,
  scoreHistory,
  tasks,
  tierOverrides,
  valueModels,
} from '../../db/schema/index.js';
import { validationFailed, type ErrorDetail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import { emitEvents } from '../webhooks/emit.js';

/** Customers per chunk: one customers query, one grouped orders query and one write transaction. */
const CHUNK = 1000;
/** The models are fitted on every customer up to this many; above, on a deterministic sample. */
export const FIT_MAX_CUSTOMERS = 50_000;
/** Historic value for the default tier rule: spend in the last 365 days up to asOf. */
const HISTORIC_DAYS = 365;
/** Churn's purchase-frequency indicator compares the last 180 days with the 180 before. */
const FREQUENCY_WINDOW_DAYS = 180;
/** Retention tasks are due a week after the alert. */
const RETENTION_DUE_DAYS = 7;
/** Complaints opened in this many days before asOf count as recent (churn indicator). */
const COMPLAINT_WINDOW_DAYS = 90;
/** Satisfaction trend: mean CSAT answered in this many days before asOf minus the window before it. */
const SATISFACTION_WINDOW_DAYS = 180;
const UNITS: readonly TimeUnit[] = ['day', 'week', 'month'];
/** The default horizon, 52 weeks, in each unit. */
const DEFAULT_HORIZON: Record<TimeUnit, number> = { day: 364, week: 52, month: 12 };

export type ValueRefreshOptions = { unit: TimeUnit; horizon: number; annualDiscountRate: number };

/** Validates the options of POST /jobs/value-refresh/run; throws 400 validation_failed with paths. */
export function parseValueRefreshOptions(raw: Record<string, unknown>): Record<string, unknown> {
  const details: ErrorDetail[] = [];
  const unit = (raw.unit ?? 'week') as TimeUnit;
  if (!UNITS.includes(unit)) details.push({ path: 'unit', message: 'expected day, week or month' });
  const horizon = raw.horizon ?? DEFAULT_HORIZON[unit] ?? 52;
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1 || horizon > 3660)
    details.push({ path: 'horizon', message: 'expected a whole number of units, 1–3660' });
  const rate = raw.annualDiscountRate ?? 0.1;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1)
    details.push({ path: 'annualDiscountRate', message: 'expected a fraction 0–1 (0.1 = 10 % a year)' });
  if (details.length) throw validationFailed(details);
  return { ...raw, unit, horizon, annualDiscountRate: rate };
}

type CustomerFacts = {
  id: string;
  name: string;
  owner_id: string | null;
  tier: string | null;
  stage: string;
  created_at: Date | string;
};
type DayRow = { customer_id: string; day: string; amount: number };
type Chunk = { customers: CustomerFacts[]; days: DayRow[]; after: string; last: string };

const ZERO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Walks the organization's customers in id order, CHUNK at a time, with their purchases up to
 * asOf aggregated per customer and calendar day (in the organization's time zone) in SQL: the job
 * never holds more than one chunk of order data.
 */
async function* customerChunks(db: Db, orgId: string, asOf: Date, tz: string): AsyncGenerator<Chunk> {
  let after = ZERO_ID;
  for (;;) {
    const cs = await queryRows<CustomerFacts>(
      db,
      sql`select id, name, owner_id, tier, stage, created_at from customers
           where org_id = ${orgId} and deleted_at is null and id > ${after}
           order by id limit ${CHUNK}`,
    );
    if (!cs.length) return;
    const last = cs[cs.length - 1]!.id;
    const days = await queryRows<DayRow>(
      db,
      sql`select customer_id, to_char((ordered_at at time zone ${tz})::date, 'YYYY-MM-DD') as day,
                 sum(amount)::float8 as amount
            from orders
           where org_id = ${orgId} and customer_id > ${after} and customer_id <= ${last}
             and ordered_at <= ${asOf.toISOString()}::timestamptz
           group by 1, 2 order by 1, 2`,
    );
    yield { customers: cs, days: days.map((d) => ({ ...d, amount: Number(d.amount) })), after, last };
    after = last;
  }
}

const toTransactions = (days: DayRow[]): Transaction[] =>
  days.map((d) => ({ customerId: d.customer_id, date: d.day, amount: d.amount }));

function groupDays(days: DayRow[]): Map<string, DayRow[]> {
  const by = new Map<string, DayRow[]>();
  for (const d of days) {
    const list = by.get(d.customer_id);
    if (list) list.push(d);
    else by.set(d.customer_id, [d]);
  }
  return by;
}

/** Every k-th customer (in id order) so that at most FIT_MAX_CUSTOMERS are fitted; all when fewer. */
export function deterministicSample<T>(items: readonly T[], max = FIT_MAX_CUSTOMERS): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let k = 0; k < max; k++) out.push(items[Math.floor((k * items.length) / max)]!);
  return out;
}

function rfmExplanation(input: RfmInput, s: RfmScore, population: number): Explanation {
  return {
    score: 'rfm',
    result: s.segment,
    model: 'rfm_quintiles_v1',
    inputs: {
      daysSinceLastPurchase: input.daysSinceLastPurchase,
      frequency: input.frequency,
      monetary: input.monetary,
    },
    parameters: { population, r: s.r, f: s.f, m: s.m, fm: s.fm },
    reasons: [
      { code: 'recency_score', value: s.r },
      { code: 'frequency_score', value: s.f },
      { code: 'monetary_score', value: s.m },
      { code: `segment_${s.segment}`, value: `R${s.r}FM${s.fm}` },
    ],
  };
}

const reasonValue = (e: Explanation, code: string): number | null => {
  const v = e.reasons.find((r) => r.code === code)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** ON CONFLICT … DO UPDATE of every score column but the key. */
const SCORE_UPDATE = Object.fromEntries(
  Object.entries(getTableColumns(customerScores))
    .filter(([k]) => k !== 'orgId' && k !== 'customerId')
    .map(([k, c]) => [k, sql.raw(`excluded."${c.name}"`)]),
);

/**
 * The job `value-refresh` (API.md, Jobs; PRODUCT.md C6). For the organization, from its orders up
 * to `asOf` only:
 * 1. streams customers in id-keyset chunks with their purchases summed per local day in SQL and
 *    builds the BG/NBD summary (core `buildSummary`), RFM inputs and 12-month spend;
 * 2. fits BG/NBD and Gamma-Gamma by maximum likelihood on all customers with a purchase, or on a
 *    deterministic sample (every k-th customer in id order) when there are more than 50,000, and
 *    records the fit in `value_models`;
 * 3. scores RFM (quintiles within the organization) and tiers (DEFAULT_TIER_RULE, or the manual
 *    override) on the whole population;
 * 4. walks the chunks again and, per chunk in one transaction: CLV and P(alive), lifecycle stage,
 *    churn indicators; upserts `customer_scores`, appends `score_history`, updates the customers'
 *    tier and stage (each change in field_history, actor null), opens churn alerts (one open per
 *    customer; a retention task and a notification for the owner) and closes those followed to an
 *    outcome (retained when no indicator fires any more, lost when the customer churned).
 * Customers without a purchase up to asOf are not scored. Population-level state is a few numbers
 * per customer (the RFM inputs, the fit inputs, the tier); order rows are never all in memory.
 */
/** One customer's CLV explanation; null (scored without CLV) if the model cannot be evaluated for them. */
function clvOrNull(...args: Parameters<typeof explainClv>) {
  try {
    return explainClv(...args);
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

export async function runValueRefresh(ctx: JobContext) {
  const { db } = ctx.deps;
  const opts = parseValueRefreshOptions(ctx.options) as unknown as ValueRefreshOptions;
  const asOf = ctx.asOf;
  const [org] = await db
    .select({ tz: organizations.timeZone, language: organizations.language })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  const tz = org?.tz ?? 'Asia/Shanghai';
  // Retention tasks are read by people: titled in the organization's language, as visit tasks are.
  const english = (org?.language ?? 'zh-CN').startsWith('en');
  const [{ asOfDate, total } = { asOfDate: '', total: 0 }] = await queryRows<{
    asOfDate: string;
    total: number;
  }>(
    db,
    sql`select to_char((${asOf.toISOString()}::timestamptz at time zone ${tz})::date, 'YYYY-MM-DD') as "asOfDate",
               (select count(*)::int from customers where org_id = ${ctx.orgId} and deleted_at is null) as total`,
  );
  const progress = (f: number) => ctx.progress(Math.min(1, Math.max(0, f)));

  // Pass 1: summaries for the fit, RFM inputs and historic value for the population scores.
  const fitInputs: CustomerSummary[] = [];
  const rfmInputs: RfmInput[] = [];
  const historic = new Map<string, number>();
  let seen = 0;
  for await (const chunk of customerChunks(db, ctx.orgId, asOf, tz)) {
    const tx = toTransactions(chunk.days);
    for (const s of buildSummary(tx, asOfDate, opts.unit)) fitInputs.push(s);
    for (const r of rfmInputsFromTransactions(tx, asOfDate)) rfmInputs.push(r);
    for (const d of chunk.days)
      if (daysBetween(d.day, asOfDate) < HISTORIC_DAYS)
        historic.set(d.customer_id, (historic.get(d.customer_id) ?? 0) + d.amount);
    seen += chunk.customers.length;
    await progress(total ? (0.4 * seen) / total : 0.4);
  }

  // Fit.
  let bg: BgNbdParams | null = null;
  let gg: GammaGammaParams | null = null;
  let logLikelihood: number | null = null;
  const sample = deterministicSample(fitInputs);
  if (sample.length > 0) {
    try {
      const bgFit = fitBgNbd(sample);
      const ggFit = fitGammaGamma(sample);
      const ok = [
        bgFit.params.r,
        bgFit.params.alpha,
        bgFit.params.a,
        bgFit.params.b,
        bgFit.logLikelihood,
      ].every(Number.isFinite);
      if (ok && ggFit.params.q > 1) {
        bg = bgFit.params;
        gg = ggFit.params;
        logLikelihood = bgFit.logLikelihood;
        await db.insert(valueModels).values({
          orgId: ctx.orgId,
          id: newId(),
          model: 'bg-nbd',
          params: bg,
          logLikelihood: bgFit.logLikelihood,
          spendParams: gg,
          spendLogLikelihood: ggFit.logLikelihood,
          unit: opts.unit,
          horizon: opts.horizon,
          annualDiscountRate: opts.annualDiscountRate,
          asOf,
          customers: bgFit.customers,
          repeatBuyers: ggFit.customers,
          sampled: sample.length < fitInputs.length,
          createdAt: ctx.deps.now(),
        });
      }
    } catch (err) {
      // Too little data to fit (e.g. no repeat buyer yet): score without CLV.
      if (!(err instanceof RangeError)) throw err;
    }
  }
  const fitCustomers = sample.length;
  sample.length = 0;
  fitInputs.length = 0;
  await progress(0.5);

  // Population scores.
  const rfmInputById = new Map(rfmInputs.map((r) => [r.customerId, r]));
  const rfm = new Map(rfmScores(rfmInputs).map((s) => [s.customerId, s]));
  const overrides = new Map(
    (
      await db
        .select({
          customerId: tierOverrides.customerId,
          tier: tierOverrides.tier,
          reason: tierOverrides.reason,
        })
        .from(tierOverrides)
        .where(eq(tierOverrides.orgId, ctx.orgId))
    ).map((o) => [o.customerId, { tier: o.tier as CustomerTier, reason: o.reason }]),
  );
  const tiers = new Map<string, TierResult>(
    assignTiers(
      rfmInputs.map((r) => ({
        customerId: r.customerId,
        historicValue: historic.get(r.customerId) ?? 0,
        predictedValue: null,
        override: overrides.get(r.customerId) ?? null,
      })),
      DEFAULT_TIER_RULE,
    ).map((t) => [t.customerId, t]),
  );
  const population = rfmInputs.length;
  rfmInputs.length = 0;
  historic.clear();

  // Pass 2: score and write, chunk by chunk.
  const counts = { customers: 0, alertsOpened: 0, alertsClosed: 0, tiersChanged: 0, stagesChanged: 0 };
  const computedAt = ctx.deps.now();
  const asOfIso = asOf.toISOString();
  seen = 0;
  for await (const chunk of customerChunks(db, ctx.orgId, asOf, tz)) {
    const byCustomer = groupDays(chunk.days);
    const summaries = new Map(
      buildSummary(toTransactions(chunk.days), asOfDate, opts.unit).map((s) => [s.customerId, s]),
    );
    const range = (col: SQL) => sql`${col} > ${chunk.after} and ${col} <= ${chunk.last}`;
    const overdue = new Map(
      (
        await queryRows<{ customer_id: string; n: number }>(
          db,
          sql`select customer_id, count(*)::int as n from tasks
               where org_id = ${ctx.orgId} and type = 'visit' and status in ('open', 'in_progress')
                 and due_at < ${asOfIso}::timestamptz and ${range(sql`customer_id`)}
               group by 1`,
        )
      ).map((r) => [r.customer_id, Number(r.n)]),
    );
    const complaintsRecent = new Map(
      (
        await queryRows<{ customer_id: string; n: number }>(
          db,
          sql`select customer_id, count(*)::int as n from complaints
               where org_id = ${ctx.orgId} and ${range(sql`customer_id`)}
                 and created_at <= ${asOfIso}::timestamptz
                 and created_at > ${asOfIso}::timestamptz - make_interval(days => ${COMPLAINT_WINDOW_DAYS})
               group by 1`,
        )
      ).map((r) => [r.customer_id, Number(r.n)]),
    );
    const satisfaction = new Map(
      (
        await queryRows<{ customer_id: string; trend: number | null }>(
          db,
          sql`select s.customer_id,
                     avg(s.score) filter (where s.answered_at > ${asOfIso}::timestamptz - make_interval(days => ${SATISFACTION_WINDOW_DAYS}))
                       - avg(s.score) filter (where s.answered_at <= ${asOfIso}::timestamptz - make_interval(days => ${SATISFACTION_WINDOW_DAYS}))
                       as trend
                from survey_sends s
                join survey_templates st on st.org_id = s.org_id and st.id = s.template_id and st.kind = 'csat'
               where s.org_id = ${ctx.orgId} and ${range(sql`s.customer_id`)} and s.score is not null
                 and s.answered_at <= ${asOfIso}::timestamptz
                 and s.answered_at > ${asOfIso}::timestamptz - make_interval(days => ${2 * SATISFACTION_WINDOW_DAYS})
               group by 1`,
        )
      )
        .filter((r) => r.trend !== null)
        .map((r) => [r.customer_id, Number(r.trend)]),
    );
    const openAlerts = new Map(
      (
        await queryRows<{ id: string; customer_id: string }>(
          db,
          sql`select id, customer_id from churn_alerts
               where org_id = ${ctx.orgId} and status = 'open' and ${range(sql`customer_id`)}`,
        )
      ).map((r) => [r.customer_id, r.id]),
    );

    const scoreRows: (typeof customerScores.$inferInsert)[] = [];
    const historyRows: (typeof scoreHistory.$inferInsert)[] = [];
    const changes: { id: string; tier: string | null; stage: string }[] = [];
    const fieldRows: (typeof fieldHistory.$inferInsert)[] = [];
    const toOpen: { c: CustomerFacts; reasons: Record<string, unknown>[] }[] = [];
    const toClose: { alertId: string; status: 'retained' | 'lost' }[] = [];

    for (const c of chunk.customers) {
      const days = byCustomer.get(c.id);
      const summary = summaries.get(c.id);
      const r = rfm.get(c.id);
      const tier = tiers.get(c.id);
      const rfmIn = rfmInputById.get(c.id);
      if (!days || !summary || !r || !tier || !rfmIn) continue;
      const clvExpl = bg && gg ? clvOrNull(summary, bg, gg, opts) : null;
      const pAlive = clvExpl ? reasonValue(clvExpl, 'p_alive') : null;
      const clv = clvExpl ? reasonValue(clvExpl, 'discounted_clv') : null;
      const createdAt = new Date(c.created_at).toISOString().slice(0, 10);
      const life = lifecycleStage(
        days.map((d) => d.day),
        asOfDate,
        DEFAULT_LIFECYCLE_RULES,
        createdAt <= asOfDate ? createdAt : null,
      );
      const recent = days.filter((d) => daysBetween(d.day, asOfDate) < FREQUENCY_WINDOW_DAYS).length;
      const earlier = days.filter((d) => {
        const ago = daysBetween(d.day, asOfDate);
        return ago >= FREQUENCY_WINDOW_DAYS && ago < 2 * FREQUENCY_WINDOW_DAYS;
      }).length;
      const facts: ChurnFacts = {
        daysSinceLastPurchase: life.daysSinceLastPurchase,
        usualIntervalDays: life.usualIntervalDays,
        pAlive,
        recentPurchases: recent,
        earlierPurchases: earlier,
        recentComplaints: complaintsRecent.get(c.id) ?? 0,
        satisfactionTrend: satisfaction.get(c.id) ?? null,
        overdueVisits: overdue.get(c.id) ?? 0,
      };
      const churn = churnIndicators(facts);
      const explanation = [
        rfmExplanation(rfmIn, r, population),
        explainTier(tier, DEFAULT_TIER_RULE),
        explainLifecycle(life, DEFAULT_LIFECYCLE_RULES),
        ...(clvExpl ? [clvExpl] : []),
        explainChurn(facts),
      ];
      scoreRows.push({
        orgId: ctx.orgId,
        customerId: c.id,
        r: r.r,
        f: r.f,
        m: r.m,
        segment: r.segment,
        recencyDays: rfmIn.daysSinceLastPurchase,
        frequency: rfmIn.frequency,
        monetary: rfmIn.monetary,
        pAlive,
        expectedPurchases: clvExpl ? reasonValue(clvExpl, 'expected_purchases') : null,
        expectedSpend: clvExpl ? reasonValue(clvExpl, 'expected_spend') : null,
        clv,
        horizon: clvExpl ? opts.horizon : null,
        unit: opts.unit,
        stage: life.stage,
        stageSince: life.since,
        tierRule: tier.ruleTier,
        explanation: explanation as unknown as Record<string, unknown>[],
        asOf,
        computedAt,
      });
      historyRows.push({ orgId: ctx.orgId, customerId: c.id, asOf, pAlive, clv });
      const tierChanged = c.tier !== tier.tier;
      const stageChanged = c.stage !== life.stage;
      if (tierChanged || stageChanged) changes.push({ id: c.id, tier: tier.tier, stage: life.stage });
      const history = (field: string, oldValue: unknown, newValue: unknown) =>
        fieldRows.push({
          orgId: ctx.orgId,
          id: newId(),
          entity: 'customer',
          entityId: c.id,
          field,
          oldValue,
          newValue,
          actorId: null,
          at: asOf,
        });
      if (tierChanged) history('tier', c.tier, tier.tier);
      if (stageChanged) history('stage', c.stage, life.stage);
      counts.tiersChanged += tierChanged ? 1 : 0;
      counts.stagesChanged += stageChanged ? 1 : 0;

      const open = openAlerts.get(c.id);
      if (open && life.stage === 'churned') toClose.push({ alertId: open, status: 'lost' });
      else if (open && !churn.alert) toClose.push({ alertId: open, status: 'retained' });
      else if (!open && churn.alert && life.stage !== 'churned')
        toOpen.push({ c, reasons: churn.reasons as Record<string, unknown>[] });
      counts.customers++;
    }

    await db.transaction(async (tx) => {
      if (scoreRows.length) {
        await tx
          .insert(customerScores)
          .values(scoreRows)
          .onConflictDoUpdate({
            target: [customerScores.orgId, customerScores.customerId],
            set: SCORE_UPDATE,
          });
        await tx
          .insert(scoreHistory)
          .values(historyRows)
          .onConflictDoUpdate({
            target: [scoreHistory.orgId, scoreHistory.customerId, scoreHistory.asOf],
            set: { pAlive: sql`excluded.p_alive`, clv: sql`excluded.clv` },
          });
      }
      if (changes.length) {
        const values = sql.join(
          changes.map((ch) => sql`(${ch.id}::uuid, ${ch.tier}::text, ${ch.stage}::text)`),
          sql`, `,
        );
        await tx.execute(
          sql`update customers as c set tier = v.tier, stage = v.stage, updated_at = ${computedAt.toISOString()}::timestamptz
                from (values ${values}) as v(id, tier, stage)
               where c.org_id = ${ctx.orgId} and c.id = v.id`,
        );
        await tx.insert(fieldHistory).values(fieldRows);
      }
      for (const status of ['retained', 'lost'] as const) {
        const ids = toClose.filter((cl) => cl.status === status).map((cl) => cl.alertId);
        if (ids.length)
          await tx
            .update(churnAlerts)
            .set({ status, closedAt: asOf })
            .where(and(eq(churnAlerts.orgId, ctx.orgId), inArray(churnAlerts.id, ids)));
      }
      counts.alertsClosed += toClose.length;
      if (!toOpen.length) return;
      const planned = toOpen.map(({ c, reasons }) => ({
        c,
        reasons,
        alertId: newId(),
        taskId: c.owner_id ? newId() : null,
      }));
      // One open alert per customer: the partial unique index turns a concurrent duplicate into a no-op.
      const inserted = await tx
        .insert(churnAlerts)
        .values(
          planned.map((p) => ({
            orgId: ctx.orgId,
            id: p.alertId,
            customerId: p.c.id,
            ownerId: p.c.owner_id,
            status: 'open',
            reasons: p.reasons,
            taskId: p.taskId,
            openedAt: asOf,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: churnAlerts.id });
      const done = new Set(inserted.map((r) => r.id));
      counts.alertsOpened += done.size;
      const opened = planned.filter((p) => done.has(p.alertId));
      const hooks = opened.map((p) => ({
        alertId: p.alertId,
        customerId: p.c.id,
        ownerId: p.c.owner_id,
        reasons: p.reasons,
      }));
      await emitEvents(tx, ctx.orgId, 'churn_alert.opened', hooks, asOf);
      const owned = planned.filter((p) => done.has(p.alertId) && p.c.owner_id && p.taskId);
      if (!owned.length) return;
      await tx.insert(tasks).values(
        owned.map((p) => ({
          orgId: ctx.orgId,
          id: p.taskId!,
          type: 'retention',
          title: english ? `Retain ${p.c.name}` : `挽留客户：${p.c.name}`,
          description: `${english ? 'Churn alert' : '流失预警'}: ${p.reasons.map((r) => String(r.code)).join(', ')}`,
          customerId: p.c.id,
          assigneeId: p.c.owner_id!,
          createdBy: null,
          dueAt: new Date(asOf.getTime() + RETENTION_DUE_DAYS * 86_400_000),
          priority: 'high',
          status: 'open',
          sourceKey: `churn_alert:${p.alertId}`,
          createdAt: asOf,
          updatedAt: asOf,
        })),
      );
      await tx
        .insert(notifications)
        .values(
          owned.map((p) => ({
            orgId: ctx.orgId,
            id: newId(),
            userId: p.c.owner_id!,
            kind: 'churn_alert',
            data: { alertId: p.alertId, taskId: p.taskId, reasons: p.reasons },
            entity: 'customer',
            entityId: p.c.id,
            dedupeKey: `churn_alert:${p.alertId}`,
            createdAt: asOf,
          })),
        )
        .onConflictDoNothing();
    });
    seen += chunk.customers.length;
    await progress(0.5 + (total ? (0.5 * seen) / total : 0.5));
  }

  return {
    ...counts,
    fitted: bg !== null,
    logLikelihood,
    fitCustomers,
    asOf: asOfIso,
    unit: opts.unit,
    horizon: opts.horizon,
  };
}

export const valueRefreshJob: JobDefinition = {
  name: 'value-refresh',
  handler: runValueRefresh,
  options: ['unit', 'horizon', 'annualDiscountRate'],
  parseOptions: parseValueRefreshOptions,
  cron: '0 3 * * *',
};
