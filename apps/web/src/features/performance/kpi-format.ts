import type { TFunction } from 'i18next';
import type { Formatters } from '../../shared/format';

const CODE = /^[A-Z]{3}$/;

/** A KPI value for people: money in its currency, rates as percents; no data is "—". */
export function formatKpi(value: number | null, unit: string, fmt: Formatters, t: TFunction): string {
  if (value === null) return '—';
  if (CODE.test(unit)) return fmt.money(value, unit);
  if (unit === 'ratio')
    return new Intl.NumberFormat(fmt.lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (unit === 'percent')
    return `${new Intl.NumberFormat(fmt.lang, { maximumFractionDigits: 1 }).format(value)}%`;
  if (unit === 'hours')
    return t('perf.hours', {
      value: new Intl.NumberFormat(fmt.lang, { maximumFractionDigits: 1 }).format(value),
    });
  return new Intl.NumberFormat(fmt.lang, { maximumFractionDigits: 2 }).format(value);
}
