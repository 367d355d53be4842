import { zoneFormatter } from '@steward/core';
import type { AuditEntry, ComplaintOut, CustomerOut, OrderOut, TaskOut } from '@steward/contracts';

export type ExportLanguage = 'zh-CN' | 'en-US';
export type Cell = string | number | null;
export type ColumnContext = { lang: ExportLanguage; timeZone: string };

/** One column of an export: its header in each language and how a row gives its cell. */
export type Column<R> = {
  key: string;
  header: Record<ExportLanguage, string>;
  value: (row: R, ctx: ColumnContext) => Cell;
};

/** "YYYY-MM-DD HH:MM:SS" in the organization's time zone (what a spreadsheet reads as a date-time). */
export function localDateTime(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  // The formatter cached per zone: making one costs far more than formatting with it.
  const parts = zoneFormatter(timeZone).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const col = <R>(
  key: string,
  zh: string,
  en: string,
  value: (row: R, ctx: ColumnContext) => Cell,
): Column<R> => ({ key, header: { 'zh-CN': zh, 'en-US': en }, value });

/** A code shown in Chinese when the export is in Chinese (the words the import reads back). */
const word =
  (zh: Record<string, string>) =>
  (code: string | null, ctx: ColumnContext): string | null =>
    code === null ? null : ctx.lang === 'zh-CN' ? (zh[code] ?? code) : code;

const customerType = word({ company: '企业', person: '个人' });
const customerStage = word({
  prospect: '潜在客户',
  new: '新客户',
  active: '活跃',
  mature: '成熟',
  at_risk: '有风险',
  churned: '已流失',
  won_back: '已挽回',
});

/**
 * Customer (and pool) columns. The headers of the importable fields are names the import's
 * mapping recognizes in both languages (packages/core/src/imports/suggest.ts), and the values
 * are words it reads, so an export imports again as the same records.
 */
export const customerColumns: Column<CustomerOut>[] = [
  col('name', '客户名称', 'Name', (r) => r.name),
  col('externalId', '外部编号', 'External ID', (r) => r.externalId),
  col('type', '客户类型', 'Customer Type', (r, c) => customerType(r.type, c)),
  col('industry', '行业', 'Industry', (r) => r.industry),
  col('size', '规模', 'Size', (r) => r.size),
  col('region', '地区', 'Region', (r) => r.region),
  col('address', '地址', 'Address', (r) => r.address),
  col('source', '来源', 'Source', (r) => r.source),
  col('tier', '客户等级', 'Tier', (r) => r.tier),
  col('stage', '客户阶段', 'Stage', (r, c) => customerStage(r.stage, c)),
  col('phone', '电话', 'Phone', (r) => r.phone),
  col('email', '邮箱', 'Email', (r) => r.email),
  col('idNumber', '证件号', 'ID Number', (r) => r.idNumber),
  col('tags', '标签', 'Tags', (r) => (r.tags.length ? r.tags.join(', ') : null)),
  col('owner', '负责人', 'Owner', (r) => r.ownerName),
  col('completeness', '资料完整度', 'Completeness', (r) => r.completeness),
  col('lastContactedAt', '最近联系时间', 'Last Contacted', (r, c) =>
    localDateTime(r.lastContactedAt, c.timeZone),
  ),
  col('createdAt', '创建时间', 'Created At', (r, c) => localDateTime(r.createdAt, c.timeZone)),
  col('updatedAt', '更新时间', 'Updated At', (r, c) => localDateTime(r.updatedAt, c.timeZone)),
  col('id', 'Steward 编号', 'Steward ID', (r) => r.id),
];

const taskType = word({
  visit: '拜访',
  call: '电话',
  care: '关怀',
  follow_up: '跟进',
  retention: '挽留',
  complaint: '投诉处理',
  custom: '其他',
});
const taskStatus = word({ open: '待处理', in_progress: '进行中', done: '已完成', cancelled: '已取消' });
const taskPriority = word({ low: '低', normal: '普通', high: '高', urgent: '紧急' });

export const taskColumns: Column<TaskOut>[] = [
  col('title', '标题', 'Title', (r) => r.title),
  col('type', '任务类型', 'Type', (r, c) => taskType(r.type, c)),
  col('status', '状态', 'Status', (r, c) => taskStatus(r.status, c)),
  col('priority', '优先级', 'Priority', (r, c) => taskPriority(r.priority, c)),
  col('customer', '客户', 'Customer', (r) => r.customerName),
  col('assignee', '负责人', 'Assignee', (r) => r.assigneeName),
  col('dueAt', '截止时间', 'Due At', (r, c) => localDateTime(r.dueAt, c.timeZone)),
  col('overdue', '已逾期', 'Overdue', (r, c) =>
    c.lang === 'zh-CN' ? (r.overdue ? '是' : '否') : r.overdue ? 'yes' : 'no',
  ),
  col('remindAt', '提醒时间', 'Remind At', (r, c) => localDateTime(r.remindAt, c.timeZone)),
  col('completedAt', '完成时间', 'Completed At', (r, c) => localDateTime(r.completedAt, c.timeZone)),
  col('createdBy', '创建人', 'Created By', (r) => r.createdByName),
  col('createdAt', '创建时间', 'Created At', (r, c) => localDateTime(r.createdAt, c.timeZone)),
  col('description', '描述', 'Description', (r) => r.description),
  col('id', 'Steward 编号', 'Steward ID', (r) => r.id),
];

const complaintStatus = word({
  open: '待受理',
  acknowledged: '已受理',
  in_progress: '处理中',
  waiting_customer: '等待客户',
  resolved: '已解决',
  closed: '已关闭',
});
const complaintSeverity = word({ low: '低', medium: '中', high: '高', critical: '紧急' });
const complaintCategory = word({
  quality: '产品质量',
  delivery: '物流配送',
  service: '服务态度',
  billing: '账单费用',
  after_sales: '售后',
  other: '其他',
});
const complaintChannel = word({ phone: '电话', email: '邮件', wechat: '微信', visit: '上门', web: '网站' });
const slaState = word({
  normal: '正常',
  warning: '即将超时',
  breached: '已超时',
  paused: '已暂停',
  met: '已达成',
  missed: '未达成',
});

export const complaintColumns: Column<ComplaintOut>[] = [
  col('customer', '客户', 'Customer', (r) => r.customerName),
  col('category', '投诉类别', 'Category', (r, c) => complaintCategory(r.category, c)),
  col('severity', '严重程度', 'Severity', (r, c) => complaintSeverity(r.severity, c)),
  col('status', '状态', 'Status', (r, c) => complaintStatus(r.status, c)),
  col('channel', '渠道', 'Channel', (r, c) => complaintChannel(r.channel, c)),
  col('description', '投诉内容', 'Description', (r) => r.description),
  col('assignee', '处理人', 'Assignee', (r) => r.assigneeName),
  col('owner', '客户经理', 'Account Manager', (r) => r.ownerName),
  col('slaState', 'SLA 状态', 'SLA State', (r, c) => slaState(r.sla.state, c)),
  col('dueAt', '当前时限', 'Due At', (r, c) => localDateTime(r.sla.dueAt, c.timeZone)),
  col('firstRespondedAt', '首次响应时间', 'First Responded At', (r, c) =>
    localDateTime(r.firstRespondedAt, c.timeZone),
  ),
  col('resolvedAt', '解决时间', 'Resolved At', (r, c) => localDateTime(r.resolvedAt, c.timeZone)),
  col('resolution', '解决方案', 'Resolution', (r) => r.resolution),
  col('rootCause', '根本原因', 'Root Cause', (r) => r.rootCause),
  col('reopenCount', '重开次数', 'Reopened', (r) => r.reopenCount),
  col('createdAt', '创建时间', 'Created At', (r, c) => localDateTime(r.createdAt, c.timeZone)),
  col('id', 'Steward 编号', 'Steward ID', (r) => r.id),
];

/** An order with the name of its customer (looked up per page for the export). */
export type OrderExportRow = OrderOut & { customerName: string | null };

export const orderColumns: Column<OrderExportRow>[] = [
  col('orderedAt', '下单时间', 'Ordered At', (r, c) => localDateTime(r.orderedAt, c.timeZone)),
  col('customer', '客户', 'Customer', (r) => r.customerName),
  col('externalId', '订单编号', 'Order Number', (r) => r.externalId),
  col('amount', '金额', 'Amount', (r) => r.amount),
  col('currency', '币种', 'Currency', (r) => r.currency),
  col('channel', '渠道', 'Channel', (r) => r.channel),
  col('lines', '明细', 'Lines', (r) =>
    r.lines.length ? r.lines.map((l) => `${l.product} × ${l.quantity} @ ${l.unitPrice}`).join('; ') : null,
  ),
  col('customerId', '客户 Steward 编号', 'Customer Steward ID', (r) => r.customerId),
  col('id', 'Steward 编号', 'Steward ID', (r) => r.id),
];

/** An audit entry as exported; `createdAt` (its time) bounds a background export to what existed at its start. */
export type AuditExportRow = AuditEntry & { createdAt: string };

export const auditColumns: Column<AuditExportRow>[] = [
  col('at', '时间', 'Time', (r, c) => localDateTime(r.at, c.timeZone)),
  col('actor', '操作人', 'Actor', (r) => r.actorName),
  col('action', '操作', 'Action', (r) => r.action),
  col('entity', '对象类型', 'Entity', (r) => r.entity),
  col('entityId', '对象编号', 'Entity ID', (r) => r.entityId),
  col('data', '详情', 'Details', (r) => (Object.keys(r.data).length ? JSON.stringify(r.data) : null)),
  col('actorId', '操作人编号', 'Actor ID', (r) => r.actorId),
  col('id', 'Steward 编号', 'Steward ID', (r) => r.id),
];
