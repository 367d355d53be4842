/**
 * Loads the benchmark database: the demo organization's 27 accounts, then BENCH_CUSTOMERS
 * customers (default 1,000,000) built by the same builders as the demo seed and the tests,
 * streamed through COPY FROM STDIN in CSV, never holding more than one batch in memory.
 *
 *   npm run seed:bench                      # from the repository root
 *   BENCH_CUSTOMERS=100000 npm run seed:bench
 *
 * Environment:
 *   BENCH_DATABASE_URL  target database (default postgres://postgres@127.0.0.1:5432/steward_bench);
 *                       it is dropped and created again.
 *   BENCH_CUSTOMERS     number of customers (default 1000000)
 *   BENCH_CONTACTS      1 (default) writes the 0–3 contacts per customer of buildContacts; 0 skips them
 *   BENCH_ORDERS        1 writes the BG/NBD orders of buildOrders; 0 (default) only uses them to derive
 *                       the customer's stage, as the demo seed does
 *   BENCH_SEED          PRNG seed (default 20261206)
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, schema } from '@steward/server';
import {
  buildContacts,
  buildCustomer,
  buildOrders,
  createRng,
  seedDemo,
  withCompleteness,
  type Owner,
} from '@steward/server/seed';
import { copyColumnsFor, copySql, csvLine, type CopyColumn } from './csv.js';
import { benchDatabaseUrl, DEMO_PASSWORD } from './config.js';

const DAY = 86_400_000;
const BATCH = 2_000;

const flag = (v: string | undefined, dflt: boolean) =>
  v === undefined || v === '' ? dflt : !['0', 'false', 'no', 'off'].includes(v.toLowerCase());

const url = benchDatabaseUrl();
const total = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const withContacts = flag(process.env.BENCH_CONTACTS, true);
const withOrders = flag(process.env.BENCH_ORDERS, false);
const seed = Number(process.env.BENCH_SEED ?? 20261206);
if (!Number.isInteger(total) || total < 0) throw new Error('BENCH_CUSTOMERS must be a non-negative integer');

const seconds = (since: number) => (performance.now() - since) / 1000;
const log = (msg: string) => console.log(`[seed] ${msg}`);

/** Drops and creates the target database through the maintenance database of the same server. */
async function recreateDatabase() {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(dbName)) throw new Error(`Refusing an unusual database name: ${dbName}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await client.end();
  }
  log(`database ${dbName} created`);
}

/** One COPY stream on its own connection, written with back-pressure. */
class CopySink {
  rows = 0;
  private buffer = '';
  private constructor(
    private readonly client: pg.Client,
    private readonly stream: NodeJS.WritableStream,
    readonly table: string,
  ) {}

  static async open(table: string, cols: CopyColumn[]) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`SET synchronous_commit = off`);
    const stream = client.query(copyFrom(copySql(table, cols)));
    return new CopySink(client, stream, table);
  }

  push(line: string) {
    this.buffer += line;
    this.rows++;
  }

  async flush() {
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close() {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    await this.client.end();
  }
}

/**
 * Secondary indexes and foreign keys are dropped before the load and created again after it:
 * one sorted build per index is far cheaper than a million incremental GIN insertions.
 */
async function dropIndexesAndKeys(client: pg.Client, tables: string[]) {
  const { rows: idx } = await client.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = 'public' and i.tablename = any($1)
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables],
  );
  const { rows: fks } = await client.query<{ tbl: string; name: string; def: string }>(
    `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
       from pg_constraint where contype = 'f' and conrelid::regclass::text = any($1)`,
    [tables],
  );
  for (const f of fks) await client.query(`ALTER TABLE "${f.tbl}" DROP CONSTRAINT "${f.name}"`);
  for (const i of idx) await client.query(`DROP INDEX "${i.name}"`);
  return { idx, fks };
}

async function main() {
  const started = performance.now();
  await recreateDatabase();

  const database = await openDatabase({ databaseUrl: url });
  const now = new Date();
  const { orgId } = await seedDemo(database.db, { customers: 0, password: DEMO_PASSWORD, now, seed });
  await database.close();
  log(`migrations applied, organization "Demo" with 27 accounts created (${seconds(started).toFixed(1)} s)`);

  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const { rows: people } = await admin.query<{
    id: string;
    team_id: string | null;
    role: string;
    email: string;
  }>(
    `select id, team_id, role, email from users where org_id = $1 and role in ('manager', 'team_lead') order by email`,
    [orgId],
  );
  const managers = people.filter((p) => p.role === 'manager');
  const leads = people.filter((p) => p.role === 'team_lead');
  // As in the demo: managers carry three times the book of a team lead.
  const owners: Owner[] = [...managers, ...managers, ...managers, ...leads].map((p) => ({
    id: p.id,
    teamId: p.team_id,
  }));

  const loaded = ['customers', 'contacts', 'orders'];
  const dropped = await dropIndexesAndKeys(admin, loaded);
  log(`dropped ${dropped.idx.length} secondary indexes and ${dropped.fks.length} foreign keys for the load`);

  const rng = createRng(seed);
  const from = new Date(now.getTime() - 730 * DAY);
  const customerOf = (i: number) => {
    const id = randomUUID();
    const pool = rng.chance(0.08);
    const owner = pool ? null : rng.pick(owners);
    const createdAt = new Date(from.getTime() + rng.next() * 700 * DAY);
    const base = buildCustomer(rng, { orgId, id, index: i, owner, createdAt });
    const cs = buildContacts(rng, { orgId, customerId: id, index: i, newId: randomUUID, createdAt });
    const os = rng.chance(0.85)
      ? buildOrders(rng, { orgId, customerId: id, newId: randomUUID, from: createdAt, to: now })
      : [];
    const lastOrder = os.at(-1)?.orderedAt;
    const stage = !lastOrder
      ? 'prospect'
      : now.getTime() - lastOrder.getTime() > 180 * DAY
        ? 'churned'
        : os.length >= 5
          ? 'mature'
          : 'active';
    // With the orders written, the customer carries its last order (decision 0023).
    const row = withCompleteness(
      { ...base, stage, ...(withOrders ? { lastOrderAt: lastOrder ?? null } : {}) },
      withContacts ? cs.length : 0,
    );
    return { row, cs, os };
  };

  // Column lists come from the Drizzle schema, filtered by what the builders produce.
  const sample = customerOf(0);
  const sampleContact = buildContacts(createRng(1), {
    orgId,
    customerId: sample.row.id,
    index: 0,
    newId: randomUUID,
    createdAt: now,
  })[0] ?? {
    orgId,
    id: randomUUID(),
    customerId: sample.row.id,
    name: 'x',
    isPrimary: true,
    createdAt: now,
    updatedAt: now,
  };
  const sampleOrder = {
    orgId,
    id: randomUUID(),
    customerId: sample.row.id,
    orderedAt: now,
    amount: 1,
    currency: 'CNY',
    channel: null,
    lines: [],
    createdAt: now,
  };
  const customerCols = copyColumnsFor(schema.customers, sample.row);
  const contactCols = copyColumnsFor(schema.contacts, sampleContact);
  const orderCols = copyColumnsFor(schema.orders, sampleOrder);

  const customersSink = await CopySink.open('customers', customerCols);
  const contactsSink = withContacts ? await CopySink.open('contacts', contactCols) : null;
  const ordersSink = withOrders ? await CopySink.open('orders', orderCols) : null;
  const sinks = [customersSink, contactsSink, ordersSink].filter((s): s is CopySink => s !== null);

  const loadStart = performance.now();
  let next = sample;
  for (let i = 0; i < total; i++) {
    const { row, cs, os } = i === 0 ? next : (next = customerOf(i));
    customersSink.push(csvLine(customerCols, row));
    if (contactsSink) for (const c of cs) contactsSink.push(csvLine(contactCols, c));
    if (ordersSink) for (const o of os) ordersSink.push(csvLine(orderCols, o));
    if ((i + 1) % BATCH === 0) {
      for (const s of sinks) await s.flush();
      if ((i + 1) % 100_000 === 0) {
        const t = seconds(loadStart);
        log(
          `${(i + 1).toLocaleString('en')} customers streamed, ${Math.round((i + 1) / t).toLocaleString('en')} rows/s`,
        );
      }
    }
  }
  for (const s of sinks) await s.close();
  const loadSeconds = seconds(loadStart);
  const counts = sinks.map((s) => `${s.rows.toLocaleString('en')} ${s.table}`).join(', ');
  log(
    `COPY done: ${counts} in ${loadSeconds.toFixed(1)} s — ${Math.round(total / loadSeconds).toLocaleString('en')} customers/s`,
  );

  const indexStart = performance.now();
  await admin.query(`SET maintenance_work_mem = '1GB'`);
  await admin.query(`SET max_parallel_maintenance_workers = 2`);
  for (const i of dropped.idx) {
    const t = performance.now();
    await admin.query(i.def);
    log(`  ${i.name} built in ${seconds(t).toFixed(1)} s`);
  }
  for (const f of dropped.fks)
    await admin.query(`ALTER TABLE "${f.tbl}" ADD CONSTRAINT "${f.name}" ${f.def}`);
  log(`indexes and foreign keys restored in ${seconds(indexStart).toFixed(1)} s`);

  const vacuumStart = performance.now();
  for (const t of loaded) await admin.query(`VACUUM (ANALYZE) "${t}"`);
  log(`VACUUM ANALYZE in ${seconds(vacuumStart).toFixed(1)} s`);
  await admin.end();

  log(
    `done in ${seconds(started).toFixed(1)} s. Sign in as manager1@steward.demo / director@steward.demo (password ${DEMO_PASSWORD}).`,
  );
}

await main();
