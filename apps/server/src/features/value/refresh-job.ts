import { eq, sql, type SQL } from 'drizzle-orm';
import {
  DAYS_PER_UNIT,
  DEFAULT_LIFECYCLE_RULES,
  DEFAULT_TIER_RULE,
  TIER_LETTERS,
  churnIndicators,
  customerValueScorer,
  dayNumber,
  fitBgNbd,
  fitGammaGamma,
  isoDate,
  lifecycleOfDays,
  rfmFm,
  rfmScoreArrays,
  rfmSegment,
  ruleTierArrays,
  type BgNbdParams,
  type ChurnFacts,
  type CustomerTier,
  type GammaGammaParams,
  type TimeUnit,
} from '@steward/core';
import { queryRows, type Db } from '../../db/client.js';
import { fixedColumnLiteral, roundedAsWritten, wordArray } from '../../db/sql-arrays.js';
import { organizations, tierOverrides, valueModels } from '../../db/schema/index.js';
import { validationFailed, type ErrorDetail } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import { outboxInsert } from '../webhooks/emit.js';
import { BookTotals } from './book-snapshot.js';
import { readPopulation, type Population } from './population.js';

/** Customers per write statement (scores, history, tier/stage changes and alerts of a chunk). */
const CHUNK = 20_000;
/**
 * Chunk statements running at once, each on its own connection (disjoint customers, so they
 * never wait for each other): PostgreSQL works on one while it works on the other, on the
 * second core, while this process scores the next chunk (decision 0062). PGlite runs them in turn.
 */
const WRITES_IN_FLIGHT = 2;
/** The models are fitted on every customer up to this many; above, on a deterministic sample. */
export const FIT_MAX_CUSTOMERS = 50_000;
/** Historic value for the default tier rule: spend in the last 365 days up to asOf. */
export const HISTORIC_DAYS = 365;
/** Churn's purchase-frequency indicator compares the last 180 days with the 180 before. */
const FREQUENCY_WINDOW_DAYS = 180;
/** Retention tasks are due a week after the alert. */
const RETENTION_DUE_DAYS = 7;
/**
 * score_history keeps a customer's P(alive) and CLV as they move, not a row per customer per night
 * (decision 0062): a point when P(alive) moved by this much (absolute) or CLV by this share (at least
 * one currency unit) since the customer's last point. The latest point at or before a date is then
 * within these steps of the score of that date.
 */
export const HISTORY_P_ALIVE_STEP = 0.01;
export const HISTORY_CLV_STEP = 0.01;
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

/** Every k-th customer (in id order) so that at most FIT_MAX_CUSTOMERS are fitted; all when fewer. */
export function deterministicSample<T>(items: readonly T[], max = FIT_MAX_CUSTOMERS): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let k = 0; k < max; k++) out.push(items[Math.floor((k * items.length) / max)]!);
  return out;
}

/** Indexes 0…n−1 of the deterministic sample (the same customers as deterministicSample). */
function sampleIndexes(n: number, max = FIT_MAX_CUSTOMERS): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: max }, (_, k) => Math.floor((k * n) / max));
}

/** The BG/NBD / Gamma-Gamma summary of customer i (FHL 2005; shared/data/README.md), in `unit`s. */
function summaryOf(p: Population, i: number, end: number, perUnit: number) {
  const lo = p.offsets[i]!;
  const hi = p.offsets[i + 1]!;
  const first = p.days[lo]!;
  const x = hi - lo - 1;
  return {
    x,
    tx: (p.days[hi - 1]! - first) / perUnit,
    T: (end - first) / perUnit,
    // Mean spend of the repeat purchase days (the first day is not a repeat).
    monetary: x > 0 ? (p.total[i]! - p.firstDaySpend[i]!) / x : 0,
  };
}

type Facts = {
  overdue: Map<string, number>;
  complaints: Map<string, number>;
  satisfaction: Map<string, number>;
  openAlerts: Map<string, string>;
  overrides: Map<string, CustomerTier>;
};

/** The organization's churn facts besides orders, each in one grouped query. */
async function readFacts(db: Db, orgId: string, asOf: Date): Promise<Facts> {
  const asOfIso = asOf.toISOString();
  const counts = (rows: { customer_id: string; n: number }[]) =>
    new Map(rows.map((r) => [r.customer_id, Number(r.n)]));
  const [overdue, complaints, satisfaction, openAlerts, overrides] = await Promise.all([
    queryRows<{ customer_id: string; n: number }>(
      db,
      sql`select customer_id, count(*)::int as n from tasks
           where org_id = ${orgId} and type = 'visit' and status in ('open', 'in_progress')
             and due_at < ${asOfIso}::timestamptz and customer_id is not null
           group by 1`,
    ),
    queryRows<{ customer_id: string; n: number }>(
      db,
      sql`select customer_id, count(*)::int as n from complaints
           where org_id = ${orgId} and created_at <= ${asOfIso}::timestamptz
             and created_at > ${asOfIso}::timestamptz - make_interval(days => ${COMPLAINT_WINDOW_DAYS})
           group by 1`,
    ),
    queryRows<{ customer_id: string; trend: number | null }>(
      db,
      sql`select s.customer_id,
                 avg(s.score) filter (where s.answered_at > ${asOfIso}::timestamptz - make_interval(days => ${SATISFACTION_WINDOW_DAYS}))
                   - avg(s.score) filter (where s.answered_at <= ${asOfIso}::timestamptz - make_interval(days => ${SATISFACTION_WINDOW_DAYS}))
                   as trend
            from survey_sends s
            join survey_templates st on st.org_id = s.org_id and st.id = s.template_id and st.kind = 'csat'
           where s.org_id = ${orgId} and s.score is not null
             and s.answered_at <= ${asOfIso}::timestamptz
             and s.answered_at > ${asOfIso}::timestamptz - make_interval(days => ${2 * SATISFACTION_WINDOW_DAYS})
           group by 1`,
    ),
    queryRows<{ id: string; customer_id: string }>(
      db,
      sql`select id, customer_id from churn_alerts where org_id = ${orgId} and status = 'open'`,
    ),
    db
      .select({ customerId: tierOverrides.customerId, tier: tierOverrides.tier })
      .from(tierOverrides)
      .where(eq(tierOverrides.orgId, orgId)),
  ]);
  return {
    overdue: counts(overdue),
    complaints: counts(complaints),
    satisfaction: new Map(
      satisfaction.filter((r) => r.trend !== null).map((r) => [r.customer_id, Number(r.trend)]),
    ),
    openAlerts: new Map(openAlerts.map((r) => [r.customer_id, r.id])),
    overrides: new Map(overrides.map((o) => [o.customerId, o.tier as CustomerTier])),
  };
}

/** What one chunk writes, column by column: numbers in typed arrays (NaN is NULL), no boxing. */
class ChunkRows {
  n = 0;
  ids: string[] = [];
  segment: string[] = [];
  stage: string[] = [];
  stageSince: (string | null)[] = [];
  tierRule: string[] = [];
  readonly r = new Int32Array(CHUNK);
  readonly f = new Int32Array(CHUNK);
  readonly m = new Int32Array(CHUNK);
  readonly recency = new Int32Array(CHUNK);
  readonly frequency = new Int32Array(CHUNK);
  readonly monetary = new Float64Array(CHUNK);
  readonly pAlive = new Float64Array(CHUNK);
  readonly expectedPurchases = new Float64Array(CHUNK);
  readonly expectedSpend = new Float64Array(CHUNK);
  readonly clv = new Float64Array(CHUNK);
  /** The horizon when the customer has a CLV, else NaN (NULL). */
  readonly horizon = new Float64Array(CHUNK);
  readonly tierValue = new Float64Array(CHUNK);
  readonly tierPercentile = new Float64Array(CHUNK);
  readonly usualInterval = new Float64Array(CHUNK);
  /** t_x and T in days (integers: cheap to send); the statement divides by the unit's days. */
  readonly bgTxDays = new Int32Array(CHUNK);
  readonly bgTDays = new Int32Array(CHUNK);
  readonly bgMonetary = new Float64Array(CHUNK);
  readonly recent = new Int32Array(CHUNK);
  readonly earlier = new Int32Array(CHUNK);
  readonly complaints = new Int32Array(CHUNK);
  readonly satisfaction = new Float64Array(CHUNK);
  readonly overdue = new Int32Array(CHUNK);
  // Customers whose tier or stage changes, with the old values.
  changed: string[] = [];
  newTier: (string | null)[] = [];
  newStage: string[] = [];
  oldTier: (string | null)[] = [];
  oldStage: (string | null)[] = [];
  // Alerts to close and to open.
  closeIds: string[] = [];
  closeStatus: string[] = [];
  open: {
    alert_id: string;
    customer_id: string;
    owner_id: string | null;
    task_id: string | null;
    reasons: unknown[];
    description: string;
  }[] = [];

  ints(column: Int32Array): string {
    return fixedColumnLiteral(column, this.n, 0);
  }

  /** Amounts, counts and days to a millionth; probabilities and percentiles to 1e-12 (decision 0071). */
  floats(column: Float64Array, decimals = 6): string {
    return fixedColumnLiteral(column, this.n, decimals);
  }
}

/**
 * The job `value-refresh` (API.md, Jobs; PRODUCT.md C6; docs/decisions/0012, 0062, 0071). For
 * the organization, from its orders up to `asOf` only:
 * 1. brings the purchase-day store up to `asOf` (only the customers whose orders changed, or all
 *    of them the first time) and reads every customer's purchase days (local calendar days),
 *    total, first-day and 12-month spend from it, streamed through a cursor into compact arrays
 *    (population.ts, purchase-days.ts) — no object per order or per customer;
 * 2. fits BG/NBD and Gamma-Gamma by maximum likelihood on all customers with a purchase, or on a
 *    deterministic sample (every k-th customer in id order) when there are more than 50,000, and
 *    records the fit in `value_models`;
 * 3. scores RFM (quintiles within the organization) and tiers (DEFAULT_TIER_RULE, or the manual
 *    override) on the whole population;
 * 4. per chunk of customers, in tight loops: CLV and P(alive) (the horizon sums shared per
 *    distinct (x, T)), lifecycle stage, churn indicators; then ONE statement per chunk upserts
 *    `customer_scores` with the compact inputs of every explanation (the explanation itself is
 *    built on read, explanation.ts), appends `score_history`, updates the customers' tier and
 *    stage (each change in field_history, actor null), opens churn alerts (one open per customer;
 *    a retention task, a notification for the owner and the webhook) and closes those followed
 *    to an outcome (retained when no indicator fires any more, lost when the customer churned).
 *    Two chunks' statements run at once (on two connections) while the next chunk is scored.
 * Customers without a purchase up to asOf are not scored.
 */
export async function runValueRefresh(ctx: JobContext) {
  const { db } = ctx.deps;
  const opts = parseValueRefreshOptions(ctx.options) as unknown as ValueRefreshOptions;
  const asOf = ctx.asOf;
  const orgId = ctx.orgId;
  const [org] = await db
    .select({ tz: organizations.timeZone, language: organizations.language })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const tz = org?.tz ?? 'Asia/Shanghai';
  // Retention tasks are read by people: titled in the organization's language, as visit tasks are.
  const english = (org?.language ?? 'zh-CN').startsWith('en');
  const [{ asOfDate, total } = { asOfDate: '', total: 0 }] = await queryRows<{
    asOfDate: string;
    total: number;
  }>(
    db,
    sql`select to_char((${asOf.toISOString()}::timestamptz at time zone ${tz})::date, 'YYYY-MM-DD') as "asOfDate",
               (select count(*)::int from customers where org_id = ${orgId} and deleted_at is null) as total`,
  );
  const end = dayNumber(asOfDate);
  const perUnit = DAYS_PER_UNIT[opts.unit];
  const progress = (f: number) => ctx.progress(Math.min(1, Math.max(0, f)));

  // 1. The purchase days, from the store (with the other churn facts read alongside).
  const factsPromise = readFacts(db, orgId, asOf);
  // Awaited below; this only keeps a failure while the orders are read from counting as unhandled.
  factsPromise.catch(() => undefined);
  const pop = await readPopulation(db, orgId, asOf, end, tz, HISTORIC_DAYS);
  const facts = await factsPromise;
  await progress(0.3);
  const n = pop.n;

  // 2. Fit.
  let bg: BgNbdParams | null = null;
  let gg: GammaGammaParams | null = null;
  let logLikelihood: number | null = null;
  let modelId: string | null = null;
  const sample = Array.from(sampleIndexes(n), (i) => summaryOf(pop, i, end, perUnit));
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
        modelId = newId();
        await db.insert(valueModels).values({
          orgId,
          id: modelId,
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
          sampled: sample.length < n,
          createdAt: ctx.deps.now(),
        });
      }
    } catch (err) {
      // Too little data to fit (e.g. no repeat buyer yet): score without CLV.
      if (!(err instanceof RangeError)) throw err;
    }
  }
  const fitCustomers = sample.length;
  await progress(0.4);

  // 3. Population scores: RFM quintiles and rule tiers over everyone with a purchase.
  const recency = new Int32Array(n);
  const frequency = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const hi = pop.offsets[i + 1]!;
    recency[i] = end - pop.days[hi - 1]!;
    frequency[i] = hi - pop.offsets[i]!;
  }
  const rfm = rfmScoreArrays(recency, frequency, pop.total);
  const tiers = ruleTierArrays(pop.historic, DEFAULT_TIER_RULE);
  const scorer = bg && gg ? customerValueScorer(bg, gg, opts) : null;

  // 4. Score and write, chunk by chunk; up to WRITES_IN_FLIGHT statements run while the next is scored.
  const counts = { customers: 0, alertsOpened: 0, alertsClosed: 0, tiersChanged: 0, stagesChanged: 0 };
  const computedAt = ctx.deps.now();
  const isoOf = new Map<number, string>();
  const iso = (day: number) => {
    let s = isoOf.get(day);
    if (s === undefined) isoOf.set(day, (s = isoDate(day)));
    return s;
  };
  const book = new BookTotals();
  const inFlight: Promise<void>[] = [];
  // Progress marks in order, one after the other (the writes may finish out of order).
  let marked = Promise.resolve();
  let written = 0;
  try {
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      const rows = new ChunkRows();
      for (let i = from; i < to; i++) {
        const id = pop.ids[i]!;
        const lo = pop.offsets[i]!;
        const hi = pop.offsets[i + 1]!;
        const summary = summaryOf(pop, i, end, perUnit);
        let value: ReturnType<NonNullable<typeof scorer>> | null = null;
        if (scorer)
          try {
            value = scorer(summary);
          } catch (err) {
            // The model cannot be evaluated for this customer: scored without CLV.
            if (!(err instanceof RangeError)) throw err;
          }
        const life = lifecycleOfDays(pop.days, lo, hi, end, DEFAULT_LIFECYCLE_RULES);
        let recent = 0;
        let earlier = 0;
        for (let k = hi - 1; k >= lo; k--) {
          const ago = end - pop.days[k]!;
          if (ago < FREQUENCY_WINDOW_DAYS) recent++;
          else if (ago < 2 * FREQUENCY_WINDOW_DAYS) earlier++;
          else break;
        }
        const churnFacts: ChurnFacts = {
          daysSinceLastPurchase: life.daysSinceLastPurchase,
          usualIntervalDays: life.usualIntervalDays,
          pAlive: value ? value.pAlive : null,
          recentPurchases: recent,
          earlierPurchases: earlier,
          recentComplaints: facts.complaints.get(id) ?? 0,
          satisfactionTrend: facts.satisfaction.get(id) ?? null,
          overdueVisits: facts.overdue.get(id) ?? 0,
        };
        const churn = churnIndicators(churnFacts);
        const r = rfm.r[i]!;
        const f = rfm.f[i]!;
        const m = rfm.m[i]!;
        const ruleTier = TIER_LETTERS[tiers.tiers[i]!]!;
        const tier = facts.overrides.get(id) ?? ruleTier;

        const k = rows.n++;
        rows.ids.push(id);
        rows.segment.push(rfmSegment(r, rfmFm(f, m)));
        rows.stage.push(life.stage);
        rows.stageSince.push(life.sinceDay === null ? null : iso(life.sinceDay));
        rows.tierRule.push(ruleTier);
        rows.r[k] = r;
        rows.f[k] = f;
        rows.m[k] = m;
        rows.recency[k] = recency[i]!;
        rows.frequency[k] = frequency[i]!;
        rows.monetary[k] = pop.total[i]!;
        rows.pAlive[k] = value ? value.pAlive : NaN;
        rows.expectedPurchases[k] = value ? value.expectedPurchases : NaN;
        rows.expectedSpend[k] = value ? value.expectedSpend : NaN;
        rows.clv[k] = value ? value.clv : NaN;
        rows.horizon[k] = value ? opts.horizon : NaN;
        rows.tierValue[k] = pop.historic[i]!;
        rows.tierPercentile[k] = tiers.percentiles ? tiers.percentiles[i]! : NaN;
        rows.usualInterval[k] = life.usualIntervalDays ?? NaN;
        rows.bgTxDays[k] = pop.days[hi - 1]! - pop.days[lo]!;
        rows.bgTDays[k] = end - pop.days[lo]!;
        rows.bgMonetary[k] = summary.monetary;
        rows.recent[k] = recent;
        rows.earlier[k] = earlier;
        rows.complaints[k] = churnFacts.recentComplaints;
        rows.satisfaction[k] = churnFacts.satisfactionTrend ?? NaN;
        rows.overdue[k] = churnFacts.overdueVisits;

        const oldTier = pop.tiers[i] ?? null;
        const oldStage = pop.stages[i]!;
        const tierChanged = oldTier !== tier;
        const stageChanged = oldStage !== life.stage;
        if (tierChanged || stageChanged) {
          rows.changed.push(id);
          rows.newTier.push(tier);
          rows.newStage.push(life.stage);
          rows.oldTier.push(oldTier);
          rows.oldStage.push(oldStage);
        }
        counts.tiersChanged += tierChanged ? 1 : 0;
        counts.stagesChanged += stageChanged ? 1 : 0;

        const open = facts.openAlerts.get(id);
        if (open && life.stage === 'churned') {
          rows.closeIds.push(open);
          rows.closeStatus.push('lost');
        } else if (open && !churn.alert) {
          rows.closeIds.push(open);
          rows.closeStatus.push('retained');
        } else if (!open && churn.alert && life.stage !== 'churned') {
          const owner = pop.owners[i]!;
          rows.open.push({
            alert_id: newId(),
            customer_id: id,
            owner_id: owner,
            task_id: owner ? newId() : null,
            reasons: churn.reasons,
            description: `${english ? 'Churn alert' : '流失预警'}: ${churn.reasons.map((x) => x.code).join(', ')}`,
          });
        }
        // The book sums the CLV as the row stores it (to a millionth).
        book.add(pop.owners[i] ?? null, value ? roundedAsWritten(value.clv, 6) : null);
        counts.customers++;
      }
      counts.alertsClosed += rows.closeIds.length;
      if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
      const write = writeChunk(db, rows, {
        orgId,
        asOf,
        computedAt,
        unit: opts.unit,
        population: n,
        modelId,
        english,
      }).then(async (opened) => {
        counts.alertsOpened += opened;
        written += to - from;
        const f = 0.4 + (total ? (0.6 * written) / total : 0.6);
        marked = marked.then(() => progress(f));
        await marked;
      });
      // Awaited before a later write or at the end; this only keeps a failure from counting as unhandled meanwhile.
      write.catch(() => undefined);
      inFlight.push(write);
      // Let the statement go out before scoring the next chunk.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(inFlight);
    // Once every score is written: the value of each owner's book at this refresh.
    await book.write(db, orgId, asOf);
  } catch (err) {
    // A failed write ends the job only once the other statement in flight has ended too.
    await Promise.allSettled(inFlight);
    throw err;
  }

  return {
    ...counts,
    fitted: bg !== null,
    logLikelihood,
    fitCustomers,
    purchaseDays: pop.store,
    asOf: asOf.toISOString(),
    unit: opts.unit,
    horizon: opts.horizon,
  };
}

type ChunkContext = {
  orgId: string;
  asOf: Date;
  computedAt: Date;
  unit: TimeUnit;
  population: number;
  modelId: string | null;
  english: boolean;
};

/**
 * One statement for a chunk (atomic by itself): the scores from arrays (unnest), the history
 * point, the tier/stage changes with their field history, and the alerts closed and opened with
 * their retention tasks, notifications and webhook deliveries. Returns the alerts opened.
 */
async function writeChunk(db: Db, rows: ChunkRows, c: ChunkContext): Promise<number> {
  if (!rows.ids.length) return 0;
  const asOf = sql`${c.asOf.toISOString()}::timestamptz`;
  const org = sql`${c.orgId}::uuid`;
  // Which customers get a history point (decision 0062): those without one (a new score row, or
  // none recorded yet), a re-run at or before the last point's as-of, or P(alive) or CLV moved by a
  // step since the last point. Decided in the upsert itself from the row it replaces, so the row is
  // looked up once; a point is recorded exactly when the row's last point is then at or after asOf
  // (a re-run as of an earlier moment writes its point but leaves the later one as the last).
  const record = sql`(customer_scores.history_as_of is null or customer_scores.history_as_of >= ${asOf}
    or abs(coalesce(excluded.p_alive, -1) - coalesce(customer_scores.history_p_alive, -1)) >= ${HISTORY_P_ALIVE_STEP}::float8
    or abs(coalesce(excluded.clv, -1) - coalesce(customer_scores.history_clv, -1))
         >= ${HISTORY_CLV_STEP}::float8 * greatest(abs(customer_scores.history_clv), 1))`;
  // The last point only moves forward.
  const moves = sql`(${record} and (customer_scores.history_as_of is null or customer_scores.history_as_of <= ${asOf}))`;
  const ctes: SQL[] = [
    sql`u as (
      select * from unnest(
        ${wordArray(rows.ids)}::uuid[], ${rows.ints(rows.r)}::int[], ${rows.ints(rows.f)}::int[],
        ${rows.ints(rows.m)}::int[], ${wordArray(rows.segment)}::text[], ${rows.ints(rows.recency)}::int[],
        ${rows.ints(rows.frequency)}::int[], ${rows.floats(rows.monetary)}::float8[],
        ${rows.floats(rows.pAlive, 12)}::float8[], ${rows.floats(rows.expectedPurchases)}::float8[],
        ${rows.floats(rows.expectedSpend)}::float8[], ${rows.floats(rows.clv)}::float8[],
        ${rows.floats(rows.horizon)}::int[], ${wordArray(rows.stage)}::text[],
        ${wordArray(rows.stageSince)}::date[], ${wordArray(rows.tierRule)}::text[],
        ${rows.floats(rows.tierValue)}::float8[], ${rows.floats(rows.tierPercentile, 12)}::float8[],
        ${rows.floats(rows.usualInterval)}::float8[], ${rows.ints(rows.bgTxDays)}::int[],
        ${rows.ints(rows.bgTDays)}::int[], ${rows.floats(rows.bgMonetary)}::float8[],
        ${rows.ints(rows.recent)}::int[], ${rows.ints(rows.earlier)}::int[],
        ${rows.ints(rows.complaints)}::int[], ${rows.floats(rows.satisfaction)}::float8[],
        ${rows.ints(rows.overdue)}::int[]
      ) as u(customer_id, r, f, m, segment, recency_days, frequency, monetary, p_alive,
             expected_purchases, expected_spend, clv, horizon, stage, stage_since, tier_rule,
             tier_value, tier_percentile, usual_interval_days, bg_tx_days, bg_t_days, bg_monetary,
             recent_purchases, earlier_purchases, recent_complaints, satisfaction_trend, overdue_visits))`,
    sql`s as (
      insert into customer_scores (org_id, customer_id, r, f, m, segment, recency_days, frequency, monetary,
             p_alive, expected_purchases, expected_spend, clv, horizon, unit, stage, stage_since, tier_rule,
             explanation, as_of, computed_at, model_id, population, tier_value, tier_percentile,
             usual_interval_days, bg_tx, bg_t, bg_monetary, recent_purchases, earlier_purchases,
             recent_complaints, satisfaction_trend, overdue_visits, history_as_of, history_p_alive, history_clv)
      select ${org}, u.customer_id, r, f, m, segment, recency_days, frequency, monetary,
             p_alive, expected_purchases, expected_spend, clv, horizon, ${c.unit}::text, stage, stage_since,
             tier_rule, null, ${asOf}, ${c.computedAt.toISOString()}::timestamptz, ${c.modelId}::uuid,
             ${c.population}::int, tier_value, tier_percentile, usual_interval_days,
             bg_tx_days::float8 / ${DAYS_PER_UNIT[c.unit]}::float8, bg_t_days::float8 / ${DAYS_PER_UNIT[c.unit]}::float8,
             bg_monetary, recent_purchases, earlier_purchases, recent_complaints, satisfaction_trend,
             overdue_visits, ${asOf}, p_alive, clv
        from u
      on conflict (org_id, customer_id) do update set
        r = excluded.r, f = excluded.f, m = excluded.m, segment = excluded.segment,
        recency_days = excluded.recency_days, frequency = excluded.frequency, monetary = excluded.monetary,
        p_alive = excluded.p_alive, expected_purchases = excluded.expected_purchases,
        expected_spend = excluded.expected_spend, clv = excluded.clv, horizon = excluded.horizon,
        unit = excluded.unit, stage = excluded.stage, stage_since = excluded.stage_since,
        tier_rule = excluded.tier_rule, explanation = excluded.explanation, as_of = excluded.as_of,
        computed_at = excluded.computed_at, model_id = excluded.model_id, population = excluded.population,
        tier_value = excluded.tier_value, tier_percentile = excluded.tier_percentile,
        usual_interval_days = excluded.usual_interval_days, bg_tx = excluded.bg_tx, bg_t = excluded.bg_t,
        bg_monetary = excluded.bg_monetary, recent_purchases = excluded.recent_purchases,
        earlier_purchases = excluded.earlier_purchases, recent_complaints = excluded.recent_complaints,
        satisfaction_trend = excluded.satisfaction_trend, overdue_visits = excluded.overdue_visits,
        history_as_of = case when ${moves} then excluded.history_as_of else customer_scores.history_as_of end,
        history_p_alive = case when ${moves} then excluded.history_p_alive else customer_scores.history_p_alive end,
        history_clv = case when ${moves} then excluded.history_clv else customer_scores.history_clv end
      returning customer_id, p_alive, clv, history_as_of >= ${asOf} as recorded)`,
    sql`h as (
      insert into score_history (org_id, customer_id, as_of, p_alive, clv)
      select ${org}, customer_id, ${asOf}, p_alive, clv from s where recorded
      on conflict (org_id, customer_id, as_of) do update set p_alive = excluded.p_alive, clv = excluded.clv)`,
  ];
  if (rows.changed.length)
    ctes.push(
      sql`ch as (
        select * from unnest(${wordArray(rows.changed)}::uuid[], ${wordArray(rows.newTier)}::text[],
                             ${wordArray(rows.newStage)}::text[], ${wordArray(rows.oldTier)}::text[],
                             ${wordArray(rows.oldStage)}::text[]) as ch(id, tier, stage, old_tier, old_stage))`,
      sql`cu as (
        update customers c set tier = ch.tier, stage = ch.stage, updated_at = ${c.computedAt.toISOString()}::timestamptz
          from ch where c.org_id = ${org} and c.id = ch.id)`,
      sql`fh as (
        insert into field_history (org_id, id, entity, entity_id, field, old_value, new_value, actor_id, at)
        select ${org}, gen_random_uuid(), 'customer', id, 'tier', to_jsonb(old_tier), to_jsonb(tier), null::uuid, ${asOf}
          from ch where tier is distinct from old_tier
        union all
        select ${org}, gen_random_uuid(), 'customer', id, 'stage', to_jsonb(old_stage), to_jsonb(stage), null::uuid, ${asOf}
          from ch where stage is distinct from old_stage)`,
    );
  if (rows.closeIds.length)
    ctes.push(
      sql`cl as (
        update churn_alerts a set status = v.status, closed_at = ${asOf}
          from unnest(${wordArray(rows.closeIds)}::uuid[], ${wordArray(rows.closeStatus)}::text[]) as v(id, status)
         where a.org_id = ${org} and a.id = v.id)`,
    );
  let opened = sql`0`;
  if (rows.open.length) {
    const due = new Date(c.asOf.getTime() + RETENTION_DUE_DAYS * 86_400_000).toISOString();
    const title = c.english ? sql`'Retain ' || cu2.name` : sql`'挽留客户：' || cu2.name`;
    ctes.push(
      sql`p as (
        select * from jsonb_to_recordset(${JSON.stringify(rows.open)}::jsonb)
          as p(alert_id uuid, customer_id uuid, owner_id uuid, task_id uuid, reasons jsonb, description text))`,
      // One open alert per customer: the partial unique index turns a concurrent duplicate into a no-op.
      sql`a as (
        insert into churn_alerts (org_id, id, customer_id, owner_id, status, reasons, task_id, opened_at)
        select ${org}, alert_id, customer_id, owner_id, 'open', reasons, task_id, ${asOf} from p
        on conflict do nothing
        returning id, customer_id, owner_id, task_id, reasons)`,
      sql`t as (
        insert into tasks (org_id, id, type, title, description, customer_id, assignee_id, created_by,
                           due_at, priority, status, source_key, created_at, updated_at)
        select ${org}, a.task_id, 'retention', ${title}, p.description, a.customer_id, a.owner_id, null,
               ${due}::timestamptz, 'high', 'open', 'churn_alert:' || a.id, ${asOf}, ${asOf}
          from a join p on p.alert_id = a.id
          join customers cu2 on cu2.org_id = ${org} and cu2.id = a.customer_id
         where a.owner_id is not null and a.task_id is not null)`,
      sql`nt as (
        insert into notifications (org_id, id, user_id, kind, data, entity, entity_id, dedupe_key, created_at)
        select ${org}, gen_random_uuid(), a.owner_id, 'churn_alert',
               jsonb_build_object('alertId', a.id, 'taskId', a.task_id, 'reasons', a.reasons),
               'customer', a.customer_id, 'churn_alert:' || a.id, ${asOf}
          from a where a.owner_id is not null and a.task_id is not null
        on conflict do nothing)`,
      sql`wh as (${outboxInsert(
        org,
        'churn_alert.opened',
        sql`a`,
        sql`jsonb_build_object('alertId', a.id, 'customerId', a.customer_id, 'ownerId', a.owner_id, 'reasons', a.reasons)`,
        asOf,
      )})`,
    );
    opened = sql`(select count(*)::int from a)`;
  }
  const [res] = await queryRows<{ opened: number }>(
    db,
    sql`with ${sql.join(ctes, sql`, `)} select ${opened} as opened`,
  );
  return Number(res?.opened ?? 0);
}

export const valueRefreshJob: JobDefinition = {
  name: 'value-refresh',
  handler: runValueRefresh,
  options: ['unit', 'horizon', 'annualDiscountRate'],
  parseOptions: parseValueRefreshOptions,
  cron: '0 3 * * *',
};
