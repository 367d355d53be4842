import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { demoExists, seedDemo } from './db/seed/demo.js';
import { buildApp } from './app.js';
import { JobQueue } from './platform/jobs/queue.js';
import { jobDefinitions } from './jobs.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const deps = { db: database.db, dbKind: database.kind, config, now: () => new Date() };

let newDemoOrg: string | null = null;
if (config.demoData && !(await demoExists(database.db))) {
  const started = Date.now();
  console.log(`Creating the demo organization (${config.demoCustomers} customers)…`);
  ({ orgId: newDemoOrg } = await seedDemo(database.db, {
    customers: config.demoCustomers,
    password: config.demoPassword,
    now: new Date(),
  }));
  console.log(`Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

const queue = new JobQueue(deps, database, jobDefinitions);
await queue.start({ schedules: true });
// A new demo gets its values scored at once rather than at the nightly run.
if (newDemoOrg) await queue.enqueue(newDemoOrg, null, 'value-refresh', {});
const app = await buildApp(deps, {
  queue,
  logger: { level: config.logLevel },
});
await app.listen({ port: config.port, host: config.host });

const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
console.log(`
Steward is running on http://localhost:${config.port}  (database: ${where})
API docs: http://localhost:${config.port}/api/docs
${config.demoData ? `Sign in as admin@steward.demo, director@steward.demo, lead1@steward.demo, manager1@steward.demo … (password: ${config.demoPassword === 'steward-demo' ? 'steward-demo' : 'the value of DEMO_PASSWORD'})` : ''}
`);

const shutdown = async () => {
  await app.close();
  await queue.stop();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
