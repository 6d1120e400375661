/** The audit CSV's cells: what Excel would take for a formula is shown as text. */
import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/documents/audit-csv.js';

describe('csvField', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+86 10', `"'+86 10"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['说"明"', '"说""明"""'],
    [null, '""'],
    [12, '"12"'],
  ])('%s → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
