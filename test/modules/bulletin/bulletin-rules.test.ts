/** The pure rules of bulletins: periods and how they read, the head from the settings, a task's short form. */
import { describe, expect, it } from 'vitest';
import { completeProfile } from '../../../src/domain/government-profile.js';
import { DEFAULT_PLAN_SETTINGS, bulletinHeader, planSettings } from '../../../src/domain/settings.js';
import { shortTitle } from '../../../src/modules/bulletin/bulletin.compose.js';
import { asOfFor, documentNumber, parsePeriod, printedBy } from '../../../src/modules/bulletin/bulletin.model.js';

describe('bulletin periods', () => {
  it('reads months and quarters, with their last days', () => {
    expect(parsePeriod('2026-03')).toEqual({ key: '2026-03', year: 2026, start: '2026-03-01', end: '2026-03-31', label: '2026年3月' });
    expect(parsePeriod('2028-02')?.end).toBe('2028-02-29');
    expect(parsePeriod('2026-12')?.end).toBe('2026-12-31');
    expect(parsePeriod('2026-Q1')).toEqual({ key: '2026-Q1', year: 2026, start: '2026-01-01', end: '2026-03-31', label: '2026年第一季度' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ start: '2026-10-01', end: '2026-12-31', label: '2026年第四季度' });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-3', '三月', '']) expect(parsePeriod(bad), bad).toBeNull();
  });

  it('takes the figures at the period’s last day, or today while it runs', () => {
    const march = parsePeriod('2026-03');
    if (!march) throw new Error('no period');
    expect(asOfFor(march, '2026-04-10')).toBe('2026-03-31');
    expect(asOfFor(march, '2026-03-20')).toBe('2026-03-20');
  });

  it('numbers and dates as official documents do', () => {
    expect(documentNumber('临河督查通报', 2026, 3)).toBe('临河督查通报〔2026〕3号');
    expect(printedBy('临河区人民政府办公室', '2026-04-03')).toBe('临河区人民政府办公室 2026年4月3日印发');
  });
});

describe('the bulletin part of the plan settings', () => {
  it('takes the mark, organ and prefix from the government’s profile; the plan’s settings override organ and prefix', () => {
    const profile = completeProfile({ name: '青川市临河区人民政府' });
    expect(bulletinHeader(DEFAULT_PLAN_SETTINGS.bulletin, profile)).toEqual({
      mark: '青川市临河区人民政府督查通报',
      organ: '青川市临河区人民政府办公室',
      numberPrefix: '临河督查通报',
      recipients: '各镇（街道），区政府各部门',
      copyTo: '区委办公室，区人大常委会办公室，区政协办公室',
    });
    expect(bulletinHeader(planSettings({ bulletin: { organ: '临河区政府督查室', numberPrefix: '临督' } }).bulletin, profile)).toMatchObject({
      organ: '临河区政府督查室',
      numberPrefix: '临督',
    });
  });

  it('without any name, prints neutral words: never 本级, never an empty prefix', () => {
    expect(bulletinHeader(DEFAULT_PLAN_SETTINGS.bulletin, completeProfile({}))).toMatchObject({ mark: '督查通报', organ: '督查室', numberPrefix: '督查通报' });
  });

  it('refuses what cannot be printed on one line, in Chinese', () => {
    expect(() => planSettings({ bulletin: { numberPrefix: '临河督查通报〔2026〕' } })).toThrow(/机关代字/);
    expect(() => planSettings({ bulletin: { organ: '临河区\n人民政府' } })).toThrow(/发文机关/);
    expect(() => planSettings({ bulletin: { recipients: '' } })).toThrow(/主送/);
    expect(() => planSettings({ bulletin: { copyTo: '抄'.repeat(301) } })).toThrow(/抄送/);
  });
});

describe('a task’s short form', () => {
  it('is its first clause, at most about 40 characters', () => {
    expect(shortTitle('加快建设智能制造产业园，年内建成投产。')).toBe('加快建设智能制造产业园');
    expect([...shortTitle('长'.repeat(60))].length).toBe(41);
  });
});
