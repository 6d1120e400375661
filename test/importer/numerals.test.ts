import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseChineseNumber } from '../../src/importer/numerals.js';

/** Writes 0–99 999 999 the way a notice would (一百零五, 两千, 十五), to check the parser against. */
function toChinese(n: number): string {
  const digits = '零一二三四五六七八九';
  const section = (x: number): string => {
    const units = ['千', '百', '十', ''];
    let out = '';
    let zero = false;
    [1000, 100, 10, 1].forEach((u, i) => {
      const d = Math.floor(x / u) % 10;
      if (d === 0) {
        zero = out !== '';
        return;
      }
      if (zero) out += '零';
      zero = false;
      out += (d === 1 && u === 10 && out === '' ? '' : digits[d]) + (units[i] ?? '');
    });
    return out;
  };
  if (n === 0) return '零';
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  if (high === 0) return section(low);
  return section(high) + '万' + (low === 0 ? '' : (low < 1000 ? '零' : '') + section(low));
}

describe('parseChineseNumber', () => {
  it.each([
    ['3.7', 3.7],
    ['140', 140],
    ['1,500', 1500],
    ['０.５', 0.5],
    ['1.2万', 12000],
    ['3亿', 300000000],
  ])('reads Arabic digits: %s', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it.each([
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二百', 200],
    ['一百五十', 150],
    ['一百零五', 105],
    ['三千', 3000],
    ['两千', 2000],
    ['两', 2],
    ['一千零一', 1001],
    ['一万二千', 12000],
    ['三亿', 300000000],
    ['一亿五千万', 150000000],
    ['零', 0],
    ['〇', 0],
    ['二〇二六', 2026],
  ])('reads Chinese numerals: %s', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it('reads a bare unit as one of it, as in levels (千亿级, 百亿级)', () => {
    expect(parseChineseNumber('百')).toBe(100);
    expect(parseChineseNumber('千')).toBe(1000);
    expect(parseChineseNumber('万')).toBe(10000);
  });

  it.each(['', ' ', 'abc', '十五五', '百千', '一期', '三公', '1+3', '3.', '.5', '万万'])('returns null for %j', (s) => {
    expect(parseChineseNumber(s)).toBeNull();
  });

  it('agrees with the Chinese spelling of any integer below a hundred million', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(parseChineseNumber(toChinese(n))).toBe(n);
      }),
    );
  });

  it('reads any non-negative integer and decimal written in Arabic digits', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 99 }), (a, b) => {
        expect(parseChineseNumber(String(a))).toBe(a);
        expect(parseChineseNumber(`${a}.${b}`)).toBe(Number(`${a}.${b}`));
      }),
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.,万亿千百十零〇一二两三四五六七八九元 ') }), (s) => {
        const v = parseChineseNumber(s);
        expect(v === null || Number.isFinite(v)).toBe(true);
      }),
    );
  });
});
