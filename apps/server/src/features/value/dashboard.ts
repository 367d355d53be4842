import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { teamSubtree } from '@steward/core';
import type { ValueDashboardOut, ValueDashboardQuery } from '@steward/contracts';
import { queryRows, type Db } from '../../db/client.js';
import { customers, teams } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { validationFailed } from '../../platform/errors.js';
import { customerScope } from '../../platform/scope.js';

/**
 * CLV histogram bucket edges, currency units: 0, then 1–2–5 steps per decade up to 10^9 (readable
 * on a skewed distribution). Empty buckets before the first and after the last filled one are cut.
 */
export const CLV_EDGES: readonly number[] = [
  0,
  ...Array.from({ length: 27 }, (_, i) => [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3)),
  1e9,
];
const EDGES_SQL = sql.raw(`array[${CLV_EDGES.join(',')}]::float8[]`);

/** A team and its sub-teams of the organization; 400 when there is no such team. */
export async function teamAndSubteams(db: Db, orgId: string, teamId: string, path = 'teamId') {
  const all = await db
    .select({ id: teams.id, parentId: teams.parentId })
    .from(teams)
    .where(eq(teams.orgId, orgId));
  if (!all.some((t) => t.id === teamId)) throw validationFailed([{ path, message: 'no such team' }]);
  return teamSubtree(all, [teamId]);
}

/** One cell of customers ⋈ customer_scores grouped by tier, segment, stage and CLV bucket. */
type Cell = {
  tier: string | null;
  segment: string | null;
  stage: string;
  bucket: number | null;
  n: number;
  monetary: number;
  clv: number;
};
type Amounts = { customers: number; monetary: number; clv: number };

/** Sums the cells by one key (a few hundred cells at most: the roll-up is cheap). */
function rollUp<K>(cells: Cell[], key: (c: Cell) => K): Map<K, Amounts> {
  const out = new Map<K, Amounts>();
  for (const c of cells) {
    const a = out.get(key(c)) ?? { customers: 0, monetary: 0, clv: 0 };
    a.customers += Number(c.n);
    a.monetary += Number(c.monetary);
    a.clv += Number(c.clv);
    out.set(key(c), a);
  }
  return out;
}

/**
 * GET /analytics/value: the value picture of the customers the actor may see (customerScope),
 * optionally of one team subtree or one owner. Set-based, three queries run side by side: one
 * pass over customers ⋈ customer_scores grouped by (tier, RFM segment, stage, CLV bucket) — a few
 * hundred cells, rolled up here — one grouped query on field_history for the stage flow and one
 * on churn_alerts for alerts by manager.
 */
export async function valueDashboard(
  deps: Deps,
  actor: Actor,
  q: ValueDashboardQuery,
): Promise<ValueDashboardOut> {
  const filters: SQL[] = [customerScope(actor)];
  if (q.teamId)
    filters.push(inArray(customers.teamId, await teamAndSubteams(deps.db, actor.orgId, q.teamId)));
  if (q.ownerId) filters.push(eq(customers.ownerId, q.ownerId));
  const where = and(...filters)!;
  const now = deps.now();
  const since = new Date(now.getTime() - q.flowDays * 86_400_000);

  // Three independent set-based queries; on PostgreSQL they run side by side on the pool.
  const [cells, transitions, alerts] = await Promise.all([
    queryRows<Cell>(
      deps.db,
      sql`select customers.tier, s.segment, customers.stage, b.bucket,
                 count(*)::int as n, coalesce(sum(s.monetary), 0)::float8 as monetary,
                 coalesce(sum(s.clv), 0)::float8 as clv
            from customers
            left join customer_scores s on s.org_id = customers.org_id and s.customer_id = customers.id
            cross join lateral (select case when s.clv is null then null
                                            else greatest(width_bucket(s.clv, ${EDGES_SQL}), 1) end as bucket) b
           where ${where}
           group by 1, 2, 3, 4`,
    ),
    queryRows<{ from: string | null; to: string; n: number }>(
      deps.db,
      sql`select fh.old_value #>> '{}' as "from", fh.new_value #>> '{}' as "to",
                 count(distinct fh.entity_id)::int as n
            from field_history fh
            join customers on customers.org_id = fh.org_id and customers.id = fh.entity_id
           where fh.org_id = ${actor.orgId} and fh.entity = 'customer' and fh.field = 'stage'
             and fh.at > ${since.toISOString()}::timestamptz and fh.at <= ${now.toISOString()}::timestamptz
             and ${where}
           group by 1, 2 order by 3 desc, 1, 2`,
    ),
    queryRows<{
      owner_id: string | null;
      owner_name: string | null;
      open: number;
      retained: number;
      lost: number;
    }>(
      deps.db,
      sql`select a.owner_id, u.name as owner_name,
                 count(*) filter (where a.status = 'open')::int as open,
                 count(*) filter (where a.status = 'retained')::int as retained,
                 count(*) filter (where a.status = 'lost')::int as lost
            from churn_alerts a
            join customers on customers.org_id = a.org_id and customers.id = a.customer_id
            left join users u on u.org_id = a.org_id and u.id = a.owner_id
           where a.org_id = ${actor.orgId} and ${where}
           group by 1, 2 order by 3 desc, 4 desc, 2`,
    ),
  ]);

  const tiers = [...rollUp(cells, (c) => c.tier)]
    .map(([tier, a]) => ({ tier: tier as ValueDashboardOut['tiers'][number]['tier'], ...a }))
    .sort((a, b) => (a.tier ?? 'Z').localeCompare(b.tier ?? 'Z'));
  const segments = [...rollUp(cells, (c) => c.segment)]
    .filter(([segment]) => segment !== null)
    .map(([segment, a]) => ({ segment: segment!, ...a }))
    .sort((a, b) => b.customers - a.customers || a.segment.localeCompare(b.segment));
  const byBucket = rollUp(
    cells.filter((c) => c.bucket !== null),
    (c) => Number(c.bucket),
  );
  const filled = [...byBucket.keys()];
  const first = Math.min(...filled);
  const clvHistogram = filled.length
    ? Array.from({ length: Math.max(...filled) - first + 1 }, (_, i) => {
        const a = byBucket.get(first + i);
        return {
          from: CLV_EDGES[first + i - 1]!,
          to: CLV_EDGES[first + i] ?? null,
          customers: a?.customers ?? 0,
          clv: a?.clv ?? 0,
        };
      })
    : [];
  const total = tiers.reduce((s, t) => s + t.customers, 0);
  const scored = segments.reduce((s, t) => s + t.customers, 0);
  return {
    customers: total,
    scored,
    segments,
    tiers,
    clvHistogram,
    lifecycle: {
      stages: [...rollUp(cells, (c) => c.stage)]
        .map(([stage, a]) => ({ stage, customers: a.customers }))
        .sort((a, b) => b.customers - a.customers || a.stage.localeCompare(b.stage)),
      flowDays: q.flowDays,
      transitions: transitions.map((t) => ({ from: t.from, to: t.to, customers: Number(t.n) })),
    },
    alertsByManager: alerts.map((a) => ({
      ownerId: a.owner_id,
      ownerName: a.owner_name,
      open: Number(a.open),
      retained: Number(a.retained),
      lost: Number(a.lost),
    })),
  };
}
