import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isIsoDate } from '../../src/domain/time-progress.js';
import { extractDeadline } from '../../src/importer/deadlines.js';

const dateOf = (text: string, year: number | null = 2026): string | null | undefined => extractDeadline(text, year)?.date;

describe('extractDeadline', () => {
  it('reads the year-end words', () => {
    expect(extractDeadline('年内完成投资8亿元', 2026)).toEqual({ date: '2026-12-31', text: '年内' });
    expect(dateOf('确保年底前完成验收')).toBe('2026-12-31');
    expect(dateOf('年底建成')).toBe('2026-12-31');
    expect(dateOf('全年开展培训60期')).toBe('2026-12-31');
    expect(dateOf('今年底完成')).toBe('2026-12-31');
  });

  it('reads month ends, in digits and in Chinese numerals', () => {
    expect(extractDeadline('6月底前完成选址', 2026)).toEqual({ date: '2026-06-30', text: '6月底前' });
    expect(dateOf('6月底完成')).toBe('2026-06-30');
    expect(dateOf('6月份启动')).toBe('2026-06-30');
    expect(dateOf('六月底前完成')).toBe('2026-06-30');
    expect(dateOf('十二月底前完成')).toBe('2026-12-31');
    expect(dateOf('2月底前完成', 2028)).toBe('2028-02-29');
    expect(dateOf('3月中旬前完成')).toBe('2026-03-20');
  });

  it('reads quarters and half years', () => {
    expect(dateOf('一季度完成招标')).toBe('2026-03-31');
    expect(dateOf('第一季度末前完成')).toBe('2026-03-31');
    expect(dateOf('二季度开工')).toBe('2026-06-30');
    expect(dateOf('三季度投产')).toBe('2026-09-30');
    expect(dateOf('第四季度验收')).toBe('2026-12-31');
    expect(dateOf('上半年建成')).toBe('2026-06-30');
    expect(dateOf('下半年试运行')).toBe('2026-12-31');
  });

  it('reads a day as printed', () => {
    expect(extractDeadline('10月1日前开园', 2026)).toEqual({ date: '2026-10-01', text: '10月1日前' });
    expect(dateOf('十月一日前开园')).toBe('2026-10-01');
    expect(dateOf('国庆节前开放')).toBe('2026-10-01');
  });

  it('reads "N月前" as the end of the month before', () => {
    expect(dateOf('6月前完成')).toBe('2026-05-31');
    expect(dateOf('1月前完成')).toBe('2025-12-31');
  });

  it('uses a year the text states', () => {
    expect(extractDeadline('2027年底前全部建成', 2026)).toEqual({ date: '2027-12-31', text: '2027年底前' });
    expect(dateOf('2027年6月底前建成', null)).toBe('2027-06-30');
    expect(dateOf('到2028年建成')).toBe('2028-12-31');
    expect(extractDeadline('到2028年6月底建成', 2026)).toEqual({ date: '2028-06-30', text: '2028年6月底' });
    expect(dateOf('明年底前建成')).toBe('2027-12-31');
  });

  it('returns the latest deadline with its words', () => {
    expect(extractDeadline('6月底前开工，年底前主体完工，三季度完成设备招标', 2026)).toEqual({
      date: '2026-12-31',
      text: '年底前',
    });
    expect(extractDeadline('一季度完成设计，2027年6月底前竣工投产，年内开工', 2026)).toEqual({
      date: '2027-06-30',
      text: '2027年6月底前',
    });
    expect(extractDeadline('年内开工，年底前完成', 2026)?.text).toBe('年内');
  });

  it('keeps the words without a date when the year is unknown', () => {
    expect(extractDeadline('年内建成', null)).toEqual({ date: null, text: '年内' });
    expect(extractDeadline('6月底前开工，年底前完成', null)).toEqual({ date: null, text: '年底前' });
  });

  it('keeps calendar-dependent words without a date, unless a dated deadline exists', () => {
    expect(extractDeadline('春节前发放到位', 2026)).toEqual({ date: null, text: '春节前' });
    expect(dateOf('春节前启动，6月底前完成')).toBe('2026-06-30');
  });

  it('ignores spans, baselines and recurring periods', () => {
    expect(extractDeadline('三年内翻一番', 2026)).toBeNull();
    expect(extractDeadline('半年内见效', 2026)).toBeNull();
    expect(extractDeadline('较去年底提高5个百分点', 2026)).toBeNull();
    expect(extractDeadline('每年年底通报一次', 2026)).toBeNull();
    expect(extractDeadline('6月举办招商会', 2026)).toBeNull();
    expect(extractDeadline('', 2026)).toBeNull();
  });

  it('tolerates stray spaces', () => {
    expect(extractDeadline('6 月 底前 完成', 2026)).toEqual({ date: '2026-06-30', text: '6月底前' });
  });

  it('gives no date for an impossible day', () => {
    expect(extractDeadline('2月30日前完成', 2026)).toEqual({ date: null, text: '2月30日前' });
  });

  it('gives no date for a year outside the dates the ledger takes, and keeps the words', () => {
    expect(extractDeadline('9999年6月底前完成', null)).toEqual({ date: null, text: '9999年6月底前' });
    expect(extractDeadline('年内完成', 2101)?.date).toBeNull();
    expect(extractDeadline('年内完成', 2100)?.date).toBe('2100-12-31');
  });

  it('never throws and returns real calendar dates only (the one check every door uses)', () => {
    const unit = fc.constantFrom(...'年内底前月日季度上下半第一二三十6102 春节今明每去，'.split(''));
    const text = fc.oneof(fc.string(), fc.string({ unit, maxLength: 60 }));
    const year = fc.option(fc.integer({ min: 1900, max: 2200 }));
    fc.assert(
      fc.property(text, year, (t, y) => {
        const d = extractDeadline(t, y);
        if (d?.date != null) expect(isIsoDate(d.date), d.date).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('stays linear on long inputs', () => {
    const long = '年内完成，6月底前开工，一季度招标，春节前启动。'.repeat(1500);
    const started = performance.now();
    expect(extractDeadline(long, 2026)?.date).toBe('2026-12-31');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
