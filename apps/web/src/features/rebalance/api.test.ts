import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../app/i18n/zh-CN';
import { enUS } from '../../app/i18n/en-US';
import { ApiError } from '../../shared/api';
import { REBALANCE_REASONS, rebalanceErrorText, reasonText } from './api';

const make = async (lng: 'zh-CN' | 'en-US') => {
  const i = i18next.createInstance();
  await i.init({
    lng,
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    interpolation: { escapeValue: false },
  });
  return i.t;
};

describe('rebalance texts', () => {
  it('translate every reason code with its key numbers', async () => {
    const t = await make('en-US');
    for (const code of REBALANCE_REASONS) expect(t(`rebalance.reasons.${code}`)).not.toContain('rebalance.');
    expect(reasonText(t, { code: 'even_load', data: { fromLoad: 12, toLoad: 4 } })).toBe(
      'From a manager with more customers to one with fewer (load 12 → 4)',
    );
    expect(reasonText(t, { code: 'improve_fit', data: { fitGain: 0.1234 } })).toContain('fit +0.12');
    expect(reasonText(t, { code: 'mystery', data: {} })).toBe('Other reason (mystery)');
  });

  it('explain a stale proposal in words', async () => {
    const t = await make('zh-CN');
    expect(rebalanceErrorText(t, new ApiError(409, 'proposal_stale', 'stale'))).toContain('重新生成建议');
  });
});
