import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import type { NotificationOut } from '@steward/contracts';
import type { Formatters } from '../../shared/format';
import { zhCN } from '../../app/i18n/zh-CN';
import { enUS } from '../../app/i18n/en-US';
import { notificationLink, notificationText } from './notification-text';

const fmt = { dateTime: (iso: string | null) => iso ?? '—', date: (iso: string | null) => iso ?? '—' };
const translator = async (lng: string) => {
  const i18n = createInstance();
  await i18n.init({
    lng,
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
};
const note = (over: Partial<NotificationOut>): NotificationOut => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'other',
  data: {},
  entity: null,
  entityId: null,
  readAt: null,
  createdAt: '2026-06-01T00:00:00.000Z',
  ...over,
});

describe('SLA notifications', () => {
  const digest = note({
    kind: 'complaint_sla_breach_digest',
    entity: 'complaint',
    data: { target: 'resolution', count: 1234, firstDueAt: 'D1', lastDueAt: 'D2', asAssignee: 1234 },
  });

  it('read a digest as the number of complaints, the target and the span of due times, in both languages', async () => {
    const en = await translator('en-US');
    const zh = await translator('zh-CN');
    const f = fmt as unknown as Formatters;
    expect(notificationText(en, f, digest)).toBe('1234 complaints overdue: resolution was due D1 – D2');
    expect(notificationText(zh, f, digest)).toBe('1234 条投诉已超时：解决已于 D1 至 D2 到期');
    const warning = note({
      kind: 'complaint_sla_warning_digest',
      data: { target: 'first_response', count: 2, firstDueAt: 'D1', lastDueAt: 'D2' },
    });
    expect(notificationText(en, f, warning)).toBe('2 complaints nearly overdue: first response due D1 – D2');
    expect(notificationText(zh, f, warning)).toBe('2 条投诉即将超时：首次响应截止于 D1 至 D2');
  });

  it('lead a digest to the complaint inbox and a single one to its complaint', () => {
    expect(notificationLink(digest)).toBe('/complaints');
    const one = note({ kind: 'complaint_sla_breach', entity: 'complaint', entityId: digest.id });
    expect(notificationLink(one)).toBe(`/complaints/${digest.id}`);
  });
});
