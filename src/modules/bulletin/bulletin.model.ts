/**
 * Bulletins (通报): a draft of a period's figures, reviewed by the office and
 * issued with a number. The periods a bulletin reports on and how they read
 * are pure rules, here.
 */
import type { BulletinContent } from '../../documents/bulletin-content.js';
import { DATE_YEARS, isoDate, dayNumber } from '../../domain/time-progress.js';

export const BULLETIN_STATUSES = ['draft', 'issued'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

/** The office's own words (下步工作要求) at most this long. */
export const MAX_REMARKS = 5000;

export interface Bulletin {
  id: number;
  governmentId: number;
  planId: number;
  period: string;
  asOf: string;
  status: BulletinStatus;
  serial: number | null;
  title: string;
  /** As frozen when the draft was made or refreshed; `remarks` is the row's, not this copy's. */
  content: BulletinContent;
  remarks: string;
  docx: { checksum: string; size: number } | null;
  pdf: { checksum: string; size: number } | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  issuedBy: number | null;
  issuedByName: string | null;
  issuedAt: string | null;
  version: number;
  updatedAt: string;
}

/** A period a bulletin reports on: a month ('2026-03') or a quarter ('2026-Q1'). */
export interface BulletinPeriod {
  key: string;
  year: number;
  start: string;
  end: string;
  /** 2026年3月, 2026年第一季度. */
  label: string;
}

const QUARTERS = ['一', '二', '三', '四'] as const;

/** The period named by '2026-03' or '2026-Q1'; null when it names none. */
export function parsePeriod(key: string): BulletinPeriod | null {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12 || !inDateYears(year)) return null;
    return { key, year, start: monthStart(year, m), end: monthEnd(year, m), label: `${year}年${m}月` };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const year = Number(quarter[1]);
    const q = Number(quarter[2]);
    if (!inDateYears(year)) return null;
    return { key, year, start: monthStart(year, q * 3 - 2), end: monthEnd(year, q * 3), label: `${year}年第${QUARTERS[q - 1] ?? ''}季度` };
  }
  return null;
}

const inDateYears = (year: number): boolean => year >= DATE_YEARS.min && year <= DATE_YEARS.max;

const monthStart = (year: number, month: number): string => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
const monthEnd = (year: number, month: number): string =>
  month === 12 ? `${String(year).padStart(4, '0')}-12-31` : isoDate(dayNumber(monthStart(year, month + 1)) - 1);

/** The date the figures are taken at: the period's last day, or today while the period runs. */
export const asOfFor = (period: BulletinPeriod, today: string): string => (today < period.end ? today : period.end);

/** "2026年4月3日" */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

export const bulletinTitle = (periodLabel: string): string => `关于${periodLabel}政府工作报告重点任务推进情况的通报`;

/** 临河督查通报〔2026〕3号 */
export const documentNumber = (prefix: string, year: number, serial: number): string => `${prefix}〔${year}〕${serial}号`;

/**
 * A draft has no number: the line stays empty until it is issued (never an empty 〔2026〕 号). The prefix and
 * year are taken at issue from the settings then.
 */
export const draftNumber = (): string => '';

/** The printing line: organ and date, spaced apart. */
export const printedBy = (organ: string, date: string): string => `${organ} ${chineseDate(date)}印发`;
