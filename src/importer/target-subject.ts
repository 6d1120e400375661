/**
 * A metric named with its subject. A notice often opens a passage with what
 * it is about (冶金产业瞄准五百亿级目标，…; 软件服务业，…; 经济开发区围绕…) and
 * then writes only 营收 or 投资: the reader knows whose. A ledger line does
 * not, so a bare metric (BARE_METRICS) takes the subject of its passage:
 * 冶金产业营收. A passage runs to the end of its sentence (。！？ or a line
 * break), or to the next subject.
 */
import { alternation, BARE_METRICS, NOT_SUBJECT_OPENERS, SUBJECT_ENDINGS, SUBJECT_VERBS } from './quantity-words.js';

const NAME = String.raw`[\p{Script=Han}A-Za-z0-9]{1,14}?(?:${alternation(SUBJECT_ENDINGS)})`;
/** A sentence opened by its subject: the whole first clause, or the subject and an aiming verb. */
const SUBJECT_RE = new RegExp(`^\\s*(?<name>${NAME})(?:\\s*$|(?=${alternation(SUBJECT_VERBS)}))`, 'u');
const NOT_SUBJECT_RE = new RegExp(`^(?:${alternation(NOT_SUBJECT_OPENERS)})`);
/** 冶金产业新增营收: a kind word between a subject and its metric belongs to neither. */
const INNER_WORDS_RE = new RegExp(`^(.+?(?:${alternation(SUBJECT_ENDINGS)}))(?:新增|净增|实现|完成|累计|力争|确保|全年|年内)+(?=.)`, 'u');

/** A metric made of a subject and a bare metric: 纺织产业 | 营收. */
const OWN_SUBJECT_RE = new RegExp(`^(${NAME})(?:${alternation([...BARE_METRICS])})$`, 'u');

/** The subject a clause that opens a sentence names, or null. */
export function subjectOf(clause: string): string | null {
  const name = SUBJECT_RE.exec(clause)?.groups?.['name'];
  if (name === undefined || name.length < 3 || NOT_SUBJECT_RE.test(name)) return null;
  return name;
}

/** The metric without kind words inside it (冶金产业新增营收 → 冶金产业营收), and with its passage's subject when bare. */
export function nameMetric(metric: string, subject: string | null): string {
  const tidy = metric.replace(INNER_WORDS_RE, '$1');
  return subject !== null && BARE_METRICS.has(tidy) ? subject + tidy : tidy;
}

/** The subject a named metric carries (纺织产业营收 → 纺织产业), lent to the bare metrics after it (利润). */
export function subjectOfMetric(metric: string): string | null {
  const name = OWN_SUBJECT_RE.exec(metric)?.[1];
  return name === undefined || NOT_SUBJECT_RE.test(name) ? null : name;
}
