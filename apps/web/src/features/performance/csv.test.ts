import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from './csv';

describe('dashboard CSV export', () => {
  it('quotes commas, quotes and line breaks, and leaves plain cells alone', () => {
    const text = toCsv(
      ['name', 'score'],
      [
        ['Wang, Li', 87.5],
        ['say "hi"', null],
        ['two\nlines', 0],
      ],
    );
    expect(text).toBe('\uFEFFname,score\r\n"Wang, Li",87.5\r\n"say ""hi""",\r\n"two\nlines",0\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but keeps negative numbers', () => {
    const text = toCsv(['a', 'b', 'c'], [['=SUM(A1)', '-12.5', -3]]);
    expect(text.split('\r\n')[1]).toBe("'=SUM(A1),-12.5,-3");
  });

  it('writes empty cells for missing and non-finite numbers', () => {
    expect(
      toCsv(['x'], [[undefined], [Number.NaN]])
        .split('\r\n')
        .slice(1, 3),
    ).toEqual(['', '']);
  });

  it('builds a safe file name from labels in any language', () => {
    expect(csvFileName('排行榜', 'Team A/B', '2026-11-01')).toBe('排行榜_Team-A-B_2026-11-01.csv');
  });
});
