import { addDays, isLeapYear, type Day } from './days.js';
import type { VisitTier } from './cadence.js';

/** Care (关怀) occasions that become care tasks for the customer's owner. */
export const CARE_OCCASIONS = [
  'birthday',
  'anniversary_first_order',
  'anniversary_contract',
  'holiday',
] as const;
export type CareOccasion = (typeof CARE_OCCASIONS)[number];

/** A holiday with its date in each year it is known for ("2026": "2026-02-17"). */
export type CareHoliday = { code: string; name_zh: string; name_en: string; dates: Record<string, Day> };
export type CareTemplate = { title: string; message: string };

/**
 * org_settings `care`: how many days ahead care tasks appear, the holiday calendar, which tiers get
 * a holiday care task (one per owned customer; by default only A and B — a greeting to every C and
 * D customer would bury the agenda), and message templates per occasion (missing ones fall back
 * to the defaults in the organization's language).
 */
export type CareSettings = {
  daysAhead: number;
  holidays: CareHoliday[];
  holidayTiers: VisitTier[];
  templates: Partial<Record<CareOccasion, CareTemplate>>;
};

export const DEFAULT_HOLIDAYS: CareHoliday[] = [
  {
    code: 'spring_festival',
    name_zh: '春节',
    name_en: 'Spring Festival',
    dates: { '2025': '2025-01-29', '2026': '2026-02-17', '2027': '2027-02-06', '2028': '2028-01-26' },
  },
  {
    code: 'mid_autumn',
    name_zh: '中秋节',
    name_en: 'Mid-Autumn Festival',
    dates: { '2025': '2025-10-06', '2026': '2026-09-25', '2027': '2027-09-15', '2028': '2028-10-03' },
  },
  {
    code: 'national_day',
    name_zh: '国庆节',
    name_en: 'National Day',
    dates: { '2025': '2025-10-01', '2026': '2026-10-01', '2027': '2027-10-01', '2028': '2028-10-01' },
  },
  {
    code: 'christmas',
    name_zh: '圣诞节',
    name_en: 'Christmas',
    dates: { '2025': '2025-12-25', '2026': '2026-12-25', '2027': '2027-12-25', '2028': '2028-12-25' },
  },
];

export const DEFAULT_CARE_TEMPLATES: Record<'zh' | 'en', Record<CareOccasion, CareTemplate>> = {
  zh: {
    birthday: {
      title: '生日关怀：{contact}（{customer}）',
      message: '{contact}您好，祝您生日快乐，万事顺意！',
    },
    anniversary_first_order: {
      title: '合作周年：{customer} 首单 {years} 周年',
      message: '感谢{customer}一路相伴，今天是我们合作的第 {years} 年，期待继续为您服务！',
    },
    anniversary_contract: {
      title: '签约周年：{customer} 签约 {years} 周年',
      message: '{date}是{customer}签约 {years} 周年，感谢您的信任与支持！',
    },
    holiday: {
      title: '{holiday}关怀：{customer}',
      message: '值此{holiday}之际，祝{customer}全体同仁节日快乐！',
    },
  },
  en: {
    birthday: {
      title: 'Birthday: {contact} ({customer})',
      message: 'Happy birthday, {contact}! All the best.',
    },
    anniversary_first_order: {
      title: '{customer}: {years} years since the first order',
      message: 'Thank you, {customer}, for {years} years of working together.',
    },
    anniversary_contract: {
      title: '{customer}: contract anniversary ({years} years)',
      message: 'On {date} we celebrate {years} years since {customer} signed with us. Thank you!',
    },
    holiday: {
      title: '{holiday} greetings: {customer}',
      message: 'Warm {holiday} greetings to everyone at {customer}!',
    },
  },
};

export const DEFAULT_CARE: CareSettings = {
  daysAhead: 3,
  holidays: DEFAULT_HOLIDAYS,
  holidayTiers: ['A', 'B'],
  templates: {},
};

/** The template for an occasion: the organization's, else the default in its language. */
export function careTemplate(settings: CareSettings, occasion: CareOccasion, language: string): CareTemplate {
  return (
    settings.templates[occasion] ?? DEFAULT_CARE_TEMPLATES[language.startsWith('en') ? 'en' : 'zh'][occasion]
  );
}

/** One day of the window: the month-day an annual date must have to fall on it. */
export type AnnualSlot = { md: string; day: Day; year: number };

/**
 * The days from `from` to `to` (inclusive) as month-day slots for matching annual dates
 * (birthdays, anniversaries). In a year without 29 February, 02-29 is celebrated on 28 February.
 */
export function annualWindow(from: Day, to: Day): AnnualSlot[] {
  const out: AnnualSlot[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const year = Number(d.slice(0, 4));
    const md = d.slice(5);
    out.push({ md, day: d, year });
    if (md === '02-28' && !isLeapYear(year)) out.push({ md: '02-29', day: d, year });
  }
  return out;
}

/** Where an annual date (birthday, anniversary) falls in a year (02-29 → 02-28 when not leap). */
export function annualDateIn(origin: Day, year: number): Day {
  const md = origin.slice(5);
  const y = String(year).padStart(4, '0');
  return md === '02-29' && !isLeapYear(year) ? `${y}-02-28` : `${y}-${md}`;
}

/** The next occurrence of an annual date on or after `from`, with the years since the origin. */
export function nextAnnualOccurrence(origin: Day, from: Day): { day: Day; year: number; years: number } {
  let year = Number(from.slice(0, 4));
  let day = annualDateIn(origin, year);
  if (day < from) day = annualDateIn(origin, ++year);
  return { day, year, years: year - Number(origin.slice(0, 4)) };
}

export type HolidayOccurrence = { code: string; name_zh: string; name_en: string; day: Day; year: number };

/** The holidays whose date falls from `from` to `to` (inclusive). */
export function holidaysInWindow(holidays: CareHoliday[], from: Day, to: Day): HolidayOccurrence[] {
  const out: HolidayOccurrence[] = [];
  for (const h of holidays)
    for (const [year, day] of Object.entries(h.dates))
      if (day >= from && day <= to)
        out.push({ code: h.code, name_zh: h.name_zh, name_en: h.name_en, day, year: Number(year) });
  return out.sort((a, b) => a.day.localeCompare(b.day));
}

/** The idempotency key of a care task: one per occasion, person or customer, and year. */
export const careSourceKey = (occasion: string, id: string, year: number) => `care:${occasion}:${id}:${year}`;
