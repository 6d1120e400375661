/**
 * What a bulletin (通报) says, as plain data: gathered by the bulletin
 * service from the live ledger when a draft is made, frozen as JSON in the
 * draft, and rendered to .docx by bulletin-docx.ts. Nothing here reads a
 * database; the writer renders exactly this.
 */
import type { Light } from '../domain/status.js';

export interface BulletinContent {
  /** The issuing organ as signed and printed at the foot: "临河区人民政府办公室". */
  issuer: string;
  /**
   * The head mark (版头): "临河区人民政府督查通报" (the government's profile, ADR 0023). Absent in drafts made
   * before the profile: the writer then makes it from the issuer.
   */
  mark?: string;
  /** The document line: "临河督查通报〔2026〕3号"; empty in a draft, which has no number until it is issued. */
  documentNumber: string;
  /** "关于2026年3月政府工作报告重点任务推进情况的通报". */
  title: string;
  /** Main recipients (主送): "各镇人民政府、街道办事处，区政府各部门". */
  recipients: string;
  /** The period: '2026-03' or '2026-Q1', and how it reads: "2026年3月". */
  period: string;
  periodLabel: string;
  /** The date the figures are taken at (YYYY-MM-DD) and the date printed at the foot. */
  asOf: string;
  date: string;
  plan: { id: number; title: string; year: number };
  /** Time progress at asOf, 0..1. */
  timeProgress: number;
  summary: {
    tasks: number;
    lights: Record<Light, number>;
    completed: number;
    /** Targets with a figure, and how many are at or ahead of time progress. */
    targetsReported: number;
    targetsOnPace: number;
    reportsOwed: number;
    reportsOnTime: number;
    reportsLate: number;
  };
  /** Progress by section (部分), in the notice's order. */
  sections: BulletinSection[];
  /** Tasks behind (red first, then yellow), each named with its units. */
  lagging: BulletinTask[];
  /** Tasks ahead of time progress, to be commended. */
  goodExamples: BulletinTask[];
  /** Reports owed and not sent by the period's due date. */
  overdueReports: { taskNumber: number; taskTitle: string; unit: string; dueDate: string; daysLate: number }[];
  /** Supervision orders not yet closed. */
  /** `status` is the order's state as the workflow names it (issued, signed, answered); the wording prints it in Chinese. */
  openOrders: { number: string; grade: 'blue' | 'yellow' | 'red'; taskNumber: number; unit: string; issuedAt: string; respondBy: string; status: string }[];
  /** The office's own words: requirements and next steps (may be empty). */
  remarks: string;
  /** 抄送 (copy to). */
  copyTo: string;
  /** The printing line's organ and date: "临河区人民政府办公室 2026年4月3日印发" (the two parts spaced apart). */
  printedBy: string;
}

export interface BulletinSection {
  number: string;
  title: string;
  tasks: number;
  lights: Record<Light, number>;
}

export interface BulletinTask {
  number: number;
  /** The task's short form: its first clause, at most about 40 characters. */
  title: string;
  hostUnits: string[];
  leaders: string[];
  light: Light;
  /** Completion against time progress, as a phrase: "完成 35%，时间进度 50%"; null when no figure. */
  progress: string | null;
  /** Why it is lagging or good, in a clerk's words. */
  reason: string;
  /**
   * A lagging task: the reasons of its light (src/domain/reasons.ts), one
   * sentence each with its figures, printed in place of `progress` and
   * `reason`. Absent in drafts made before reasons were kept.
   */
  reasons?: string[];
}
