/**
 * Issue #7 benchmark: importing 1,000,000 customers from a CSV file, against a bare COPY of the
 * same rows (docs/BENCHMARKS.md, "Import (issue #7)").
 *
 *   npm run seed:bench                 # once: 1M customers in steward_bench
 *   npm run bench:import -w bench      # writes bench/results/import.md
 *
 * Each measurement runs on a fresh copy of steward_bench (1,000,000 customers already there, every
 * index in place), made with `createdb -T` under /tmp/benchdb.lock and dropped afterwards:
 *
 *   copy    `COPY customers (…) FROM STDIN (FORMAT csv)` of the file's rows, already in the
 *           table's own columns (ids, normalized phone and e-mail, completeness …), streamed
 *           from disk: the database's own cost of taking in the rows.
 *   import  the real server in its own process, started as production starts it: the compiled
 *           apps/server/dist/main.js (built here first, `npm run build -w apps/server`), or
 *           `tsx src/main.ts` with BENCH_IMPORT_SERVER=tsx. Signed in as admin@steward.demo; the file is uploaded through HTTP multipart to POST
 *           /api/v1/imports and the import job runs to the end. Timed from the first byte of the
 *           upload until GET /api/v1/imports/{id} reports it finished. The server's memory is
 *           sampled from /proc/<pid>/status (VmRSS every 100 ms, and VmHWM, its peak).
 *
 * The file: BENCH_IMPORT_ROWS rows (default 1,000,000) built by the seed's builders (as
 * seed-million.ts does), with 1% bad rows (missing name, bad e-mail, bad phone, impossible date:
 * one of each in turn every 100 rows), 0.5% copies of customers already in the database and 0.5%
 * repeats of a phone seen a few rows earlier. Dedupe by phone, mode skip.
 *
 * Environment: BENCH_DATABASE_URL (the seeded database to copy), BENCH_IMPORT_ROWS,
 * BENCH_IMPORT_RUNS (default 3), BENCH_IMPORT_ONLY (copy | import), BENCH_KEEP=1 (keep the copies),
 * BENCH_IMPORT_TARGET=empty (a new database instead of the 1M copy), BENCH_IMPORT_SERVER=tsx,
 * BENCH_IMPORT_NODE_FLAGS (flags for the server's node).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, schema } from '@steward/server';
import { buildCustomer, createRng, seedDemo, withCompleteness } from '@steward/server/seed';
import { normalizeEmail, normalizeName, normalizePhone } from '@steward/core';
import { copyColumnsFor, copySql, csvLine } from './csv.js';
import { benchDatabaseUrl, DEMO_PASSWORD } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const ONLY = process.env.BENCH_IMPORT_ONLY ?? '';
const KEEP = process.env.BENCH_KEEP === '1';
/** clone: a copy of steward_bench (1M customers); empty: a new database with the demo organization and 5,000 customers. */
const TARGET = process.env.BENCH_IMPORT_TARGET === 'empty' ? 'empty' : 'clone';
/** dist: the compiled server, as `npm start` runs it; tsx: the TypeScript sources under tsx. */
const SERVER = process.env.BENCH_IMPORT_SERVER === 'tsx' ? 'tsx' : 'dist';
const seconds = (since: number) => (performance.now() - since) / 1000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const urlOf = (db: string) => {
  const u = new URL(benchDatabaseUrl());
  u.pathname = `/${db}`;
  return u.toString();
};

// ---------------------------------------------------------------- databases

/**
 * Copies steward_bench under the lock (retrying while the seed holds it) and applies the
 * migrations the copy lacks, outside any timing.
 */
async function cloneBench(name: string) {
  const source = new URL(benchDatabaseUrl());
  const started = performance.now();
  const args = ['/tmp/benchdb.lock', 'createdb', '-h', source.hostname, '-p', source.port || '5432'];
  args.push('-U', decodeURIComponent(source.username || 'postgres'));
  args.push('-T', decodeURIComponent(source.pathname.slice(1)), name);
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync('flock', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      break;
    } catch (e) {
      const text = String((e as { stderr?: Buffer }).stderr ?? e);
      if (attempt >= 60 || !/being accessed by other users/.test(text)) throw new Error(text, { cause: e });
      console.log(`  steward_bench is in use, retrying in 30 s (${attempt})`);
      await new Promise((r) => setTimeout(r, 30_000));
    }
  }
  const database = await openDatabase({ databaseUrl: urlOf(name) });
  await database.close();
  console.log(`  copied the bench database to ${name} in ${seconds(started).toFixed(1)} s`);
}

/** The seeded empty-target database every run copies, so all runs share one organization id. */
const emptyTemplate = `steward_import_bench_${process.pid}_tpl`;
let emptyTemplateReady = false;

/**
 * A fresh database for one measurement (see TARGET). The empty target is a copy of one database
 * seeded once: the COPY file names the organization, so every run must have the same one.
 */
async function prepareDatabase(name: string) {
  if (TARGET === 'clone') return cloneBench(name);
  const started = performance.now();
  const c = new pg.Client({ connectionString: urlOf('postgres') });
  await c.connect();
  if (!emptyTemplateReady) {
    await c.query(`drop database if exists "${emptyTemplate}" with (force)`);
    await c.query(`create database "${emptyTemplate}"`);
    const database = await openDatabase({ databaseUrl: urlOf(emptyTemplate) });
    await seedDemo(database.db, { customers: 5000, password: DEMO_PASSWORD, now: new Date() });
    await database.close();
    emptyTemplateReady = true;
  }
  await c.query(`drop database if exists "${name}" with (force)`);
  await c.query(`create database "${name}" template "${emptyTemplate}"`);
  await c.end();
  console.log(`  created ${name} with the demo organization in ${seconds(started).toFixed(1)} s`);
}

async function dropEmptyTemplate() {
  if (!emptyTemplateReady) return;
  const c = new pg.Client({ connectionString: urlOf('postgres') });
  await c.connect();
  await c.query(`drop database if exists "${emptyTemplate}" with (force)`);
  await c.end();
}

const countCustomers = async (db: string) => {
  const c = new pg.Client({ connectionString: urlOf(db) });
  await c.connect();
  const {
    rows: [n],
  } = await c.query<{ n: number }>('select count(*)::int as n from customers');
  await c.end();
  return n!.n;
};

async function dropDatabase(name: string) {
  if (KEEP) return;
  const c = new pg.Client({ connectionString: urlOf('postgres') });
  await c.connect();
  await c.query(`drop database if exists "${name}" with (force)`);
  await c.end();
}

// ---------------------------------------------------------------- the file

type Existing = { name: string; phone: string; email: string | null; region: string | null };
type Files = { csv: string; copy: string; copyColumns: string; expected: Expected; bytes: number };
type Expected = { created: number; skipped: number; failed: number };

const HEADERS = [
  '客户名称',
  '类型',
  '行业',
  '规模',
  '地区',
  '地址',
  '来源',
  '手机',
  '邮箱',
  '标签',
  '签约日期',
];
const cell = (v: string | null | undefined) =>
  v === null || v === undefined ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

/**
 * Writes the import file and, for the baseline, the same rows in the customers table's columns.
 * Row i (from 1): every 100th row from 99 on is bad; i ≡ 49 (mod 200) copies a customer already
 * in the database; i ≡ 149 (mod 200) repeats the phone of row i − 7.
 */
async function writeFiles(dir: string, orgId: string, existing: Existing[]): Promise<Files> {
  const csvPath = path.join(dir, 'customers.csv');
  const copyPath = path.join(dir, 'customers-copy.csv');
  const csv = createWriteStream(csvPath);
  const copy = createWriteStream(copyPath);
  const rng = createRng(20261207);
  const now = new Date();
  const phones: string[] = [];
  const expected: Expected = { created: 0, skipped: 0, failed: 0 };
  let columns: ReturnType<typeof copyColumnsFor> | null = null;
  let csvBuf = `${HEADERS.join(',')}\n`;
  let copyBuf = '';
  for (let i = 1; i <= ROWS; i++) {
    const built = buildCustomer(rng, {
      orgId,
      id: randomUUID(),
      index: 1_000_000 + i,
      owner: null,
      createdAt: now,
    });
    let { name, phone, email, region } = built;
    let contractDate = rng.chance(0.3) ? '2025-06-18' : '';
    if (i % 200 === 49) {
      const e = existing[((i / 200) | 0) % existing.length]!;
      ({ name, phone, email, region } = e);
      expected.skipped++;
    } else if (i % 200 === 149) {
      phone = phones[i - 8]!;
      expected.skipped++;
    } else if (i % 100 === 99) {
      expected.failed++;
      switch (((i / 100) | 0) % 4) {
        case 0:
          name = '';
          break;
        case 1:
          email = `not-an-email-${i}`;
          break;
        case 2:
          phone = `call me ${i}`;
          break;
        case 3:
          contractDate = '2026-02-30';
          break;
      }
    } else expected.created++;
    phones.push(phone!);
    csvBuf += `${[
      name,
      built.type === 'person' ? '个人' : '公司',
      built.industry,
      built.size,
      region,
      built.address,
      built.source,
      phone,
      email,
      (built.tags ?? []).join('|'),
      contractDate,
    ]
      .map(cell)
      .join(',')}\n`;
    const row = withCompleteness(
      {
        ...built,
        name,
        nameNorm: normalizeName(name),
        phone,
        phoneNorm: normalizePhone(phone),
        email,
        emailNorm: normalizeEmail(email),
        region,
        needs: {},
        contractDate: contractDate && contractDate !== '2026-02-30' ? contractDate : null,
      },
      0,
    );
    columns ??= copyColumnsFor(schema.customers, row);
    copyBuf += csvLine(columns, row);
    if (i % 5000 === 0 || i === ROWS) {
      if (!csv.write(csvBuf)) await once(csv, 'drain');
      if (!copy.write(copyBuf)) await once(copy, 'drain');
      csvBuf = '';
      copyBuf = '';
    }
  }
  csv.end();
  copy.end();
  await Promise.all([once(csv, 'finish'), once(copy, 'finish')]);
  return {
    csv: csvPath,
    copy: copyPath,
    copyColumns: copySql('customers', columns!),
    expected,
    bytes: statSync(csvPath).size,
  };
}

// ---------------------------------------------------------------- (a) bare COPY

async function timeCopy(db: string, files: Files) {
  const before = await countCustomers(db);
  const c = new pg.Client({ connectionString: urlOf(db) });
  await c.connect();
  const load = loadAverage();
  const started = performance.now();
  await pipeline(
    createReadStream(files.copy, { highWaterMark: 256 * 1024 }),
    c.query(copyFrom(files.copyColumns)),
  );
  const s = seconds(started);
  await c.end();
  return { seconds: s, rowsPerSecond: ROWS / s, load, added: (await countCustomers(db)) - before };
}

// ---------------------------------------------------------------- (b) the application

type Memory = { peakRssMb: number; hwmMb: number; idleRssMb: number };

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function readStatus(pid: number) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

const serverDir = path.join(here, '..', '..', 'apps', 'server');

/** A free TCP port on loopback. */
async function freePort() {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as net.AddressInfo;
  srv.close();
  await once(srv, 'close');
  return port;
}

/** The node options of apps/server's start script (`… && node <options> dist/main.js`). */
function startScriptFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts.start!.split('&&').pop()!.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js')
    throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  // Shell defaults (`${STEWARD_MAX_HEAP_MB:-1024}`) as sh would expand them, from this environment.
  return words
    .slice(1, -1)
    .map((w) =>
      w.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, dflt: string) => process.env[name] || dflt),
    );
}

/**
 * Starts the server as production does (`npm start`: the compiled dist/main.js, built here once,
 * with the start script's node options), or under tsx from the sources with
 * BENCH_IMPORT_SERVER=tsx, on its own port, and waits for /api/health. BENCH_IMPORT_NODE_FLAGS
 * replaces the start script's options.
 */
async function startServer(db: string, dataDir: string) {
  const port = await freePort();
  const flags =
    process.env.BENCH_IMPORT_NODE_FLAGS !== undefined
      ? process.env.BENCH_IMPORT_NODE_FLAGS.split(' ').filter(Boolean)
      : SERVER === 'dist'
        ? startScriptFlags()
        : [];
  const args = SERVER === 'tsx' ? ['--import', 'tsx', ...flags, 'src/main.ts'] : [...flags, 'dist/main.js'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: urlOf(db),
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = performance.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await request(port, 'GET', '/api/health', {})).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port };
}

type Json = Record<string, unknown>;

function request(
  port: number,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string | ((req: http.ClientRequest) => Promise<void>),
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; json: () => Json }>(
    (resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: url, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (typeof body === 'function') body(req).catch(reject);
      else req.end(body);
    },
  );
}

async function timeImport(db: string, files: Files) {
  const before = await countCustomers(db);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'steward-import-bench-data-'));
  const { child, port } = await startServer(db, dataDir);
  const pid = child.pid!;
  try {
    const login = await request(
      port,
      'POST',
      '/api/v1/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ email: 'admin@steward.demo', password: DEMO_PASSWORD }),
    );
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const auth = { cookie, 'x-csrf-token': login.json().csrfToken as string };
    const idleRssMb = readStatus(pid).rss;
    let peakRssMb = idleRssMb;
    const sampler = setInterval(() => {
      peakRssMb = Math.max(peakRssMb, readStatus(pid).rss);
    }, 100);

    const boundary = `----stewardbench${randomUUID()}`;
    const fields = { entity: 'customers', dedupe: 'skip', dedupeKey: 'phone' };
    const head =
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="customers.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\n';
    const tail = `\r\n--${boundary}--\r\n`;
    const load = loadAverage();
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    const res = await request(
      port,
      'POST',
      '/api/v1/imports',
      {
        ...auth,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(Buffer.byteLength(head) + files.bytes + Buffer.byteLength(tail)),
      },
      async (req) => {
        req.write(head);
        await pipeline(createReadStream(files.csv, { highWaterMark: 256 * 1024 }), req, { end: false });
        req.end(tail);
      },
    );
    const uploaded = seconds(started);
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${JSON.stringify(res.json())}`);
    const { importId } = res.json() as { importId: string };
    let body: Json;
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      body = (await request(port, 'GET', `/api/v1/imports/${importId}?errorLimit=1`, auth)).json();
      if (['succeeded', 'failed', 'cancelled'].includes(String(body.status))) break;
    }
    const total = seconds(started);
    const serverCpuSeconds = cpuSeconds(pid) - cpuBefore;
    clearInterval(sampler);
    const status = readStatus(pid);
    peakRssMb = Math.max(peakRssMb, status.rss);
    const memory: Memory = { peakRssMb, hwmMb: status.hwm, idleRssMb };
    const added = (await countCustomers(db)) - before;
    return {
      seconds: total,
      uploadSeconds: uploaded,
      serverCpuSeconds,
      rowsPerSecond: ROWS / total,
      load,
      memory,
      result: {
        status: body.status as string,
        created: body.created as number,
        updated: body.updated as number,
        skipped: body.skipped as number,
        failed: body.failed as number,
        errorCount: body.errorCount as number,
      },
      added,
    };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const out: string[] = ['# Import benchmark (issue #7)', '', `Run: ${new Date().toISOString()}`, ''];
  const log = (line: string) => {
    console.log(line);
    out.push(line);
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'steward-import-bench-'));
  const suffix = process.pid;
  const first = `steward_import_bench_${suffix}_0`;
  try {
    if (SERVER === 'dist' && ONLY !== 'copy')
      execFileSync(process.execPath, ['build.mjs'], { cwd: serverDir, stdio: 'inherit' });
    console.log(`preparing a database (${TARGET}) for the sample of existing customers …`);
    await prepareDatabase(first);
    const c = new pg.Client({ connectionString: urlOf(first) });
    await c.connect();
    const {
      rows: [org],
    } = await c.query<{ id: string }>(`select id from organizations where name = 'Demo'`);
    const { rows: existing } = await c.query<Existing>(
      `select name, phone, email, region from customers where org_id = $1 and phone is not null
        order by id limit 5000`,
      [org!.id],
    );
    await c.end();
    let started = performance.now();
    const files = await writeFiles(dir, org!.id, existing);
    console.log(
      `wrote ${ROWS.toLocaleString('en')} rows (${(files.bytes / 1024 / 1024).toFixed(0)} MB) in ${seconds(started).toFixed(1)} s; expected ${JSON.stringify(files.expected)}`,
    );
    const copies: Awaited<ReturnType<typeof timeCopy>>[] = [];
    const imports: Awaited<ReturnType<typeof timeImport>>[] = [];
    for (let run = 1; run <= RUNS; run++) {
      if (ONLY !== 'import') {
        const db = run === 1 ? first : `steward_import_bench_${suffix}_c${run}`;
        if (run > 1) await prepareDatabase(db);
        const r = await timeCopy(db, files);
        copies.push(r);
        console.log(
          `run ${run} COPY: ${r.seconds.toFixed(1)} s, ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s (load ${r.load})`,
        );
        await dropDatabase(db);
      } else if (run === 1) await dropDatabase(first);
      if (ONLY !== 'copy') {
        const db = `steward_import_bench_${suffix}_i${run}`;
        await prepareDatabase(db);
        started = performance.now();
        const r = await timeImport(db, files);
        imports.push(r);
        console.log(
          `run ${run} import: ${r.seconds.toFixed(1)} s (upload ${r.uploadSeconds.toFixed(1)} s), ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s, server CPU ${r.serverCpuSeconds.toFixed(1)} s (${Math.round(ROWS / r.serverCpuSeconds).toLocaleString('en')} rows per CPU second), server RSS peak ${r.memory.peakRssMb.toFixed(0)} MB (VmHWM ${r.memory.hwmMb.toFixed(0)} MB, idle ${r.memory.idleRssMb.toFixed(0)} MB), ${JSON.stringify(r.result)}, customers added ${r.added} (load ${r.load})`,
        );
        if (
          r.result.status !== 'succeeded' ||
          r.result.created !== files.expected.created ||
          r.result.skipped !== files.expected.skipped ||
          r.result.failed !== files.expected.failed ||
          r.added !== files.expected.created
        )
          console.log('  !! the import did not produce the expected counts');
        await dropDatabase(db);
      }
    }

    log(
      `Rows: ${ROWS.toLocaleString('en')} (${(files.bytes / 1024 / 1024).toFixed(0)} MB of CSV), into ${TARGET === 'clone' ? 'a copy of steward_bench (1,000,000 customers, every index)' : 'a new database with the demo organization and 5,000 customers'}; server: ${SERVER === 'dist' ? 'compiled dist/main.js' : 'tsx src/main.ts'}.`,
    );
    log(
      `Expected outcome: ${files.expected.created.toLocaleString('en')} created, ${files.expected.skipped.toLocaleString('en')} skipped (duplicates), ${files.expected.failed.toLocaleString('en')} failed.`,
    );
    log('');
    log(
      '| run | COPY s | COPY rows/s | load (COPY) | import s | upload s | import rows/s | ratio | server CPU s | server idle RSS MB | server peak RSS MB | VmHWM MB | load (import) |',
    );
    log('| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (let i = 0; i < RUNS; i++) {
      const cp = copies[i];
      const im = imports[i];
      log(
        `| ${i + 1} | ${cp ? cp.seconds.toFixed(1) : '–'} | ${cp ? Math.round(cp.rowsPerSecond).toLocaleString('en') : '–'} | ${cp?.load ?? '–'} | ${im ? im.seconds.toFixed(1) : '–'} | ${im ? im.uploadSeconds.toFixed(1) : '–'} | ${im ? Math.round(im.rowsPerSecond).toLocaleString('en') : '–'} | ${cp && im ? (im.rowsPerSecond / cp.rowsPerSecond).toFixed(2) : '–'} | ${im ? im.serverCpuSeconds.toFixed(1) : '–'} | ${im ? im.memory.idleRssMb.toFixed(0) : '–'} | ${im ? im.memory.peakRssMb.toFixed(0) : '–'} | ${im ? im.memory.hwmMb.toFixed(0) : '–'} | ${im?.load ?? '–'} |`,
      );
    }
    const copyRate = copies.length ? median(copies.map((r) => r.rowsPerSecond)) : NaN;
    const importRate = imports.length ? median(imports.map((r) => r.rowsPerSecond)) : NaN;
    log('');
    log(
      `Median: COPY ${Math.round(copyRate).toLocaleString('en')} rows/s, import ${Math.round(importRate).toLocaleString('en')} rows/s, ratio ${(importRate / copyRate).toFixed(2)}; server peak RSS ${imports.length ? Math.max(...imports.map((r) => r.memory.peakRssMb)).toFixed(0) : '–'} MB (max over runs).`,
    );
    if (imports[0]) log(`Import outcome: ${JSON.stringify(imports[0].result)}.`);
    const results = path.join(here, '..', 'results');
    mkdirSync(results, { recursive: true });
    writeFileSync(path.join(results, 'import.md'), `${out.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropEmptyTemplate();
  }
}

await main();
