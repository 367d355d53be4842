/**
 * One HTTP server in its own process, so the load generator never shares its event loop:
 *
 *   app   the real Steward application (buildApp) on PostgreSQL. Every SQL statement sent through
 *         node-postgres is recorded while a capture is open, so the baseline can replay the exact
 *         SQL text and parameters the application ran.
 *   bare  a minimal Fastify + pg.Pool handler: GET /bare/:key runs one registered statement and
 *         answers its rows as JSON. No auth, no validation, no presenter.
 *
 * Started by run-bench.ts with child_process.fork; talks to it over IPC. Listens on 127.0.0.1 only.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp, loadConfig, openDatabase } from '@steward/server';
import { benchDatabaseUrl } from './config.js';

export type Captured = { text: string; values: unknown[] };
export type ToChild =
  | { id: number; type: 'capture-start' }
  | { id: number; type: 'capture-take' }
  | { id: number; type: 'register'; key: string; query: Captured }
  | { id: number; type: 'stop' };
export type FromChild = { type: 'ready'; port: number } | { id: number; type: 'ok'; captured?: Captured[] };

const mode = process.argv[2];
const url = benchDatabaseUrl();
const send = (m: FromChild) => process.send?.(m);
// Never outlive the runner.
process.on('disconnect', () => process.exit(0));

let capturing = false;
let captured: Captured[] = [];

/** Records the statements node-postgres sends (the application's Pool goes through Client#query). */
function installCapture() {
  type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    if (capturing) {
      const [first, second] = args;
      if (typeof first === 'string')
        captured.push({ text: first, values: Array.isArray(second) ? second : [] });
      else if (first && typeof first === 'object' && 'text' in first) {
        const q = first as { text: string; values?: unknown[] };
        // drizzle's node-postgres session passes the parameters as the second argument.
        captured.push({ text: q.text, values: Array.isArray(second) ? second : (q.values ?? []) });
      }
    }
    return original.apply(this, args);
  };
}

async function startApp() {
  installCapture();
  const database = await openDatabase({ databaseUrl: url });
  const config = loadConfig({ ...process.env, DATABASE_URL: url, HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const app = await buildApp(
    { db: database.db, dbKind: 'postgres', config, now: () => new Date() },
    { logger: false },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  process.on('message', (m: ToChild) => {
    if (m.type === 'capture-start') {
      captured = [];
      capturing = true;
      send({ id: m.id, type: 'ok' });
    } else if (m.type === 'capture-take') {
      capturing = false;
      send({ id: m.id, type: 'ok', captured });
    } else if (m.type === 'stop') {
      void app
        .close()
        .then(() => database.close())
        .then(() => {
          send({ id: m.id, type: 'ok' });
          process.exit(0);
        });
    }
  });
  send({ type: 'ready', port: address.port });
}

async function startBare() {
  // The same pool size as openDatabase gives the application.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const statements = new Map<string, Captured>();
  const app = Fastify({ logger: false });
  app.get<{ Params: { key: string } }>('/bare/:key', async (req, reply) => {
    const q = statements.get(req.params.key);
    if (!q) return reply.status(404).send({ error: 'unknown statement' });
    const result = await pool.query({ text: q.text, values: q.values });
    return { data: result.rows };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  process.on('message', (m: ToChild) => {
    if (m.type === 'register') {
      statements.set(m.key, m.query);
      send({ id: m.id, type: 'ok' });
    } else if (m.type === 'stop') {
      void app
        .close()
        .then(() => pool.end())
        .then(() => {
          send({ id: m.id, type: 'ok' });
          process.exit(0);
        });
    } else send({ id: m.id, type: 'ok' });
  });
  send({ type: 'ready', port: address.port });
}

if (mode === 'app') await startApp();
else if (mode === 'bare') await startBare();
else throw new Error(`usage: server-child.ts app|bare (got ${String(mode)})`);
