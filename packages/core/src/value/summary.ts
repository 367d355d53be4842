import { DAYS_PER_UNIT, dayNumber, isoDate, type TimeUnit } from './time.js';

/** One purchase. `date` is an ISO date ('YYYY-MM-DD'); `amount` in the organization's currency. */
export type Transaction = { customerId: string; date: string; amount: number };

/**
 * A customer's purchase history summarised for BG/NBD and Gamma-Gamma, in `unit`s.
 * - `x`: repeat transactions in calibration (the first purchase is not counted);
 * - `tx`: time of the last calibration purchase after the first (0 when x = 0);
 * - `T`: time from the first purchase to the end of calibration;
 * - `monetary`: mean amount of the repeat transactions (0 when x = 0).
 */
export type CustomerSummary = {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  monetary: number;
  firstPurchase: string;
  lastPurchase: string;
};

/**
 * Builds the per-customer (x, t_x, T, monetary) summary as in Fader, Hardie & Lee (2005) and
 * shared/data/README.md: purchases on the same calendar day are merged into one transaction
 * (amounts added); only purchases on or before `calibrationEnd` count; times are measured from the
 * customer's first purchase in days divided by the days of `unit`; customers whose first purchase is
 * after `calibrationEnd` are left out. Output is sorted by customerId for determinism.
 */
export function buildSummary(
  transactions: readonly Transaction[],
  calibrationEnd: string,
  unit: TimeUnit = 'week',
): CustomerSummary[] {
  const end = dayNumber(calibrationEnd);
  const perUnit = DAYS_PER_UNIT[unit];
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    const day = dayNumber(t.date);
    if (day > end) continue;
    let days = byCustomer.get(t.customerId);
    if (!days) byCustomer.set(t.customerId, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + t.amount);
  }
  const out: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const sorted = [...days.entries()].sort((p, q) => p[0] - q[0]);
    const first = sorted[0]![0];
    const last = sorted[sorted.length - 1]![0];
    const repeats = sorted.slice(1);
    const x = repeats.length;
    const monetary = x > 0 ? repeats.reduce((s, [, a]) => s + a, 0) / x : 0;
    out.push({
      customerId,
      x,
      tx: (last - first) / perUnit,
      T: (end - first) / perUnit,
      monetary,
      firstPurchase: isoDate(first),
      lastPurchase: isoDate(last),
    });
  }
  return out.sort((p, q) => (p.customerId < q.customerId ? -1 : p.customerId > q.customerId ? 1 : 0));
}
