import { describe, expect, it } from 'vitest';
import {
  csatAverage,
  csatFromTotals,
  isLowScore,
  isValidScore,
  netPromoterScore,
  npsCategory,
  npsFromCounts,
  responseRate,
  roundTo,
  sendStatus,
  surveyExpiresAt,
} from './scoring.js';
import { checkAnswers, checkQuestions } from './answers.js';

describe('survey scoring', () => {
  it('validates the score range by kind', () => {
    expect([0, 1, 5, 6, 2.5].map((s) => isValidScore('csat', s))).toEqual([false, true, true, false, false]);
    expect([-1, 0, 10, 11].map((s) => isValidScore('nps', s))).toEqual([false, true, true, false]);
  });

  it('calls CSAT ≤ 2 and NPS ≤ 6 low', () => {
    expect([1, 2, 3].map((s) => isLowScore('csat', s))).toEqual([true, true, false]);
    expect([0, 6, 7, 10].map((s) => isLowScore('nps', s))).toEqual([true, true, false, false]);
  });

  it('averages CSAT, null without answers', () => {
    expect(csatAverage([5, 4, 2])).toBeCloseTo(11 / 3);
    expect(csatAverage([])).toBeNull();
    expect(csatFromTotals({ sum: 11, responses: 3 })).toBeCloseTo(11 / 3);
    expect(csatFromTotals({ sum: 0, responses: 0 })).toBeNull();
  });

  it('computes NPS as %promoters − %detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    // 3 promoters, 1 passive, 2 detractors of 6 → 50 % − 33.3 % = 16.7
    expect(netPromoterScore([10, 9, 9, 7, 6, 0])).toBeCloseTo(100 / 6);
    expect(netPromoterScore([10, 10])).toBe(100);
    expect(netPromoterScore([0, 3])).toBe(-100);
    expect(netPromoterScore([])).toBeNull();
    expect(npsFromCounts({ promoters: 1, detractors: 3, responses: 4 })).toBe(-50);
  });

  it('rates responses, expires links and names a send status', () => {
    expect(responseRate(1, 4)).toBe(0.25);
    expect(responseRate(0, 0)).toBeNull();
    const sent = new Date('2026-01-01T00:00:00Z');
    const exp = surveyExpiresAt(sent, 14);
    expect(exp.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(sendStatus({ answeredAt: null, expiresAt: exp }, new Date('2026-01-14T23:59:59Z'))).toBe(
      'pending',
    );
    expect(sendStatus({ answeredAt: null, expiresAt: exp }, exp)).toBe('expired');
    expect(sendStatus({ answeredAt: sent, expiresAt: exp }, new Date('2027-01-01'))).toBe('answered');
    expect(roundTo(100 / 6, 1)).toBe(16.7);
    expect(roundTo(null, 1)).toBeNull();
  });
});

describe('survey answers', () => {
  const questions = [
    { id: 'speed', label: 'Speed', kind: 'rating' as const },
    { id: 'channel', label: 'Channel', kind: 'choice' as const, options: ['phone', 'visit'] },
    { id: 'note', label: 'Anything else', kind: 'text' as const },
  ];
  it('accepts good answers and names each bad one', () => {
    expect(checkAnswers(questions, { speed: 4, channel: 'visit', note: 'ok' })).toEqual([]);
    expect(checkAnswers(questions, { speed: 6, channel: 'mail', note: 3, other: 'x' })).toEqual([
      { path: 'answers.speed', message: 'expected a whole number from 1 to 5' },
      { path: 'answers.channel', message: 'expected one of the options' },
      { path: 'answers.note', message: 'expected text' },
      { path: 'answers.other', message: 'not a question of this survey' },
    ]);
  });
  it('refuses duplicate question ids and choices without options', () => {
    expect(
      checkQuestions([
        { id: 'a', label: 'A', kind: 'text' },
        { id: 'a', label: 'B', kind: 'choice' },
      ]),
    ).toEqual([
      { path: 'questions.1.id', message: 'duplicate question id' },
      { path: 'questions.1.options', message: 'a choice question needs options' },
    ]);
  });
});
