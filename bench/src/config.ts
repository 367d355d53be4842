/** Settings shared by the seed and the benchmark. */
export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/steward_bench';
export const DEMO_PASSWORD = 'steward-demo';

export const benchDatabaseUrl = (): string => process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;
