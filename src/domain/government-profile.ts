/**
 * The government's profile (ADR 0023): the names its documents print. Pure
 * rules: reading a profile from a notice's issuer (济宁市兖州区人民政府办公室 →
 * the government 济宁市兖州区人民政府, the region 兖州区, the office as issued),
 * filling what is left empty, and checking what the office types. The words
 * read are the issuer's own administrative forms (人民政府, 办公室/办公厅,
 * 管委会, 行政公署), never a list of places.
 */

export interface GovernmentProfile {
  /** 济宁市兖州区人民政府 */
  name: string;
  /** 兖州区 */
  region: string;
  /** The issuing office: 济宁市兖州区人民政府办公室. */
  office: string;
  /** The bulletin's head mark (版头): 济宁市兖州区人民政府督查通报. */
  bulletinMark: string;
  /** The organ code of a bulletin's number, before 〔year〕serial号: 济兖政办督. */
  numberPrefix: string;
  /** The signature (落款) and the printing line's organ. */
  signature: string;
}

/** The fields a profile holds, at most this many characters each. */
export const PROFILE_LIMITS: Readonly<Record<keyof GovernmentProfile, number>> = {
  name: 50,
  region: 30,
  // Room for the name and what is made from it (…办公室, …督查通报).
  office: 60,
  bulletinMark: 60,
  numberPrefix: 30,
  signature: 60,
};

export const EMPTY_PROFILE: Readonly<GovernmentProfile> = Object.freeze({
  name: '',
  region: '',
  office: '',
  bulletinMark: '',
  numberPrefix: '',
  signature: '',
});

/** A place's level as its name ends: 省, 自治区, 市, 州, 盟, 地区, 区, 县, 旗, 镇, 乡. */
const PLACE = /(?:省|自治区|特别行政区|市|自治州|州|盟|地区|区|县|自治县|旗|自治旗|镇|乡|街道)$/;
/** The four municipalities are provinces in rank: their governments' offices are 办公厅. */
const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);

/** The place a government governs, as its name says it: 济宁市兖州区人民政府 → 济宁市兖州区; '' when the name names no place. */
function placeOf(government: string): string {
  const m = /^(.+?)(?:人民政府|管理委员会|管委会|行政公署)$/.exec(government);
  const place = m?.[1] ?? '';
  return [...place].length >= 2 ? place : '';
}

/**
 * The region as people say it: the lowest level of the place (济宁市兖州区 → 兖州区,
 * 湖北省咸宁市嘉鱼县 → 嘉鱼县, 黑龙江省 → 黑龙江省). A higher level is dropped only
 * when a named lower level follows it.
 */
export function regionOf(place: string): string {
  let rest = place.trim();
  rest = rest.replace(/^.{2,}?(?:省|自治区|特别行政区)(?=.+(?:市|州|盟|地区|区|县|旗)$)/, '');
  rest = rest.replace(/^.{2,}?(?:市|自治州|地区|盟)(?=.+(?:区|县|旗|市)$)/, '');
  rest = rest.replace(/^.{2,}?(?:区|县|旗|市)(?=.+(?:镇|乡|街道)$)/, '');
  return rest;
}

/** 临河区 → 临河, 黑龙江省 → 黑龙江; a name of two characters stays whole (城区). */
function shortRegion(region: string): string {
  const m = /^(.{2,}?)(?:省|自治区|特别行政区|市|自治州|地区|盟|区|县|自治县|旗|镇|乡|街道)$/.exec(region);
  return m?.[1] ?? region;
}

const isProvinceRank = (place: string): boolean => /(?:省|自治区)$/.test(place) || MUNICIPALITIES.has(place);

/** The office of a government: 办公厅 for a province's, 办公室 below; a 管委会's is its 办公室. */
function officeOf(government: string, place: string): string {
  if (/(?:管理委员会|管委会|行政公署)$/.test(government)) return `${government}办公室`;
  return `${government}${isProvinceRank(place) ? '办公厅' : '办公室'}`;
}

/**
 * The organ code of the government office's documents read from the notice's
 * number: 济兖政发〔2026〕1号 → 济兖, 盐政办发〔2022〕16号 → 盐; null when the
 * number is not the government's (政发, 政办发, 政办字…).
 */
export function organCode(docNumber: string | null): string | null {
  if (docNumber === null) return null;
  const m = /^([\u4e00-\u9fa5]{1,6}?)政(?:府)?(?:办)?(?:发|字|函|明电|通)?[〔［[（(]/.exec(docNumber.trim());
  return m?.[1] ?? null;
}

/**
 * The words a profile fills where they are left empty, from the government's
 * name: the region, the office, the mark, the signature and the number's
 * organ code (the notice's own code when it gives one: 济兖政办督; else the
 * region's: 兖州督查通报). Without a name, the neutral words a 督查室 would
 * write: 督查通报, 督查室.
 */
export function completeProfile(given: Partial<GovernmentProfile>, docNumber: string | null = null): GovernmentProfile {
  const name = (given.name ?? '').trim();
  const place = placeOf(name);
  const region = (given.region ?? '').trim() || regionOf(place);
  const office = (given.office ?? '').trim() || (name === '' ? '' : officeOf(name, place));
  const code = organCode(docNumber);
  const prefix = code !== null ? `${code}政办督` : region !== '' ? `${shortRegion(region)}督查通报` : '督查通报';
  return {
    name,
    region,
    office,
    bulletinMark: (given.bulletinMark ?? '').trim() || (name === '' ? '督查通报' : `${name}督查通报`),
    numberPrefix: (given.numberPrefix ?? '').trim() || prefix,
    signature: (given.signature ?? '').trim() || office || '督查室',
  };
}

/**
 * A profile read from a notice's issuer: "X人民政府办公室/办公厅" is the office
 * of X人民政府; "X人民政府" (or a 管委会, a 行政公署) is the government itself,
 * whose office is named after it. A joint issuer ("中共X区委 X区人民政府") is read
 * part by part. Null when the issuer names no government of a place.
 */
export function profileFromIssuer(issuer: string | null, docNumber: string | null = null): GovernmentProfile | null {
  if (issuer === null) return null;
  for (const part of issuer.trim().split(/[\s、，,\u3000]+/)) {
    const office = /^(.+?(?:人民政府|管理委员会|管委会|行政公署))(办公室|办公厅)$/.exec(part);
    const government = office?.[1] ?? (/(?:人民政府|管理委员会|管委会|行政公署)$/.test(part) ? part : null);
    if (government === null) continue;
    const place = placeOf(government);
    if (place === '' || !PLACE.test(place.replace(/(?:开发区|新区|园区|高新区)$/, '区'))) continue;
    return completeProfile({ name: government, office: office ? part : '' }, docNumber);
  }
  return null;
}

/** The profile's fields checked: one line each, within its limit; RangeError with a clerk's message otherwise. */
export function checkProfile(profile: GovernmentProfile): GovernmentProfile {
  const labels: Record<keyof GovernmentProfile, string> = {
    name: '政府名称',
    region: '行政区域',
    office: '办公室名称',
    bulletinMark: '通报版头',
    numberPrefix: '发文字号前缀',
    signature: '落款机关',
  };
  const out = { ...EMPTY_PROFILE };
  for (const key of Object.keys(labels) as (keyof GovernmentProfile)[]) {
    const value = profile[key].trim();
    if ([...value].length > PROFILE_LIMITS[key] || /[\r\n\u2028\u2029]/.test(value)) {
      throw new RangeError(`${labels[key]}应为一行文字，不超过 ${PROFILE_LIMITS[key]} 个字`);
    }
    out[key] = value;
  }
  if (out.name === '') throw new RangeError('请填写政府名称，如“某某区人民政府”');
  if (/[〔［]/.test(out.numberPrefix)) throw new RangeError('发文字号前缀只写机关代字（如“兖政办督”），年份和序号由系统编排');
  return out;
}
