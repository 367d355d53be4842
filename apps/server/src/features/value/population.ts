import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { purchaseDaysQuery, refreshPurchaseDays } from './purchase-days.js';

type StoreRefresh = Awaited<ReturnType<typeof refreshPurchaseDays>>;

/**
 * The purchase facts of an organization's customers as of a moment, read from the purchase-day
 * store (one row per customer, decision 0071) and held as compact parallel arrays (no object per
 * customer or order): for customer i (in id order), its distinct local purchase days are
 * days[offsets[i]] … days[offsets[i+1] − 1] (day numbers, days since 1970-01-01, ascending), with
 * its total spend, the spend of its first purchase day and its spend in the last `historicDays`
 * days. About 60 bytes per customer plus 4
 * per purchase day: a million customers with ten million orders fit in a few hundred MB.
 */
export type Population = {
  n: number;
  ids: string[];
  owners: (string | null)[];
  tiers: (string | null)[];
  stages: string[];
  offsets: Int32Array;
  days: Int32Array;
  total: Float64Array;
  firstDaySpend: Float64Array;
  historic: Float64Array;
};

/** Rows fetched per round trip of the cursor. */
const FETCH = 20_000;

class Growable {
  buf: Float64Array | Int32Array;
  length = 0;
  constructor(private readonly kind: 'f64' | 'i32') {
    this.buf = kind === 'f64' ? new Float64Array(1024) : new Int32Array(1024);
  }
  push(v: number) {
    if (this.length === this.buf.length) {
      const next = this.kind === 'f64' ? new Float64Array(this.length * 2) : new Int32Array(this.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  done<T extends Float64Array | Int32Array>(): T {
    return this.buf.slice(0, this.length) as T;
  }
}

type Row = { id: string; days: string; cents: string };

type CustomerRow = { id: string; owner_id: string | null; tier: string | null; stage: string };

/** The live customers of the organization, in id order: who owns them, their tier and stage. */
type Customers = { ids: string[]; owners: (string | null)[]; tiers: (string | null)[]; stages: string[] };

/**
 * The purchases of the organization's live customers as of `asOf` (decisions 0012, 0062, 0071):
 * the purchase-day store is brought up to `asOf` (purchase-days.ts: only the customers whose
 * orders changed, or all of them the first time), then read through a cursor, FETCH rows at a
 * time. The live customers (owner, tier, stage) are read at the same time by a second statement on
 * another connection and joined here, so that PostgreSQL's second core does that work. Nothing else may be awaited on `db` inside either transaction (PGlite has one
 * connection: it would wait for the transaction).
 */
export async function readPopulation(
  db: Db,
  orgId: string,
  asOf: Date,
  asOfDay: number,
  tz: string,
  historicDays: number,
): Promise<Population & { store: StoreRefresh }> {
  const query = purchaseDaysQuery(orgId);
  const historicAfter = asOfDay - historicDays;
  const customersRead = readLiveCustomers(db, orgId);
  // Awaited after the orders; this only keeps a failure meanwhile from counting as unhandled.
  customersRead.catch(() => undefined);
  const ids: string[] = [];
  const offsets = new Growable('i32');
  const days = new Growable('i32');
  const total = new Growable('f64');
  const firstDaySpend = new Growable('f64');
  const historic = new Growable('f64');
  offsets.push(0);
  // Planner settings for these transactions only (decision 0012). The sort of all the orders of a
  // full rebuild of the store should stay in memory; parallel workers and JIT only add start-up
  // cost here.
  const settings = [
    sql`set local work_mem = '1GB'`,
    sql`set local max_parallel_workers_per_gather = 0`,
    sql`set local jit = off`,
  ];
  // The store is brought up to asOf in a transaction of its own, so that the locks it takes on the
  // stale list (order writes of those customers wait for them) are held for that long only.
  const store: StoreRefresh = await db.transaction(async (tx) => {
    for (const setting of settings) await tx.execute(setting);
    return refreshPurchaseDays(tx as unknown as Db, orgId, asOf, tz);
  });
  // The read's transaction catches up with the orders written meanwhile (usually none) under the
  // same per-organization lock, so it reads the store as of asOf even if another refresh ran. The
  // few entries it takes stay locked until the read ends.
  const refresh = async (tx: Db) => {
    store.rebuilt += (await refreshPurchaseDays(tx, orgId, asOf, tz)).rebuilt;
  };
  await readThroughCursor<Row>(db, 'value_refresh_population', query, settings, refresh, (r) => {
    ids.push(r.id);
    const from = days.length;
    parseDays(r.days, days);
    offsets.push(days.length);
    sumCents(r.cents, days.buf, from, historicAfter);
    total.push(sums.total / 100);
    firstDaySpend.push(sums.first / 100);
    historic.push(sums.historic / 100);
  });
  const population = joinCustomers(
    {
      ids,
      offsets: offsets.done(),
      days: days.done(),
      total: total.done(),
      firstDaySpend: firstDaySpend.done(),
      historic: historic.done(),
    },
    await customersRead,
  );
  return { ...population, store };
}

async function readLiveCustomers(db: Db, orgId: string): Promise<Customers> {
  const out: Customers = { ids: [], owners: [], tiers: [], stages: [] };
  const query = sql`select id, owner_id, tier, stage from customers
                     where org_id = ${orgId}::uuid and deleted_at is null order by id`;
  await readThroughCursor<CustomerRow>(db, 'value_refresh_customers', query, [], null, (r) => {
    out.ids.push(r.id);
    out.owners.push(r.owner_id);
    out.tiers.push(r.tier);
    out.stages.push(r.stage);
  });
  return out;
}

/**
 * Reads `query` to the end through a cursor of its own transaction, FETCH rows a round trip, with
 * `settings` (`set local …`) for that transaction, after `prepare` has run in it. A cursor is
 * planned for its first rows unless told otherwise; these are read to the end.
 */
async function readThroughCursor<R>(
  db: Db,
  name: string,
  query: SQL,
  settings: SQL[],
  prepare: ((tx: Db) => Promise<void>) | null,
  onRow: (row: R) => void,
): Promise<void> {
  const cursor = sql.raw(name);
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local cursor_tuple_fraction = 1`);
    for (const setting of settings) await tx.execute(setting);
    if (prepare) await prepare(tx);
    await tx.execute(sql`declare ${cursor} no scroll cursor for ${query}`);
    for (;;) {
      const rows = await queryRows<R>(tx, sql`fetch forward ${sql.raw(String(FETCH))} from ${cursor}`);
      for (const r of rows) onRow(r);
      if (rows.length < FETCH) break;
    }
    await tx.execute(sql`close ${cursor}`);
  });
}

type Purchases = Pick<Population, 'ids' | 'offsets' | 'days' | 'total' | 'firstDaySpend' | 'historic'>;

/**
 * Joins the customers' purchases (in id order) to the live customers (in id order): keeps those
 * that are live, with their owner, tier and stage, compacting the arrays in place. Ids compare as
 * text: lower-case hexadecimal UUIDs sort as their bytes do, as PostgreSQL orders them.
 */
export function joinCustomers(p: Purchases, c: Customers): Population {
  const owners: (string | null)[] = [];
  const tiers: (string | null)[] = [];
  const stages: string[] = [];
  const { ids, offsets, days, total, firstDaySpend, historic } = p;
  let j = 0;
  let k = 0;
  let at = 0; // next free position in days
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    while (j < c.ids.length && c.ids[j]! < id) j++;
    if (j === c.ids.length || c.ids[j] !== id) continue;
    const from = offsets[i]!;
    const to = offsets[i + 1]!;
    if (at !== from) days.copyWithin(at, from, to);
    ids[k] = id;
    offsets[k] = at;
    total[k] = total[i]!;
    firstDaySpend[k] = firstDaySpend[i]!;
    historic[k] = historic[i]!;
    owners.push(c.owners[j]!);
    tiers.push(c.tiers[j]!);
    stages.push(c.stages[j]!);
    at += to - from;
    k++;
  }
  offsets[k] = at;
  ids.length = k;
  return {
    n: k,
    ids,
    owners,
    tiers,
    stages,
    offsets: offsets.slice(0, k + 1),
    days: days.slice(0, at),
    total: total.slice(0, k),
    firstDaySpend: firstDaySpend.slice(0, k),
    historic: historic.slice(0, k),
  };
}

/** What sumCents found, in hundredths (exact integers). */
const sums = { total: 0, first: 0, historic: 0 };

/**
 * Sums the day spends 'c1,c2,…' (hundredths, the days' order) of the customer whose days start at
 * days[from]: all of them, the first day's, and those of the days after `historicAfter`. The days
 * must be strictly ascending, as the store keeps them: the first day's spend is the first listed.
 */
export function sumCents(text: string, days: ArrayLike<number>, from: number, historicAfter: number) {
  let v = 0;
  let neg = false;
  let k = from;
  sums.total = 0;
  sums.first = 0;
  sums.historic = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 44;
    if (ch === 44 /* , */) {
      const c = neg ? -v : v;
      if (k === from) sums.first = c;
      else if (!(days[k]! > days[k - 1]!)) throw new Error('purchase_days: days not strictly ascending');
      sums.total += c;
      if (days[k]! > historicAfter) sums.historic += c;
      k++;
      v = 0;
      neg = false;
    } else if (ch === 45 /* - */) neg = true;
    else v = v * 10 + (ch - 48);
  }
  return sums;
}

/** Appends the integers of 'd1,d2,…' (optionally negative) to `out`. */
function parseDays(text: string, out: Growable) {
  let v = 0;
  let neg = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 44 /* , */) {
      if (any) out.push(neg ? -v : v);
      v = 0;
      neg = false;
      any = false;
    } else if (ch === 45 /* - */) neg = true;
    else {
      v = v * 10 + (ch - 48);
      any = true;
    }
  }
  if (any) out.push(neg ? -v : v);
}
