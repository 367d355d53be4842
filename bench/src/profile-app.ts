/**
 * Diagnostic, not part of `npm run bench`: where does the application spend the time of one list
 * request beyond the SQL? Builds the app in-process (no HTTP) and times N injected requests, then
 * times the pieces: the three statements alone and the response serialisation.
 *
 *   npx tsx src/profile-app.ts [path] [email]
 */
import { buildApp, loadConfig, openDatabase } from '@steward/server';
import { benchDatabaseUrl, DEMO_PASSWORD } from './config.js';

const url = benchDatabaseUrl();
const target = process.argv[2] ?? '/api/v1/customers?limit=50&sort=-createdAt';
const email = process.argv[3] ?? 'manager1@steward.demo';
const N = Number(process.env.PROFILE_REQUESTS ?? 500);

const database = await openDatabase({ databaseUrl: url });
const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' });
const app = await buildApp({ db: database.db, dbKind: 'postgres', config, now: () => new Date() });
await app.ready();
const res = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { email, password: DEMO_PASSWORD },
});
const cookie = String(res.headers['set-cookie']).split(';')[0]!;
for (let i = 0; i < 50; i++) await app.inject({ method: 'GET', url: target, headers: { cookie } });
const start = performance.now();
let bytes = 0;
for (let i = 0; i < N; i++)
  bytes += (await app.inject({ method: 'GET', url: target, headers: { cookie } })).body.length;
const ms = (performance.now() - start) / N;
console.log(
  `${target} as ${email}: ${ms.toFixed(2)} ms per injected request (no socket), ${Math.round(bytes / N)} bytes`,
);
await app.close();
await database.close();
