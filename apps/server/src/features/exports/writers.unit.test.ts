import { describe, expect, it } from 'vitest';
import { localDateTime } from './columns.js';
import { languageOf } from './service.js';
import { csvCell, csvLine } from './writers.js';

describe('csv cells', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, 42])).toBe(
      '"a,b","say ""hi""","two\nlines",,42\r\n',
    );
  });
  it('defuses formulas but keeps phone numbers and negative numbers as written', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('-2+3+cmd')).toBe("'-2+3+cmd");
    expect(csvCell('+86 138 0013 8000')).toBe('+86 138 0013 8000');
    expect(csvCell('-12.5')).toBe('-12.5');
  });
});

describe('language of an export', () => {
  it('takes the asked language, then the browser, then the organization', () => {
    expect(languageOf('en-US', 'zh-CN', 'zh-CN')).toBe('en-US');
    expect(languageOf(undefined, 'en-GB,en;q=0.9', 'zh-CN')).toBe('en-US');
    expect(languageOf(undefined, 'zh-TW', 'en-US')).toBe('zh-CN');
    expect(languageOf(undefined, undefined, 'en-US')).toBe('en-US');
    expect(languageOf(undefined, 'fr', 'zh-CN')).toBe('zh-CN');
  });
});

describe('date-times', () => {
  it("are written in the organization's time zone", () => {
    expect(localDateTime('2024-03-01T16:30:05Z', 'Asia/Shanghai')).toBe('2024-03-02 00:30:05');
    expect(localDateTime(null, 'Asia/Shanghai')).toBeNull();
  });
});
