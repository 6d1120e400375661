/** The importer's text: NFC, no invisible characters in names or tasks, real dates only, undecodable files refused. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textProblem } from '../../src/domain/text.js';
import { ImportError, importNotice, parseUnitDirectory } from '../../src/importer/index.js';
import { parseDateLine } from '../../src/importer/meta.js';
import { decodeText } from '../../src/importer/text.js';

const notice = readFileSync(new URL('../fixtures/conventions/field-lines.txt', import.meta.url), 'utf8');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('importNotice: text as the ledger keeps it', () => {
  it('drops direction overrides and controls from names and task text, and gives NFC', async () => {
    const tainted = notice
      .replace('韩立新', '韩\u202E立新\u200F')
      .replace('县财政局', '县\u2066财政局\u2069')
      .replace('新建5G基站', '新建\u00075G基站 Cafe\u0301');
    const plan = await importNotice(bytes(tainted));
    const clean = await importNotice(bytes(notice));
    expect(plan.tasks[0]?.leaders).toEqual(clean.tasks[0]?.leaders);
    expect(plan.tasks[0]?.coUnits).toEqual(clean.tasks[0]?.coUnits);
    expect(plan.tasks[1]?.text).toContain('新建5G基站Caf\u00e9');
    for (const task of plan.tasks) {
      expect(textProblem(task.text, 'text')).toBeNull();
      expect(task.text.normalize('NFC')).toBe(task.text);
      for (const name of [...task.leaders, ...task.hostUnits, ...task.coUnits]) expect(textProblem(name, 'name'), name).toBeNull();
    }
  });

  it('reads the notice date only when it is a real day', () => {
    expect(parseDateLine('2026年3月2日')).toBe('2026-03-02');
    expect(parseDateLine('2026年2月30日')).toBeNull();
    expect(parseDateLine('二〇二六年二月二十九日')).toBeNull();
    expect(parseDateLine('二〇二八年二月二十九日')).toBe('2028-02-29');
  });

  it('a unit directory is read in NFC, without invisible characters', () => {
    const directory = parseUnitDirectory(JSON.stringify({ units: [{ name: '县\u202E财政局', aliases: ['Cafe\u0301'] }] }));
    expect(directory.units[0]).toEqual({ name: '县财政局', aliases: ['Caf\u00e9'] });
  });
});

describe('decodeText: undecodable files are refused, never read as U+FFFD', () => {
  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    expect(() => decodeText(new Uint8Array([0xe5, 0x8e, 0xbf, 0xff, 0xff, 0x80]))).toThrow(ImportError);
  });
  it('refuses a UTF-16 file with a broken surrogate', () => {
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x3f, 0x53, 0x00, 0xd8, 0x41, 0x00]))).toThrow('UTF-16');
  });
  it('still reads GB18030', () => {
    expect(decodeText(new Uint8Array([0xc7, 0xf8, 0xb2, 0xc6, 0xd5, 0xfe, 0xbe, 0xd6]))).toBe('区财政局');
  });
});
