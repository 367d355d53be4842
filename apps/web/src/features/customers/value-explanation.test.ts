import { describe, expect, it } from 'vitest';
import { zhCN } from '../../app/i18n/zh-CN';
import { enUS } from '../../app/i18n/en-US';
import {
  CHURN_REASON_KINDS,
  KEY_KINDS,
  keyInfo,
  MODELS,
  REASON_KINDS,
  SCORES,
  VALUE_CODES,
} from './value-explanation-codes';

type Tree = { [k: string]: string | Tree };
const get = (tree: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, k) => (node as Tree | undefined)?.[k], tree);

describe('value explanation codes', () => {
  const dicts = { zh: zhCN, en: enUS };

  it('have a label in both languages for every input and parameter key', () => {
    for (const [name, dict] of Object.entries(dicts))
      for (const k of Object.keys(KEY_KINDS)) {
        const [score, key] = k.includes('.') ? k.split('.') : ['any', k];
        const info = keyInfo(score!, key!);
        expect(info, k).not.toBeNull();
        expect(typeof get(dict, info!.i18nKey), `${name} ${info!.i18nKey}`).toBe('string');
      }
  });

  it('translate every score, model, value code and reason code', () => {
    const keys = [
      ...[...SCORES].map((s) => `customerValue.explain.scores.${s}`),
      ...[...MODELS].map((m) => `customerValue.explain.models.${m}`),
      ...[...VALUE_CODES].map((v) => `customerValue.explain.values.${v}`),
      ...Object.keys(REASON_KINDS).map((r) => `customerValue.explain.reasons.${r}`),
      ...Object.keys(CHURN_REASON_KINDS).map((r) => `customerValue.churnReasons.${r}`),
      'customerValue.explain.otherInput',
    ];
    for (const [name, dict] of Object.entries(dicts))
      for (const k of keys) expect(typeof get(dict, k), `${name} ${k}`).toBe('string');
  });

  it('scope keys that mean different things per score and leave unknown keys unknown', () => {
    expect(keyInfo('rfm', 'r')?.kind).toBe('score');
    expect(keyInfo('clv', 'r')?.kind).toBe('number');
    expect(keyInfo('clv', 'monetary')?.i18nKey).toBe('customerValue.explain.keys.clv_monetary');
    expect(keyInfo('rfm', 'monetary')?.i18nKey).toBe('customerValue.explain.keys.monetary');
    expect(keyInfo('rfm', 'somethingNew')).toBeNull();
    expect(keyInfo('rfm', 'toString')).toBeNull();
  });
});
