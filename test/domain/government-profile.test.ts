/** The government's profile read from a notice's issuer: a rule on the issuer's administrative words, never a list of places. */
import { describe, expect, it } from 'vitest';
import { checkProfile, completeProfile, organCode, profileFromIssuer, regionOf } from '../../src/domain/government-profile.js';

describe('the government read from a notice’s issuer', () => {
  it('reads the office of a government as that government, and the government as itself with its office', () => {
    expect(profileFromIssuer('某某市某某区人民政府办公室')).toMatchObject({
      name: '某某市某某区人民政府',
      region: '某某区',
      office: '某某市某某区人民政府办公室',
    });
    expect(profileFromIssuer('某某市某某区人民政府')).toMatchObject({ name: '某某市某某区人民政府', office: '某某市某某区人民政府办公室' });
    expect(profileFromIssuer('某某县人民政府办公室')).toMatchObject({ name: '某某县人民政府', region: '某某县' });
    expect(profileFromIssuer('某某省某某市某某县人民政府')).toMatchObject({ region: '某某县' });
  });

  it('gives a province’s government (and a municipality’s) its 办公厅', () => {
    expect(profileFromIssuer('某某省人民政府')).toMatchObject({ region: '某某省', office: '某某省人民政府办公厅' });
    expect(profileFromIssuer('某某自治区人民政府办公厅')).toMatchObject({ name: '某某自治区人民政府', office: '某某自治区人民政府办公厅' });
    expect(profileFromIssuer('上海市人民政府')).toMatchObject({ office: '上海市人民政府办公厅' });
    expect(profileFromIssuer('某某市人民政府')).toMatchObject({ office: '某某市人民政府办公室' });
  });

  it('reads a 管委会 and a joint issuer part by part', () => {
    expect(profileFromIssuer('某某经济开发区管委会')).toMatchObject({ name: '某某经济开发区管委会', office: '某某经济开发区管委会办公室' });
    expect(profileFromIssuer('中共某某区委 某某市某某区人民政府')).toMatchObject({ name: '某某市某某区人民政府' });
  });

  it('names no government where the issuer names no place', () => {
    for (const issuer of [null, '', '县人民政府办公室', '区政府办公室', '发展和改革局', '人民政府'])
      expect(profileFromIssuer(issuer), String(issuer)).toBeNull();
  });

  it('takes the number’s organ code from the notice’s own number', () => {
    expect(organCode('某政发〔2026〕1号')).toBe('某');
    expect(organCode('甲乙政办发〔2022〕16号')).toBe('甲乙');
    expect(organCode('某政发[2011]21号')).toBe('某');
    expect(organCode('某发改〔2026〕1号')).toBeNull();
    expect(profileFromIssuer('某某市某某区人民政府', '甲乙政发〔2026〕1号')?.numberPrefix).toBe('甲乙政办督');
    expect(profileFromIssuer('某某市某某区人民政府')?.numberPrefix).toBe('某某督查通报');
  });

  it('keeps a lower level only when one is named after the higher', () => {
    expect(regionOf('甲乙市市中区')).toBe('市中区');
    expect(regionOf('甲乙省')).toBe('甲乙省');
    expect(regionOf('甲乙市')).toBe('甲乙市');
    expect(regionOf('甲乙县丙丁镇')).toBe('丙丁镇');
  });
});

describe('a profile completed and checked', () => {
  it('fills empty fields from the name, and uses neutral words without one', () => {
    expect(completeProfile({ name: '某某区人民政府', signature: '某某区人民政府督查室' })).toEqual({
      name: '某某区人民政府',
      region: '某某区',
      office: '某某区人民政府办公室',
      bulletinMark: '某某区人民政府督查通报',
      numberPrefix: '某某督查通报',
      signature: '某某区人民政府督查室',
    });
    const neutral = completeProfile({});
    expect(neutral).toMatchObject({ bulletinMark: '督查通报', numberPrefix: '督查通报', signature: '督查室' });
    expect(JSON.stringify(neutral)).not.toContain('本级');
  });

  it('refuses, in Chinese, a missing name, a line break, an over-long field and a prefix with its year', () => {
    const ok = completeProfile({ name: '某某区人民政府' });
    expect(() => checkProfile({ ...ok, name: ' ' })).toThrow(/请填写政府名称/);
    expect(() => checkProfile({ ...ok, office: '某某\n办公室' })).toThrow(/一行文字/);
    expect(() => checkProfile({ ...ok, bulletinMark: '督'.repeat(61) })).toThrow(/不超过 60 个字/);
    expect(() => checkProfile({ ...ok, numberPrefix: '某政办督〔2026〕' })).toThrow(/机关代字/);
    expect(checkProfile({ ...ok, name: ' 某某区人民政府 ' }).name).toBe('某某区人民政府');
  });
});
