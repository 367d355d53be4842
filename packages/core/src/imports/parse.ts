import { zoneOffsetMinutes } from '../time/zones.js';

type Parts = { y: number; m: number; d: number; h: number; mi: number; s: number; offset: number | null };
export type DateParse = { ok: true; parts: Parts } | { ok: false; ambiguous: boolean };

const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?`;
const YMD = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const CN = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日?${TIME}$`);
const DMY = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})${TIME}$`);

const validDay = (y: number, m: number, d: number) => {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

const offsetOf = (z: string | undefined): number | null => {
  if (!z) return null;
  if (z === 'Z') return 0;
  const sign = z.startsWith('-') ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
};

/**
 * Reads the dates people put in spreadsheets: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日,
 * each with an optional time and offset, and day-month-year forms when the order is clear
 * (5/13/2026, 13/5/2026). 3/5/2026 could be either: it is refused as ambiguous.
 */
export function parseDateParts(raw: string): DateParse {
  const v = raw.trim();
  let y: number, m: number, d: number, rest: (string | undefined)[];
  const ymd = YMD.exec(v) ?? CN.exec(v);
  if (ymd) {
    [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    rest = ymd.slice(4);
  } else {
    const dmy = DMY.exec(v);
    if (!dmy) return { ok: false, ambiguous: false };
    const [a, b] = [Number(dmy[1]), Number(dmy[2])];
    y = Number(dmy[3]);
    if (a > 12 && b <= 12) [d, m] = [a, b];
    else if (b > 12 && a <= 12) [m, d] = [a, b];
    else if (a === b) [m, d] = [a, b];
    else return { ok: false, ambiguous: a <= 12 && b <= 12 };
    rest = dmy.slice(4);
  }
  const [h, mi, s] = [Number(rest[0] ?? 0), Number(rest[1] ?? 0), Number(rest[2] ?? 0)];
  if (!validDay(y, m, d) || h > 23 || mi > 59 || s > 59) return { ok: false, ambiguous: false };
  return { ok: true, parts: { y, m, d, h, mi, s, offset: offsetOf(rest[3]) } };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A calendar date as YYYY-MM-DD, or null. */
export function toIsoDay(p: Parts): string {
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
}

/** The instant of a local date-time; without an offset it is read in the organization's time zone. */
export function toInstant(p: Parts, timeZone: string): Date {
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
  if (p.offset !== null) return new Date(asUtc - p.offset * 60_000);
  const first = new Date(asUtc - zoneOffsetMinutes(new Date(asUtc), timeZone) * 60_000);
  return new Date(asUtc - zoneOffsetMinutes(first, timeZone) * 60_000);
}

/**
 * A money amount: currency signs and words (¥ ￥ $ € £ 元 RMB CNY USD), spaces and thousands
 * separators are dropped; "1,234.50" and "¥1234.5" read as 1234.5. Null when it is not a number.
 */
export function parseAmount(raw: string): number | null {
  let v = raw
    .normalize('NFKC')
    .trim()
    .replace(/^(RMB|CNY|USD|EUR|HKD)\s*/i, '')
    .replace(/\s*(RMB|CNY|USD|EUR|HKD|元)$/i, '')
    .replace(/[¥$€£\s]/g, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(v)) v = v.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(v)) return null;
  const n = Math.round(Number(v) * 100) / 100;
  return Number.isFinite(n) && Math.abs(n) < 1e14 ? n : null;
}

export function parseNumber(raw: string): number | null {
  const v = raw.trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', 'x', '✓']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '不是']);

export function parseBoolean(raw: string): boolean | null {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (v: string) => v.length <= 254 && EMAIL.test(v);

const PHONE = /^\+?[\d\s\-().]{5,40}$/;
export const isPhone = (v: string) => PHONE.test(v) && v.replace(/\D/g, '').length >= 5;
