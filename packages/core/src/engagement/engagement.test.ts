import { describe, expect, it } from 'vitest';
import { addDays, localDayOf } from './days.js';
import {
  DEFAULT_VISIT_CADENCE,
  effectivePlan,
  nextDueAfterVisit,
  planDueAt,
  visitSourceKey,
} from './cadence.js';
import { classifyVisit, summarizeVisits } from './completion.js';
import { renderTemplate, unknownPlaceholders } from './templates.js';
import {
  DEFAULT_CARE,
  DEFAULT_HOLIDAYS,
  annualDateIn,
  annualWindow,
  careSourceKey,
  careTemplate,
  holidaysInWindow,
  nextAnnualOccurrence,
} from './care.js';
import { agendaBucket, agendaWindow } from './agenda.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const d = (s: string) => new Date(s);

describe('days', () => {
  it('finds the local day of an instant in a time zone', () => {
    expect(localDayOf(d('2026-03-01T16:30:00Z'), SH)).toBe('2026-03-02');
    expect(localDayOf(d('2026-03-01T15:59:59Z'), SH)).toBe('2026-03-01');
    expect(localDayOf(d('2026-03-02T03:00:00Z'), NY)).toBe('2026-03-01');
  });
  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });
});

describe('visit cadence', () => {
  it('takes the tier cadence and channel, or the override', () => {
    expect(effectivePlan(DEFAULT_VISIT_CADENCE, 'A', null)).toEqual({
      cadenceDays: 30,
      channel: 'visit',
      source: 'tier',
    });
    expect(effectivePlan(DEFAULT_VISIT_CADENCE, 'D', null).cadenceDays).toBeNull();
    expect(effectivePlan(DEFAULT_VISIT_CADENCE, null, null)).toEqual({
      cadenceDays: null,
      channel: null,
      source: 'tier',
    });
    expect(effectivePlan(DEFAULT_VISIT_CADENCE, 'D', { cadenceDays: 14, channel: null })).toEqual({
      cadenceDays: 14,
      channel: 'wechat',
      source: 'override',
    });
    expect(
      effectivePlan(DEFAULT_VISIT_CADENCE, 'A', { cadenceDays: null, channel: 'phone' }).cadenceDays,
    ).toBeNull();
  });
  it('dates the next visit from the stored due date, else from the last contact, assignment or creation', () => {
    const base = {
      nextVisitDueAt: null,
      lastContactedAt: null,
      assignedAt: null,
      createdAt: d('2026-01-01T00:00:00Z'),
    };
    expect(planDueAt(base, 30)?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(planDueAt({ ...base, assignedAt: d('2026-02-01T00:00:00Z') }, 60)?.toISOString()).toBe(
      '2026-04-02T00:00:00.000Z',
    );
    expect(
      planDueAt(
        { ...base, assignedAt: d('2026-02-01T00:00:00Z'), lastContactedAt: d('2026-03-01T08:00:00Z') },
        30,
      )?.toISOString(),
    ).toBe('2026-03-31T08:00:00.000Z');
    expect(planDueAt({ ...base, nextVisitDueAt: d('2026-05-05T00:00:00Z') }, 30)?.toISOString()).toBe(
      '2026-05-05T00:00:00.000Z',
    );
    expect(planDueAt(base, null)).toBeNull();
    expect(nextDueAfterVisit(d('2026-03-01T02:00:00Z'), 90).toISOString()).toBe('2026-05-30T02:00:00.000Z');
    expect(visitSourceKey('c1', '2026-05-30')).toBe('visit:c1:2026-05-30');
  });
});

describe('visit completion', () => {
  const ctx = { now: d('2026-04-20T00:00:00Z'), timeZone: SH, graceDays: 7 };
  const due = d('2026-04-01T02:00:00Z'); // 10:00 on 1 April in Shanghai
  it('is on time when done by the end of the due day in the organization’s zone', () => {
    expect(classifyVisit({ dueAt: due, status: 'done', completedAt: d('2026-04-01T15:59:59Z') }, ctx)).toBe(
      'on_time',
    );
    expect(classifyVisit({ dueAt: due, status: 'done', completedAt: d('2026-03-20T00:00:00Z') }, ctx)).toBe(
      'on_time',
    );
    expect(classifyVisit({ dueAt: due, status: 'done', completedAt: d('2026-04-01T16:00:00Z') }, ctx)).toBe(
      'late',
    );
  });
  it('is missed only after the grace days, pending before, cancelled apart', () => {
    const open = { dueAt: due, status: 'open', completedAt: null };
    // due day ends 2026-04-01T16:00Z; + 7 days = 2026-04-08T16:00Z
    expect(classifyVisit(open, { ...ctx, now: d('2026-04-08T15:59:00Z') })).toBe('pending');
    expect(classifyVisit(open, { ...ctx, now: d('2026-04-08T16:01:00Z') })).toBe('missed');
    expect(classifyVisit({ ...open, status: 'in_progress' }, ctx)).toBe('missed');
    expect(classifyVisit({ ...open, status: 'cancelled' }, ctx)).toBe('cancelled');
  });
  it('summarizes outcomes into rates', () => {
    expect(summarizeVisits({ on_time: 2, late: 1, missed: 1 })).toEqual({
      planned: 4,
      doneOnTime: 2,
      doneLate: 1,
      missed: 1,
      pending: 0,
      completionRate: 0.75,
      onTimeRate: 0.5,
    });
    expect(summarizeVisits({}).completionRate).toBeNull();
  });
});

describe('templates', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(
      renderTemplate('{contact} of {customer}: {years} years on {date} {x}', {
        contact: '王芳',
        customer: '华星',
        years: 3,
        date: '2026-05-01',
      }),
    ).toBe('王芳 of 华星: 3 years on 2026-05-01 {x}');
    expect(renderTemplate('{contact}', {})).toBe('{contact}');
    expect(unknownPlaceholders('{customer} {name} {years} {foo}')).toEqual(['name', 'foo']);
  });
});

describe('care occasions', () => {
  it('celebrates 29 February on the 28th in years without it', () => {
    expect(annualDateIn('1992-02-29', 2027)).toBe('2027-02-28');
    expect(annualDateIn('1992-02-29', 2028)).toBe('2028-02-29');
    const w = annualWindow('2027-02-27', '2027-03-01');
    expect(w).toEqual([
      { md: '02-27', day: '2027-02-27', year: 2027 },
      { md: '02-28', day: '2027-02-28', year: 2027 },
      { md: '02-29', day: '2027-02-28', year: 2027 },
      { md: '03-01', day: '2027-03-01', year: 2027 },
    ]);
    expect(annualWindow('2028-02-28', '2028-02-29').map((s) => s.md)).toEqual(['02-28', '02-29']);
  });
  it('crosses the year end', () => {
    const w = annualWindow('2026-12-30', '2027-01-02');
    expect(w.map((s) => `${s.md}/${s.year}`)).toEqual([
      '12-30/2026',
      '12-31/2026',
      '01-01/2027',
      '01-02/2027',
    ]);
    expect(nextAnnualOccurrence('2020-01-01', '2026-12-30')).toEqual({
      day: '2027-01-01',
      year: 2027,
      years: 7,
    });
    expect(nextAnnualOccurrence('2020-02-29', '2026-02-01')).toEqual({
      day: '2026-02-28',
      year: 2026,
      years: 6,
    });
  });
  it('finds holidays in a window from the calendar', () => {
    expect(holidaysInWindow(DEFAULT_HOLIDAYS, '2026-02-14', '2026-02-17').map((h) => h.code)).toEqual([
      'spring_festival',
    ]);
    expect(holidaysInWindow(DEFAULT_HOLIDAYS, '2026-02-18', '2026-02-20')).toEqual([]);
    expect(holidaysInWindow(DEFAULT_HOLIDAYS, '2027-09-14', '2027-10-01').map((h) => h.code)).toEqual([
      'mid_autumn',
      'national_day',
    ]);
    for (const h of DEFAULT_HOLIDAYS) expect(Object.keys(h.dates)).toEqual(['2025', '2026', '2027', '2028']);
  });
  it('uses the organization’s template or the default in its language', () => {
    expect(careTemplate(DEFAULT_CARE, 'birthday', 'en-US').title).toContain('Birthday');
    expect(careTemplate(DEFAULT_CARE, 'birthday', 'zh-CN').title).toContain('生日');
    const own = { ...DEFAULT_CARE, templates: { holiday: { title: 'H {holiday}', message: 'M' } } };
    expect(careTemplate(own, 'holiday', 'zh-CN').title).toBe('H {holiday}');
    expect(careSourceKey('birthday', 'p1', 2027)).toBe('care:birthday:p1:2027');
  });
});

describe('agenda', () => {
  it('buckets by the local day of the organization', () => {
    const now = d('2026-05-10T02:00:00Z'); // 10:00 in Shanghai
    const w = agendaWindow(now, SH, 7);
    expect(w.today).toBe('2026-05-10');
    expect(w.todayStart.toISOString()).toBe('2026-05-09T16:00:00.000Z');
    const b = (iso: string, status = 'open') => agendaBucket({ dueAt: d(iso), status }, w);
    expect(b('2026-05-09T15:59:00Z')).toBe('overdue');
    expect(b('2026-05-09T16:00:00Z')).toBe('today');
    expect(b('2026-05-10T15:59:00Z')).toBe('today');
    expect(b('2026-05-10T15:00:00Z', 'done')).toBe('today');
    expect(b('2026-05-10T16:00:00Z')).toBe('upcoming');
    expect(b('2026-05-17T15:59:00Z')).toBe('upcoming');
    expect(b('2026-05-17T16:00:00Z')).toBeNull();
    expect(b('2026-05-01T00:00:00Z', 'done')).toBeNull();
  });
});
