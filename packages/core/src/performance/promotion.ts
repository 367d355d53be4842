/**
 * Career levels and promotion eligibility: the next level above a manager's and, against its
 * criteria (tenure, KPI thresholds, training hours, required courses), what the manager lacks.
 */
import { isKpiKey, kpiDefinition } from './kpis.js';

export type CareerCriteria = {
  minTenureMonths?: number;
  /** KPI thresholds: at least `min`, or at most `min` for a KPI where lower is better. */
  kpis?: { kpi: string; min: number }[];
  trainingHours?: number;
  requiredCourses?: string[];
};
export type CareerLevel = { code: string; name: string; rank: number; criteria: CareerCriteria };

export type TrainingFact = { course: string; hours: number; result: string };

export type Lack =
  | { criterion: 'tenure'; required: number; actual: number | null }
  | { criterion: 'kpi'; kpi: string; required: number; actual: number | null; direction: 'higher' | 'lower' }
  | { criterion: 'training_hours'; required: number; actual: number }
  | { criterion: 'course'; course: string };

/** The level ranked just above the current one; the lowest level when the current is unknown. */
export function nextLevel(levels: readonly CareerLevel[], currentCode: string | null): CareerLevel | null {
  const sorted = [...levels].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  const current = sorted.find((l) => l.code === currentCode);
  if (!current) return sorted[0] ?? null;
  return sorted.find((l) => l.rank > current.rank) ?? null;
}

/** Whole months from the hire date to the day (a month counts once its day-of-month is reached). */
export function tenureMonths(hireDate: string | null, onDate: string): number | null {
  if (!hireDate) return null;
  const [hy, hm, hd] = hireDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const months = (y - hy) * 12 + (m - hm) - (d < hd ? 1 : 0);
  return Math.max(0, months);
}

const courseKey = (c: string) => c.trim().toLowerCase();

/** Hours of training passed or attended (failed ones do not count). */
export const creditedHours = (records: readonly TrainingFact[]) =>
  Math.round(records.filter((r) => r.result !== 'failed').reduce((s, r) => s + r.hours, 0) * 10) / 10;

/**
 * Whether the manager meets every criterion of the level, and what each unmet one lacks.
 * Unknown tenure (no hire date) or a KPI with no data does not meet a criterion. A required course
 * is met by a passed record of that course (names compared ignoring case and outer spaces).
 */
export function promotionEligibility(
  criteria: CareerCriteria,
  facts: {
    tenureMonths: number | null;
    kpis: Record<string, number | null>;
    training: readonly TrainingFact[];
  },
): { eligible: boolean; lacking: Lack[] } {
  const lacking: Lack[] = [];
  const minTenure = criteria.minTenureMonths ?? 0;
  if (minTenure > 0 && (facts.tenureMonths === null || facts.tenureMonths < minTenure))
    lacking.push({ criterion: 'tenure', required: minTenure, actual: facts.tenureMonths });
  for (const { kpi, min } of criteria.kpis ?? []) {
    const direction = isKpiKey(kpi) ? kpiDefinition(kpi).direction : 'higher';
    const actual = facts.kpis[kpi] ?? null;
    const met = actual !== null && (direction === 'lower' ? actual <= min : actual >= min);
    if (!met) lacking.push({ criterion: 'kpi', kpi, required: min, actual, direction });
  }
  const hours = creditedHours(facts.training);
  if ((criteria.trainingHours ?? 0) > 0 && hours < criteria.trainingHours!)
    lacking.push({ criterion: 'training_hours', required: criteria.trainingHours!, actual: hours });
  const passed = new Set(facts.training.filter((r) => r.result === 'passed').map((r) => courseKey(r.course)));
  for (const course of criteria.requiredCourses ?? [])
    if (!passed.has(courseKey(course))) lacking.push({ criterion: 'course', course });
  return { eligible: lacking.length === 0, lacking };
}
