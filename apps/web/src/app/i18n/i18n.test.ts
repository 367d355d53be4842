import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STAGES, CUSTOMER_TYPES, INTERACTION_TYPES } from '@steward/contracts';
import { zhCN } from './zh-CN';
import { enUS } from './en-US';

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );
const zh = flatten(zhCN as unknown as Tree);
const en = flatten(enUS as unknown as Tree);

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return f === 'i18n' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });

describe('translations', () => {
  it('have the same keys in zh-CN and en-US, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of Object.entries({ ...zh, ...en })) expect(v.trim(), k).not.toBe('');
  });

  it('cover every literal key the code asks for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    // i18next plurals: t('x', { count }) reads x_one / x_other.
    const has = (dict: Record<string, string>, k: string) =>
      k in dict || (`${k}_one` in dict && `${k}_other` in dict);
    const missing = [...used].filter((k) => !has(zh, k) || !has(en, k));
    expect(missing).toEqual([]);
  });

  it('cover every value of the enums shown through dynamic keys', () => {
    for (const s of STAGES) expect(zh[`stage.${s}`], s).toBeDefined();
    for (const s of CUSTOMER_TYPES) expect(zh[`customerType.${s}`], s).toBeDefined();
    for (const s of ['admin', 'director', 'team_lead', 'manager', 'service_agent', 'analyst'])
      expect(en[`roles.${s}`]).toBeDefined();
    for (const s of INTERACTION_TYPES) expect(en[`interactionType.${s}`], s).toBeDefined();
    // RFM segment codes of packages/core/src/value/rfm.ts and the value units of the contracts.
    for (const s of ['champions', 'loyal', 'potential', 'new', 'at_risk', 'cant_lose', 'hibernating', 'lost'])
      expect(en[`customerValue.segments.${s}`], s).toBeDefined();
    for (const u of ['day', 'week', 'month', 'period'])
      expect(zh[`customerValue.units.${u}_other`], u).toBeDefined();
  });

  it('write Chinese in zh-CN', () => {
    const cjk = Object.values(zh).filter((v) => /[\u4e00-\u9fff]/.test(v)).length;
    expect(cjk / Object.keys(zh).length).toBeGreaterThan(0.8);
  });
});
