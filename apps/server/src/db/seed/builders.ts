import { normalizeEmail, normalizeName, normalizePhone, profileCompleteness } from '@steward/core';
import type { contacts, customers, interactions, orders, OrderLine } from '../schema/index.js';
import type { Rng } from './random.js';
import * as v from './vocab.js';

/**
 * Builders shared by the demo seed, the test factories and the benchmark generator: one place
 * that knows what a realistic customer, contact, order and interaction look like.
 */
type Id = () => string;
export type Owner = { id: string; teamId: string | null } | null;

export function buildCustomer(
  rng: Rng,
  ctx: { orgId: string; id: string; index: number; owner: Owner; createdAt: Date },
): typeof customers.$inferInsert {
  const english = rng.chance(0.15);
  const person = rng.chance(0.2);
  const region = rng.pick(v.REGIONS);
  const name = person
    ? english
      ? v.englishName(rng.pick)
      : v.chineseName(rng.pick)
    : v.companyName(rng.pick, region, english);
  const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String((ctx.index * 7_919_003 + 12_345) % 1_000_000_000).padStart(9, '0')}`;
  const email = rng.chance(0.8)
    ? `${rng.pick(v.PINYIN)}.${ctx.index}@${english ? 'example.com' : 'example.cn'}`
    : null;
  const tags = rng.chance(0.6)
    ? [...new Set([rng.pick(v.TAGS), ...(rng.chance(0.3) ? [rng.pick(v.TAGS)] : [])])]
    : [];
  const needs = rng.chance(0.5)
    ? {
        productInterests: [rng.pick(v.PRODUCTS)],
        preferredChannel: rng.pick(['电话', '微信', '邮件', '上门']),
        notes: null,
      }
    : {};
  const row = {
    orgId: ctx.orgId,
    id: ctx.id,
    name,
    nameNorm: normalizeName(name),
    type: person ? 'person' : 'company',
    industry: rng.pick(v.INDUSTRIES),
    size: person ? null : rng.pick(v.SIZES),
    region,
    address: rng.chance(0.7) ? `${region.replace('·', '')}${rng.int(1, 999)}号` : null,
    source: rng.pick(v.SOURCES),
    tier: null,
    stage: 'prospect',
    ownerId: ctx.owner?.id ?? null,
    teamId: ctx.owner?.teamId ?? null,
    tags,
    phone,
    phoneNorm: normalizePhone(phone),
    email,
    emailNorm: normalizeEmail(email),
    externalId: null,
    customFields: {},
    needs,
    completeness: 0,
    createdAt: ctx.createdAt,
    updatedAt: ctx.createdAt,
  } satisfies typeof customers.$inferInsert;
  return row;
}

export function withCompleteness<T extends typeof customers.$inferInsert>(row: T, contactCount: number): T {
  const score = profileCompleteness({
    name: row.name,
    industry: row.industry ?? null,
    region: row.region ?? null,
    address: row.address ?? null,
    source: row.source ?? null,
    phone: row.phone ?? null,
    email: row.email ?? null,
    size: row.size ?? null,
    needs: row.needs ?? {},
    contactCount,
    tags: row.tags ?? [],
  }).score;
  return { ...row, completeness: score };
}

export function buildContacts(
  rng: Rng,
  ctx: { orgId: string; customerId: string; index: number; newId: Id; createdAt: Date },
) {
  const n = rng.int(0, 3);
  const out: (typeof contacts.$inferInsert)[] = [];
  for (let i = 0; i < n; i++) {
    const name = rng.chance(0.2) ? v.englishName(rng.pick) : v.chineseName(rng.pick);
    const month = rng.int(1, 12);
    out.push({
      orgId: ctx.orgId,
      id: ctx.newId(),
      customerId: ctx.customerId,
      name,
      position: rng.pick(v.POSITIONS),
      phone: `13${String((ctx.index * 31 + i * 7_777_777 + 99) % 1_000_000_000).padStart(9, '0')}`,
      email: rng.chance(0.6) ? `${rng.pick(v.PINYIN)}${ctx.index}_${i}@example.cn` : null,
      wechat: rng.chance(0.5) ? `wx_${ctx.index}_${i}` : null,
      birthday: rng.chance(0.6)
        ? `19${rng.int(60, 99)}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
        : null,
      isPrimary: i === 0,
      createdAt: ctx.createdAt,
      updatedAt: ctx.createdAt,
    });
  }
  return out;
}

/**
 * Purchases drawn from the BG/NBD story (Fader, Hardie & Lee 2005): each customer buys at a
 * Poisson rate λ ~ Gamma(r, α) per week and, after each purchase, drops out with probability
 * p ~ Beta(a, b); spend per order is Gamma-Gamma (heavy-tailed across customers).
 * Rates are per week; amounts in CNY.
 */
export function buildOrders(
  rng: Rng,
  ctx: {
    orgId: string;
    customerId: string;
    newId: Id;
    from: Date;
    to: Date;
    params?: { r: number; alpha: number; a: number; b: number };
  },
) {
  const { r, alpha, a, b } = ctx.params ?? { r: 0.8, alpha: 6, a: 0.6, b: 3 };
  const lambda = rng.gamma(r, 1 / alpha);
  const p = rng.beta(a, b);
  const nu = rng.gamma(3.5, 1 / 0.002); // per-customer mean-spend scale, heavy tail
  const weekMs = 7 * 86_400_000;
  const out: (typeof orders.$inferInsert)[] = [];
  let t = ctx.from.getTime();
  for (let guard = 0; guard < 400; guard++) {
    t += (-Math.log(Math.max(rng.next(), 1e-12)) / Math.max(lambda, 1e-6)) * weekMs;
    if (t > ctx.to.getTime()) break;
    const amount = Math.round(rng.gamma(2, 1 / (2 / Math.max(nu, 50))) * 100) / 100;
    const qty = rng.int(1, 5);
    const lines: OrderLine[] = [
      { product: rng.pick(v.PRODUCTS), quantity: qty, unitPrice: Math.round((amount / qty) * 100) / 100 },
    ];
    out.push({
      orgId: ctx.orgId,
      id: ctx.newId(),
      customerId: ctx.customerId,
      orderedAt: new Date(t),
      amount,
      currency: 'CNY',
      channel: rng.pick(['线下', '官网', '电话', '经销商']),
      lines,
      createdAt: new Date(t),
    });
    if (rng.chance(p)) break;
  }
  return out;
}

const SUMMARIES = [
  '电话沟通续约意向',
  '上门拜访，介绍新产品',
  '微信跟进报价',
  '处理发票问题',
  '年度回访，客户满意',
  '客户询问售后服务',
];

export function buildInteractions(
  rng: Rng,
  ctx: {
    orgId: string;
    customerId: string;
    userId: string | null;
    newId: Id;
    from: Date;
    to: Date;
    count: number;
  },
) {
  const out: (typeof interactions.$inferInsert)[] = [];
  const span = ctx.to.getTime() - ctx.from.getTime();
  for (let i = 0; i < ctx.count; i++) {
    const at = new Date(ctx.from.getTime() + rng.next() * span);
    out.push({
      orgId: ctx.orgId,
      id: ctx.newId(),
      customerId: ctx.customerId,
      userId: ctx.userId,
      type: rng.pick(['call', 'visit', 'meeting', 'email', 'im', 'note'] as const),
      occurredAt: at,
      summary: rng.pick(SUMMARIES),
      outcome: rng.chance(0.5) ? '客户有兴趣' : null,
      nextStep: rng.chance(0.4) ? '下周发送方案' : null,
      createdAt: at,
    });
  }
  return out;
}
