import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  assignmentHistory,
  contacts,
  customers,
  interactions,
  orders,
  organizations,
  poolPolicies,
  teams,
  users,
  products,
} from '../schema/index.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import { createRng } from './random.js';
import { INDUSTRIES, PRODUCTS, REGIONS } from './vocab.js';
import {
  buildContacts,
  buildCustomer,
  buildInteractions,
  buildOrders,
  withCompleteness,
} from './builders.js';

const DAY = 86_400_000;

export type DemoOptions = { customers: number; password: string; now: Date; seed?: number };

async function insertChunked<T extends Record<string, unknown>>(
  db: Db,
  table: Parameters<Db['insert']>[0],
  rows: T[],
  size = 500,
) {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}

/**
 * Demo tiers by last year's spend among buyers: top 10% A, next 20% B, next 30% C, the rest D;
 * customers with no order in the year stay ungraded. (The value refresh will own tiering.)
 */
function assignDemoTiers(
  rows: { id: string; tier?: string | null }[],
  orderRows: { customerId: string; orderedAt: Date; amount: number }[],
  now: Date,
) {
  const since = now.getTime() - 365 * DAY;
  const spend = new Map<string, number>();
  for (const o of orderRows)
    if (o.orderedAt.getTime() >= since) spend.set(o.customerId, (spend.get(o.customerId) ?? 0) + o.amount);
  const ranked = [...spend.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const tierOf = new Map(
    ranked.map((id, i) => [
      id,
      i < ranked.length * 0.1 ? 'A' : i < ranked.length * 0.3 ? 'B' : i < ranked.length * 0.6 ? 'C' : 'D',
    ]),
  );
  for (const r of rows) r.tier = tierOf.get(r.id) ?? null;
}

/** True when an organization named "Demo" exists already. */
export async function demoExists(db: Db): Promise<boolean> {
  return (
    (
      await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.name, 'Demo'))
        .limit(1)
    ).length > 0
  );
}

/** The demo catalog: the products of vocab.ts PRODUCTS, which the demo orders' lines name. */
const DEMO_PRODUCTS = [
  {
    name: '标准版软件',
    category: '软件',
    unit: '套',
    unitPrice: 12800,
    description: 'Standard edition, per site',
  },
  {
    name: '专业版软件',
    category: '软件',
    unit: '套',
    unitPrice: 36800,
    description: 'Professional edition, per site',
  },
  {
    name: '年度维保',
    category: '服务',
    unit: '年',
    unitPrice: 6800,
    description: 'Annual maintenance and support',
  },
  {
    name: '实施服务',
    category: '服务',
    unit: '人天',
    unitPrice: 2400,
    description: 'Implementation, per person-day',
  },
  { name: '培训课程', category: '服务', unit: '场', unitPrice: 3500, description: 'Training session' },
  { name: '硬件终端', category: '硬件', unit: '台', unitPrice: 4200, description: 'Hardware terminal' },
  { name: '耗材', category: '硬件', unit: '箱', unitPrice: 380, description: 'Consumables, per box' },
] satisfies {
  name: (typeof PRODUCTS)[number];
  category: string;
  unit: string;
  unitPrice: number;
  description: string;
}[];

/**
 * Creates the organization "Demo" of API.md: the admin, director, three team leads with their
 * teams, twenty managers, two service agents and an analyst, all with one password; customers
 * with contacts, two years of orders and interactions; some customers in the public pool.
 */
export async function seedDemo(db: Db, opts: DemoOptions) {
  const rng = createRng(opts.seed ?? 20261206);
  const passwordHash = await hashPassword(opts.password);
  const orgId = newId();
  const now = opts.now;
  const rootTeam = newId();
  const teamIds = [newId(), newId(), newId()];
  const teamNames = ['华东团队 East', '华南团队 South', '华北团队 North'];
  const user = (email: string, name: string, role: string, teamId: string | null) => ({
    orgId,
    id: newId(),
    email,
    name,
    role,
    passwordHash,
    teamId,
    createdAt: now,
  });
  const admin = user('admin@steward.demo', '系统管理员 Admin', 'admin', null);
  const director = user('director@steward.demo', '周总监 Director Zhou', 'director', rootTeam);
  const leads = [1, 2, 3].map((i) =>
    user(`lead${i}@steward.demo`, `${['陈', '林', '王'][i - 1]}组长 Lead ${i}`, 'team_lead', teamIds[i - 1]!),
  );
  const managers = Array.from({ length: 20 }, (_, i) => ({
    ...user(
      `manager${i + 1}@steward.demo`,
      `${['李', '张', '刘', '杨', '赵'][i % 5]}经理${i + 1} Manager ${i + 1}`,
      'manager',
      teamIds[i % 3]!,
    ),
    level: i % 7 === 0 ? 'key_account' : i % 3 === 0 ? 'senior' : 'junior',
    capacity: i % 7 === 0 ? 120 : 200,
    regions: [REGIONS[i % REGIONS.length]!, REGIONS[(i + 5) % REGIONS.length]!],
    industries: [INDUSTRIES[i % INDUSTRIES.length]!],
    languages: i % 4 === 0 ? ['zh', 'en'] : ['zh'],
    hireDate: `20${15 + (i % 10)}-0${1 + (i % 9)}-15`,
  }));
  const agents = [1, 2].map((i) =>
    user(`agent${i}@steward.demo`, `客服${i} Agent ${i}`, 'service_agent', null),
  );
  const analyst = user('analyst@steward.demo', '数据分析师 Analyst', 'analyst', null);

  await db.transaction(async (tx) => {
    await tx.insert(organizations).values({
      id: orgId,
      name: 'Demo',
      timeZone: 'Asia/Shanghai',
      currency: 'CNY',
      language: 'zh-CN',
      createdAt: now,
    });
    await tx
      .insert(teams)
      .values({ orgId, id: rootTeam, name: '销售部 Sales', parentId: null, createdAt: now });
    await tx
      .insert(teams)
      .values(
        teamIds.map((id, i) => ({ orgId, id, name: teamNames[i]!, parentId: rootTeam, createdAt: now })),
      );
    await tx.insert(users).values([admin, director, ...leads, ...managers, ...agents, analyst]);
    // The product catalog the orders' lines name (reference data kept by senior managers).
    await tx.insert(products).values(
      DEMO_PRODUCTS.map((p, i) => ({
        orgId,
        id: newId(),
        code: `P-${String(i + 1).padStart(3, '0')}`,
        ...p,
        currency: 'CNY',
        createdAt: now,
        createdBy: admin.id,
        updatedAt: now,
        updatedBy: admin.id,
      })),
    );
    await tx.update(teams).set({ leadId: director.id }).where(eq(teams.id, rootTeam));
    for (let i = 0; i < 3; i++)
      await tx.update(teams).set({ leadId: leads[i]!.id }).where(eq(teams.id, teamIds[i]!));

    const owners = [...managers, ...managers, ...managers, ...leads];
    const from = new Date(now.getTime() - 730 * DAY);
    const customerRows = [];
    const contactRows = [];
    const orderRows = [];
    const interactionRows = [];
    const historyRows: (typeof assignmentHistory.$inferInsert)[] = [];
    for (let i = 0; i < opts.customers; i++) {
      const id = newId();
      const pool = rng.chance(0.08);
      const owner = pool ? null : rng.pick(owners);
      const createdAt = new Date(from.getTime() + rng.next() * 700 * DAY);
      const base = buildCustomer(rng, {
        orgId,
        id,
        index: i,
        owner: owner && { id: owner.id, teamId: owner.teamId },
        createdAt,
      });
      const cs = buildContacts(rng, { orgId, customerId: id, index: i, newId, createdAt });
      const os = rng.chance(0.85)
        ? buildOrders(rng, { orgId, customerId: id, newId, from: createdAt, to: now })
        : [];
      const is = buildInteractions(rng, {
        orgId,
        customerId: id,
        userId: owner?.id ?? null,
        newId,
        from: createdAt,
        to: now,
        count: rng.int(0, 6),
      });
      const lastOrder = os.at(-1)?.orderedAt;
      const stage = !lastOrder
        ? 'prospect'
        : now.getTime() - lastOrder.getTime() > 180 * DAY
          ? 'churned'
          : os.length >= 5
            ? 'mature'
            : 'active';
      const lastContactedAt = is.reduce<Date | null>(
        (m, x) => (!m || x.occurredAt > m ? x.occurredAt : m),
        null,
      );
      customerRows.push(
        withCompleteness(
          {
            ...base,
            stage,
            lastContactedAt,
            lastOrderAt: lastOrder ?? null,
            assignedAt: owner ? createdAt : null,
          },
          cs.length,
        ),
      );
      if (owner)
        historyRows.push({
          orgId,
          id: newId(),
          customerId: id,
          kind: 'create',
          fromUserId: null,
          toUserId: owner.id,
          actorId: admin.id,
          at: createdAt,
        });
      contactRows.push(...cs);
      orderRows.push(...os);
      interactionRows.push(...is);
    }
    assignDemoTiers(customerRows, orderRows, now);
    await insertChunked(tx, customers, customerRows);
    await insertChunked(tx, contacts, contactRows);
    await insertChunked(tx, orders, orderRows);
    await insertChunked(tx, interactions, interactionRows);
    await insertChunked(tx, assignmentHistory, historyRows);
    await tx.insert(poolPolicies).values({
      orgId,
      id: newId(),
      scope: 'organization',
      scopeId: null,
      maxClaimsPerDay: 20,
      maxHeld: null,
      cooldownDays: 30,
      maxProtected: 5,
    });
  });
  return { orgId, accounts: 27 };
}
