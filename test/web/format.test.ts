/**
 * The screens' times (web/src/format.ts) are written out by hand to spare the
 * page Intl's start-up: they must read exactly as Intl writes them, for any
 * instant, in both languages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../web/src/format.js';

const intl = (d: Date, locale: string, options: Intl.DateTimeFormatOptions): string => d.toLocaleString(locale, { ...options, hourCycle: 'h23' });
const SHORT: Intl.DateTimeFormatOptions = { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' };

describe('formatTime', () => {
  it('writes what Intl writes for zh-CN and en-GB, short and full', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(formatTime(iso, 'zh', 'short')).toBe(intl(d, 'zh-CN', SHORT));
        expect(formatTime(iso, 'en', 'short')).toBe(intl(d, 'en-GB', SHORT));
        expect(formatTime(iso, 'zh')).toBe(intl(d, 'zh-CN', {}));
        expect(formatTime(iso, 'en')).toBe(intl(d, 'en-GB', {}));
      }),
    );
  });

  it('writes a dash for no time or a broken one', () => {
    for (const iso of [null, undefined, '', 'not a time']) expect(formatTime(iso, 'zh')).toBe('—');
  });
});
