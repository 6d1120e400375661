import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName, plainText, plainTextDeep, textProblem, TextRuleError, visible } from '../../src/domain/text.js';
import { DATE_YEARS, isIsoDate } from '../../src/domain/time-progress.js';

describe('isIsoDate: a real calendar day in DATE_YEARS', () => {
  it.each(['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '2000-01-01', '2100-12-31'])('takes %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });
  it.each([
    '2026-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-99-99',
    '9999-99-99',
    '9999-12-31',
    '1999-12-31',
    '2101-01-01',
    '2100-02-29',
    '2026-6-30',
    '2026-06-30T00:00',
    ' 2026-06-30',
    '２０２６-06-30',
    '',
  ])('refuses %j', (d) => {
    expect(isIsoDate(d)).toBe(false);
  });
  it('agrees with the calendar on every day of the range', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(DATE_YEARS.min, 0, 1)), max: new Date(Date.UTC(DATE_YEARS.max, 11, 31)), noInvalidDate: true }), (d) => {
        expect(isIsoDate(d.toISOString().slice(0, 10))).toBe(true);
      }),
    );
  });
});

describe('textProblem', () => {
  it('free text keeps tab, line feed and carriage return; a name keeps none of them', () => {
    expect(textProblem('一是\n\t二是\r\n', 'text')).toBeNull();
    for (const c of ['\n', '\t', '\r']) expect(textProblem(`区${c}商务局`, 'name')).toBe('control');
  });
  it('refuses every C0 and C1 control and DEL in both kinds', () => {
    for (let code = 0; code <= 0x9f; code++) {
      if (code >= 0x20 && code < 0x7f) continue;
      const c = String.fromCharCode(code);
      expect(textProblem(`a${c}b`, 'name'), code.toString(16)).toBe('control');
      if (c !== '\n' && c !== '\t' && c !== '\r') expect(textProblem(`a${c}b`, 'text'), code.toString(16)).toBe('control');
    }
  });
  it('refuses the direction overrides and isolates in both kinds, the direction marks in names only', () => {
    for (let code = 0x202a; code <= 0x202e; code++) expect(textProblem(`a${String.fromCharCode(code)}b`, 'text')).toBe('bidi');
    for (let code = 0x2066; code <= 0x2069; code++) expect(textProblem(`a${String.fromCharCode(code)}b`, 'text')).toBe('bidi');
    for (const mark of ['\u200E', '\u200F', '\u061C']) {
      expect(textProblem(`a${mark}b`, 'name')).toBe('bidi');
      expect(textProblem(`a${mark}b`, 'text')).toBeNull();
    }
  });
  it('refuses a lone surrogate and takes a pair', () => {
    expect(textProblem('a\uD800b', 'text')).toBe('unpaired_surrogate');
    expect(textProblem('a\uDC00', 'name')).toBe('unpaired_surrogate');
    expect(textProblem('区商务局😀', 'name')).toBeNull();
  });
  it('takes ordinary Chinese names and text', () => {
    expect(textProblem('区工业和信息化局', 'name')).toBeNull();
    expect(textProblem('闵晓川', 'name')).toBeNull();
    expect(textProblem('（一）推进项目建设，6月底前完成。', 'text')).toBeNull();
  });
});

describe('cleanName', () => {
  it('returns the name in NFC, trimmed', () => {
    expect(cleanName(' Cafe\u0301 ', '单位名称')).toBe('Caf\u00e9');
  });
  it('throws a TextRuleError that quotes the name with its hidden characters shown', () => {
    expect(() => cleanName('区\u202E局', '单位名称')).toThrow(TextRuleError);
    expect(() => cleanName('区\u202E局', '单位名称')).toThrow('单位名称“区\\u202E局”含有不允许的文字方向控制符');
  });
  it('visible escapes what a reader cannot see, and nothing else', () => {
    expect(visible('a\u0000b\u2066c😀')).toBe('a\\u0000b\\u2066c😀');
  });
});

describe('plainText: text read from a document', () => {
  it('is NFC and drops invisible characters, keeping tabs and line feeds', () => {
    expect(plainText('Cafe\u0301\u200F\u202E区\t局\n\u0000')).toBe('Caf\u00e9区\t局\n');
  });
  it('always gives text with no problem as free text, and NFC', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = plainText(s);
        expect(textProblem(out, 'text')).toBeNull();
        expect(out.normalize('NFC')).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
  it('plainTextDeep maps keys and values of nested objects, and leaves other values alone', () => {
    expect(plainTextDeep({ 'a\u200F': ['x\u0000', 1, null, { b: 'Cafe\u0301' }] })).toEqual({ a: ['x', 1, null, { b: 'Caf\u00e9' }] });
  });
});
