import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  or,
  sql,
  type Column,
  type SQL,
} from 'drizzle-orm';
import { compiledSelection, compiledText, runSelection } from '../../db/compiled-select.js';
import type { CustomerListQuery } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import {
  assignmentHistory,
  contacts,
  customers,
  customFieldDefs,
  fieldHistory,
  users,
} from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import type { Cursor } from '../../platform/pagination.js';
import { likeEscape } from '../../platform/pagination.js';

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerWithOwner = CustomerRow & { ownerName: string | null };

const selection = { customer: customers, ownerName: users.name };

/** The columns a customer list shows (presenter.ts); internal ones (norms, merge, deletion) stay behind. */
export const LIST_COLUMNS = [
  'id',
  'name',
  'type',
  'industry',
  'size',
  'region',
  'address',
  'source',
  'tier',
  'stage',
  'ownerId',
  'teamId',
  'tags',
  'phone',
  'email',
  'idNumber',
  'externalId',
  'customFields',
  'needs',
  'completeness',
  'protected',
  'lastContactedAt',
  'nextVisitDueAt',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof CustomerRow)[];
export type CustomerListRow = Pick<CustomerRow, (typeof LIST_COLUMNS)[number]> & { ownerName: string | null };
const tableColumns = getTableColumns(customers);
const listColumns = Object.fromEntries(LIST_COLUMNS.map((k) => [k, tableColumns[k]])) as {
  [K in (typeof LIST_COLUMNS)[number]]: (typeof tableColumns)[K];
};
const ownerJoin = and(eq(users.orgId, customers.orgId), eq(users.id, customers.ownerId));

const flatten = (r: { customer: CustomerRow; ownerName: string | null }): CustomerWithOwner => ({
  ...r.customer,
  ownerName: r.ownerName,
});

/**
 * The search condition: partial name, e-mail, or phone digits (pg_trgm indexes serve all three).
 * A term of one or two characters (a surname such as 张, a place such as 华东) yields no trigram, so
 * it matches names only, through the index of one- and two-character substrings (migration 0012).
 */
export function searchCondition(q: string): SQL {
  const term = q.trim();
  // The ILIKE (the same test for such a term) is cheap: when the planner walks the newest-first
  // index instead of the substring index, it filters rows with it before the costlier function.
  if ([...term].length <= 2)
    return sql`(${customers.name} ilike ${`%${likeEscape(term.toLowerCase())}%`} and steward_short_grams(lower(${customers.name})) @> array[lower(${term})]::text[])`;
  const digits = q.replace(/\D/g, '');
  const pattern = `%${likeEscape(q.toLowerCase())}%`;
  const parts: SQL[] = [sql`${customers.name} ilike ${pattern}`, sql`${customers.emailNorm} like ${pattern}`];
  if (digits.length >= 3 && digits.length >= q.replace(/\s/g, '').length - 2)
    parts.push(sql`${customers.phoneNorm} like ${`%${digits}%`}`);
  return or(...parts)!;
}

export function filterConditions(q: CustomerListQuery): SQL[] {
  const out: SQL[] = [];
  if (q.q) out.push(searchCondition(q.q));
  if (q.ownerId === 'none') out.push(isNull(customers.ownerId));
  else if (q.ownerId) out.push(eq(customers.ownerId, q.ownerId));
  if (q.teamId) out.push(eq(customers.teamId, q.teamId));
  if (q.tier?.length) out.push(inArray(customers.tier, q.tier));
  if (q.stage?.length) out.push(inArray(customers.stage, q.stage));
  if (q.tag) out.push(sql`${customers.tags} @> array[${q.tag}]::text[]`);
  if (q.region) out.push(eq(customers.region, q.region));
  if (q.industry) out.push(eq(customers.industry, q.industry));
  if (q.source) out.push(eq(customers.source, q.source));
  return out;
}

const SORT_COLUMNS = {
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
  name: customers.name,
} as const;

export function sortSpec(sort: CustomerListQuery['sort']) {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key];
  const isTime = key !== 'name';
  return {
    key,
    descending,
    orderBy: descending ? [desc(column), desc(customers.id)] : [asc(column), asc(customers.id)],
    after: (c: Cursor): SQL => {
      const v = isTime ? sql`${c.v}::timestamptz` : sql`${c.v}`;
      return descending
        ? sql`(${column}, ${customers.id}) < (${v}, ${c.id})`
        : sql`(${column}, ${customers.id}) > (${v}, ${c.id})`;
    },
    cursorOf: (row: CustomerListRow): Cursor => ({
      v: isTime ? (row[key] as Date).toISOString() : (row[key] as string),
      id: row.id,
    }),
  };
}

/**
 * The list's select list and joins, compiled once (db/compiled-select.ts). Only the owner's name
 * comes from users (never its other columns, such as the password hash), joined within the tenant.
 */
const LIST_FIELDS = { ...listColumns, ownerName: users.name };
const LIST = compiledSelection(LIST_FIELDS);
const LIST_FROM = compiledText(sql`from ${customers} left join ${users} on ${ownerJoin}`);
/**
 * A search reads its matches in a fenced subquery `m`, then joins the owner's name, within the
 * tenant as `ownerJoin` does. The outer select list is LIST's fields read from `m`.
 */
const M = 'm';
const inM = (c: Column) => sql`${sql.identifier(M)}.${sql.identifier(c.name)}`;
const SEARCH = compiledSelection(LIST_FIELDS, (c) => (c === users.name ? undefined : M));
const SEARCH_INNER = compiledText(
  sql`select ${compiledSelection(listColumns).list}, ${customers.orgId} from ${customers}`,
);
const SEARCH_JOIN = compiledText(
  sql`${sql.identifier(M)} left join ${users} on (${users.orgId} = ${inM(customers.orgId)} and ${users.id} = ${inM(customers.ownerId)})`,
);

export async function listCustomers(
  db: Db,
  where: SQL[],
  orderBy: SQL[],
  limit: number,
  opts: { search?: { key: keyof typeof SORT_COLUMNS; descending: boolean } } = {},
): Promise<CustomerListRow[]> {
  // Never a list without its scope: the caller always passes at least the tenant's condition.
  if (!where.length) throw new Error('listCustomers: no scope condition');
  if (opts.search) {
    // A search first collects its matching rows through the trigram indexes, then sorts them.
    // The OFFSET 0 fence keeps the planner from walking the created-at index row by row instead,
    // hoping to meet matches early (seconds at a million customers when matches are rare).
    const dir = sql.raw(opts.search.descending ? 'desc' : 'asc');
    const key = SORT_COLUMNS[opts.search.key];
    return runSelection(
      db,
      sql`select ${SEARCH.list} from (${SEARCH_INNER} where ${and(...where)} offset 0) ${SEARCH_JOIN} order by ${inM(key)} ${dir}, ${inM(customers.id)} ${dir} limit ${limit}`,
      SEARCH,
    );
  }
  return runSelection(
    db,
    sql`select ${LIST.list} ${LIST_FROM} where ${and(...where)} order by ${sql.join(orderBy, sql`, `)} limit ${limit}`,
    LIST,
  );
}

export async function countCustomers(db: Db, where: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(...where));
  return row?.n ?? 0;
}

export async function findCustomer(
  db: Db,
  scope: SQL,
  id: string,
  lock = false,
): Promise<CustomerWithOwner | null> {
  const q = db
    .select(selection)
    .from(customers)
    .leftJoin(users, ownerJoin)
    .where(and(scope, eq(customers.id, id)))
    .limit(1);
  const rows = lock ? await q.for('update', { of: customers }) : await q;
  return rows[0] ? flatten(rows[0]) : null;
}

export async function insertCustomer(db: Db, row: typeof customers.$inferInsert): Promise<CustomerRow> {
  const [created] = await db.insert(customers).values(row).returning();
  return created!;
}

export async function updateCustomer(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof customers.$inferInsert>,
) {
  const [row] = await db
    .update(customers)
    .set(patch)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)))
    .returning();
  return row!;
}

/** Customers (not deleted) that share a duplicate key with the given one. */
export async function findDuplicateCandidates(
  db: Db,
  orgId: string,
  keys: {
    phone: string | null;
    email: string | null;
    name: string;
    region: string | null;
    externalId: string | null;
  },
  excludeId?: string,
) {
  const ors: SQL[] = [];
  if (keys.phone) ors.push(eq(customers.phoneNorm, keys.phone));
  if (keys.email) ors.push(eq(customers.emailNorm, keys.email));
  if (keys.name && keys.region)
    ors.push(and(eq(customers.nameNorm, keys.name), eq(customers.region, keys.region))!);
  if (keys.externalId) ors.push(eq(customers.externalId, keys.externalId));
  if (!ors.length) return [];
  return db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.orgId, orgId),
        isNull(customers.deletedAt),
        or(...ors),
        excludeId ? sql`${customers.id} <> ${excludeId}` : undefined,
      ),
    )
    .limit(10);
}

export async function findUser(db: Db, orgId: string, userId: string) {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function countContacts(db: Db, orgId: string, customerId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId)));
  return row?.n ?? 0;
}

export async function customFieldDefsFor(db: Db, orgId: string, entity: 'customer' | 'contact') {
  return db
    .select()
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.orgId, orgId), eq(customFieldDefs.entity, entity)));
}

export async function insertHistory(db: Db, rows: (typeof fieldHistory.$inferInsert)[]) {
  if (rows.length) await db.insert(fieldHistory).values(rows);
}

/** The first entry of a customer's assignment history: who got it when it was created. */
export async function insertCreationAssignment(
  db: Db,
  c: { orgId: string; id: string; ownerId: string | null; createdAt: Date },
  actorId: string,
) {
  if (!c.ownerId) return;
  await db.insert(assignmentHistory).values({
    orgId: c.orgId,
    id: newId(),
    customerId: c.id,
    kind: 'create',
    fromUserId: null,
    toUserId: c.ownerId,
    actorId,
    at: c.createdAt,
  });
}
