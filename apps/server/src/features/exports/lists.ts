import {
  AuditListQuery,
  ComplaintListQuery,
  CustomerListQuery,
  OrderListQuery,
  TaskListQuery,
  type ComplaintOut,
  type CustomerOut,
  type TaskOut,
} from '@steward/contracts';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { validationFailed } from '../../platform/errors.js';
import * as customers from '../customers/service.js';
import * as tasks from '../engagement/service.js';
import * as complaints from '../complaints/service.js';
import * as orders from '../value/orders.js';
import * as audit from '../compliance/service.js';
import {
  auditColumns,
  complaintColumns,
  customerColumns,
  orderColumns,
  taskColumns,
  type AuditExportRow,
  type Column,
  type OrderExportRow,
} from './columns.js';
import * as repo from './repo.js';

/** Rows fetched per page while an export walks a list (keyset paging, written as it goes). */
export const EXPORT_PAGE_ROWS = 2000;

type Page<R> = { data: R[]; nextCursor: string | null };

/**
 * An exportable list: the query of its list endpoint, a count, its pages through the list's
 * own service (so scope and masking are exactly those of the list), and its columns.
 */
export type ExportList<R = unknown, Q = unknown> = {
  name: string;
  query: z.ZodType<Q, unknown>;
  count: (deps: Deps, actor: Actor, q: Q) => Promise<number>;
  page: (deps: Deps, actor: Actor, q: Q, cursor: string | undefined) => Promise<Page<R>>;
  columns: Column<R>[];
};

type CustomerQuery = z.infer<typeof CustomerListQuery>;
type TaskQuery = z.infer<typeof TaskListQuery>;
type ComplaintQuery = z.infer<typeof ComplaintListQuery>;
type OrderQuery = z.infer<typeof OrderListQuery>;
type AuditQuery = z.infer<typeof AuditListQuery>;

const customerList: ExportList<CustomerOut, CustomerQuery> = {
  name: 'customers',
  query: CustomerListQuery,
  count: async (deps, actor, q) => (await customers.countCustomers(deps, actor, q)).count,
  page: (deps, actor, q, cursor) =>
    customers.listCustomers(deps, actor, { ...q, limit: EXPORT_PAGE_ROWS, cursor }),
  columns: customerColumns,
};

const poolList: ExportList<CustomerOut, CustomerQuery> = {
  name: 'pool',
  query: CustomerListQuery,
  count: (deps, actor, q) => repo.countPool(deps.db, actor, q),
  page: (deps, actor, q, cursor) =>
    customers.listPool(deps, actor, { ...q, limit: EXPORT_PAGE_ROWS, cursor }),
  columns: customerColumns,
};

const taskList: ExportList<TaskOut, TaskQuery> = {
  name: 'tasks',
  query: TaskListQuery,
  count: (deps, actor, q) => repo.countTasks(deps.db, actor, q, deps.now()),
  page: (deps, actor, q, cursor) => tasks.listTasks(deps, actor, { ...q, limit: EXPORT_PAGE_ROWS, cursor }),
  columns: taskColumns,
};

const complaintList: ExportList<ComplaintOut, ComplaintQuery> = {
  name: 'complaints',
  query: ComplaintListQuery,
  count: (deps, actor, q) => repo.countComplaints(deps.db, actor, q, deps.now()),
  page: (deps, actor, q, cursor) =>
    complaints.listComplaints(deps, actor, { ...q, limit: EXPORT_PAGE_ROWS, cursor }),
  columns: complaintColumns,
};

const orderList: ExportList<OrderExportRow, OrderQuery> = {
  name: 'orders',
  query: OrderListQuery,
  count: (deps, actor, q) => repo.countOrders(deps.db, actor, q),
  page: async (deps, actor, q, cursor) => {
    const page = await orders.listOrders(deps, actor, { ...q, limit: EXPORT_PAGE_ROWS, cursor });
    const names = await repo.customerNames(deps.db, actor.orgId, [
      ...new Set(page.data.map((o) => o.customerId)),
    ]);
    return { ...page, data: page.data.map((o) => ({ ...o, customerName: names.get(o.customerId) ?? null })) };
  },
  columns: orderColumns,
};

/** The audit log: administrators and directors only, as its list (the service refuses others). */
const auditList: ExportList<AuditExportRow, AuditQuery> = {
  name: 'audit',
  query: AuditListQuery,
  count: (deps, actor, q) => audit.countAuditLog(deps, actor, q),
  page: async (deps, actor, q, cursor) => {
    const page = await audit.listAuditLog(deps, actor, { ...q, limit: EXPORT_PAGE_ROWS, cursor });
    return { ...page, data: page.data.map((e) => ({ ...e, createdAt: e.at })) };
  },
  columns: auditColumns,
};

export const EXPORT_LISTS_BY_NAME: Record<string, ExportList> = {
  customers: customerList as ExportList,
  pool: poolList as ExportList,
  tasks: taskList as ExportList,
  complaints: complaintList as ExportList,
  orders: orderList as ExportList,
  audit: auditList as ExportList,
};

/** Filters as the list's query string carries them, checked against the list's own query schema. */
export function parseFilters(list: ExportList, filters: Record<string, unknown>, path = 'filters') {
  const rest = Object.fromEntries(
    Object.entries(filters).filter(([k, v]) => k !== 'limit' && k !== 'cursor' && v !== '' && v != null),
  );
  const parsed = list.query.safeParse(rest);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((i) => ({
        // A list filter is one text ("A,B"): its problem is the filter's, not an item's.
        path: [path, ...i.path.filter((p) => typeof p === 'string')].filter(Boolean).join('.'),
        message: i.message,
      })),
    );
  return parsed.data;
}

/** Every row of the list, page by page, oldest cursor first; stops when the list ends. */
export async function* pagesOf(deps: Deps, actor: Actor, list: ExportList, q: unknown) {
  let cursor: string | undefined;
  for (;;) {
    const page = await list.page(deps, actor, q, cursor);
    yield page.data;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
