// Test-only loader for the CDNOW sample (shared/data/README.md). Lives outside src so that the
// pure-core lint rule (no I/O) keeps applying to everything in src.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, from packages/core/test-support. */
const repoRoot = path.resolve(here, '../../..');
export const CDNOW_PATH = path.resolve(repoRoot, '../shared/data/cdnow/CDNOW_sample.txt');

export type CdnowRow = { customerId: string; date: string; amount: number };

/** Reads CDNOW_sample.txt: `master_id sample_id date(YYYYMMDD) cds dollars`, keyed by sample_id. */
export function loadCdnow(): CdnowRow[] {
  const rows: CdnowRow[] = [];
  for (const line of readFileSync(CDNOW_PATH, 'utf8').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const d = f[2]!;
    rows.push({
      customerId: f[1]!,
      date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
      amount: Number(f[4]),
    });
  }
  return rows;
}
