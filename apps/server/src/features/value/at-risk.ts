import { and, eq, sql } from 'drizzle-orm';
import {
  DEFAULT_NBA_CONFIG,
  explainNextBestAction,
  rankNextBestActions,
  type NbaCustomer,
  type ScoreReason,
} from '@steward/core';
import type { AtRiskOut, AtRiskQuery } from '@steward/contracts';
import { queryRows } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { managerNotFound } from './errors.js';
import { valuePolicy } from './policy.js';

/** P(alive) "before" is the latest score at least this many days older than the current one. */
const PREVIOUS_SCORE_DAYS = 30;

type BookRow = {
  id: string;
  name: string;
  tier: string | null;
  stage: string;
  segment: string;
  clv: number | null;
  p_alive: number | null;
  p_alive_prev: number | null;
  as_of: Date | string;
  alert_id: string | null;
  alert_opened_at: Date | string | null;
  alert_reasons: ScoreReason[] | null;
  overdue: number;
  last_contact: Date | string | null;
};

/**
 * The scored customers a manager owns, with what next-best-action needs: the current and the
 * previous P(alive) (score_history, ≥ 30 days earlier when there is such a point, else the latest
 * earlier one), the open churn alert's reasons, overdue visit tasks and the last contact (customers.last_contacted_at).
 * Uses customers_owner_* (org, owner) then the primary keys of customer_scores and score_history.
 */
async function bookOf(deps: Deps, orgId: string, managerId: string, now: Date) {
  const nowIso = now.toISOString();
  return queryRows<BookRow>(
    deps.db,
    sql`select c.id, c.name, c.tier, s.stage, s.segment, s.clv, s.p_alive, s.as_of,
               (select h.p_alive from score_history h
                 where h.org_id = s.org_id and h.customer_id = s.customer_id and h.as_of < s.as_of
                 order by (h.as_of <= s.as_of - make_interval(days => ${PREVIOUS_SCORE_DAYS})) desc, h.as_of desc
                 limit 1) as p_alive_prev,
               a.id as alert_id, a.opened_at as alert_opened_at, a.reasons as alert_reasons,
               (select count(*)::int from tasks t
                 where t.org_id = c.org_id and t.customer_id = c.id and t.type = 'visit'
                   and t.status in ('open', 'in_progress') and t.due_at < ${nowIso}::timestamptz) as overdue,
               c.last_contacted_at as last_contact
          from customers c
          join customer_scores s on s.org_id = c.org_id and s.customer_id = c.id
          left join churn_alerts a on a.org_id = c.org_id and a.customer_id = c.id and a.status = 'open'
         where c.org_id = ${orgId} and c.owner_id = ${managerId} and c.deleted_at is null`,
  );
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const num = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * GET /value/at-risk: a manager's book ordered by core rankNextBestActions (value at risk =
 * CLV × (1 − P(alive)), boosted by a falling P(alive), an open churn alert, overdue visits and no
 * recent contact), each with its action and reasons. Customers not scored yet are left out; a
 * customer scored without a model (no CLV) counts as CLV 0 and P(alive) 1, so only its other
 * reasons can rank it.
 */
export async function atRisk(deps: Deps, actor: Actor, q: AtRiskQuery): Promise<AtRiskOut> {
  const managerId = q.managerId ?? actor.userId;
  const [manager] = await deps.db
    .select({ id: users.id, name: users.name, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), eq(users.id, managerId)));
  if (!manager) throw managerNotFound();
  valuePolicy.assertCanReadBook(actor, manager);
  const now = deps.now();
  const rows = await bookOf(deps, actor.orgId, manager.id, now);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inputs: NbaCustomer[] = rows.map((r) => {
    const last = r.last_contact ? toDate(r.last_contact) : null;
    return {
      customerId: r.id,
      clv: num(r.clv) ?? 0,
      pAlive: num(r.p_alive) ?? 1,
      pAlivePrevious: num(r.p_alive_prev),
      churnReasons: r.alert_id ? (r.alert_reasons ?? []) : [],
      overdueVisits: Number(r.overdue),
      daysSinceLastContact: last ? Math.floor((now.getTime() - last.getTime()) / 86_400_000) : null,
    };
  });
  const inputById = new Map(inputs.map((i) => [i.customerId, i]));
  const cfg = { ...DEFAULT_NBA_CONFIG, limit: q.limit };
  const ranked = rankNextBestActions(inputs, cfg);
  const asOf = rows.reduce<Date | null>((m, r) => {
    const d = toDate(r.as_of);
    return !m || d > m ? d : m;
  }, null);
  return {
    manager: { id: manager.id, name: manager.name },
    asOf: asOf?.toISOString() ?? null,
    total: rows.length,
    data: ranked.map((item) => {
      const r = byId.get(item.customerId)!;
      return {
        customerId: r.id,
        customerName: r.name,
        tier: r.tier as AtRiskOut['data'][number]['tier'],
        stage: r.stage,
        segment: r.segment,
        clv: num(r.clv),
        pAlive: num(r.p_alive),
        pAlivePrevious: num(r.p_alive_prev),
        valueAtRisk: item.valueAtRisk,
        priority: item.priority,
        action: item.action,
        reasons: item.reasons,
        explanation: explainNextBestAction(inputById.get(item.customerId)!, cfg),
        openAlert:
          r.alert_id && r.alert_opened_at
            ? { id: r.alert_id, openedAt: toDate(r.alert_opened_at).toISOString() }
            : null,
      };
    }),
  };
}
