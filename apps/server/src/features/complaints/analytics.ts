import { gte, lte } from 'drizzle-orm';
import { durationSummary, endOfLocalDay, startOfLocalDay } from '@steward/core';
import type { ComplaintAnalyticsOut } from '@steward/contracts';
import { complaints } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { badField } from './errors.js';
import { complaintScope } from './policy.js';
import * as repo from './repo.js';
import { loadSlaSettings } from './settings.js';

const HOUR = 3_600_000;
const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const hours = (values: number[]) => {
  const s = durationSummary(values);
  return { median: round2(s.median), p90: round2(s.p90), count: s.count };
};
const countBy = (keys: string[]) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

/**
 * Complaints raised from `from` to `to` (local dates, inclusive, in the organization's time zone)
 * within the caller's scope: counts by category, severity and manager (the customer's owner when
 * raised); hours to first response and to resolution (median, p90; wall-clock time); repeats.
 */
export async function complaintAnalytics(
  deps: Deps,
  actor: Actor,
  q: { from: string; to: string },
): Promise<ComplaintAnalyticsOut> {
  if (q.to < q.from) throw badField('to', 'must not be before from');
  const { timeZone } = await loadSlaSettings(deps.db, actor.orgId);
  const rows = await repo.analyticsRows(
    deps.db,
    [
      complaintScope(actor),
      gte(complaints.createdAt, startOfLocalDay(q.from, timeZone)),
      lte(complaints.createdAt, endOfLocalDay(q.to, timeZone)),
    ],
    deps.now(),
  );
  const managers = new Map<string | null, { managerId: string | null; name: string | null; count: number }>();
  const perCustomer = new Map<string, number>();
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  for (const r of rows) {
    const m = managers.get(r.ownerId) ?? { managerId: r.ownerId, name: r.ownerName, count: 0 };
    m.count++;
    managers.set(r.ownerId, m);
    perCustomer.set(r.customerId, (perCustomer.get(r.customerId) ?? 0) + 1);
    if (r.firstRespondedAt) firstResponse.push((r.firstRespondedAt.getTime() - r.createdAt.getTime()) / HOUR);
    if (r.resolvedAt) resolution.push((r.resolvedAt.getTime() - r.createdAt.getTime()) / HOUR);
  }
  return {
    from: q.from,
    to: q.to,
    total: rows.length,
    byCategory: countBy(rows.map((r) => r.category)),
    bySeverity: countBy(rows.map((r) => r.severity)),
    byManager: [...managers.values()].sort((a, b) => b.count - a.count),
    firstResponseHours: hours(firstResponse),
    resolutionHours: hours(resolution),
    breached: rows.filter((r) => r.breached).length,
    repeat: {
      customers: [...perCustomer.values()].filter((n) => n >= 2).length,
      within30Days: rows.filter((r) => r.repeat30).length,
    },
  };
}
