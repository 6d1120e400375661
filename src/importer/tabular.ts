/** A decomposition table (分解表) to a plan: columns name the roles directly. */
import type { Plan, Section, Task, Warning } from '../domain/plan.js';
import { finishPlan, finishTask, type Context, type TaskDraft } from './assemble.js';
import { readMarker } from './markers.js';
import { readHeadlineTargets, readMeta } from './meta.js';
import { normalizeStyled, plain } from './normalize.js';
import { parseChineseNumber } from './numerals.js';
import { decideHosts, detectConventions, leaderList, readLeaderHeading, readResponsibility, type Conventions } from './responsibility.js';
import type { ColumnRole, NoticeTable, TableRow } from './table.js';
import { splitUnitGroups, splitUnitList, type UnitResolver } from './units.js';

const clean = (text: string | undefined): string => normalizeStyled(plain(text ?? '')).text.trim();
/**
 * An owner cell as a list: names one per line (a Word cell's paragraphs, an
 * Excel cell's line breaks) or, for units, apart by spaces are listed as
 * much as names apart by 、 (a leader's post and name may stand apart by a space).
 */
function listed(text: string | undefined, bySpace = true): string {
  const lines = (text ?? '')
    .trim()
    .replace(/([^、，,；;\s])[ \t\u3000]*[\r\n]+\s*/g, '$1、')
    .replace(/\s*[\r\n]+\s*/g, '');
  return bySpace ? lines.replace(/(?<=[\u4e00-\u9fff）)])[ \u3000]+(?=[\u4e00-\u9fff（(])/g, '、') : lines;
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function planFromTable(table: NoticeTable, resolver: UnitResolver): Plan {
  // A line break inside a cell above the header separates lines, as in a document (a title over its subtitle).
  const head = table.preamble
    .flatMap((p) => p.text.split('\n'))
    .map(clean)
    .filter((line) => line !== '');
  const tail = table.trailer.map((p) => clean(p.text));
  const meta = readMeta(head, tail);
  const warnings: Warning[] = [];
  const ctx: Context = { resolver, year: meta.year, warnings };
  const unitCells = table.rows.map((r) => `承办单位：${clean(r.cells.units)}`);
  const conventions = detectConventions([...head, ...tail].join('\n'), unitCells);
  const sections: Section[] = [];
  const sectionOf = new Map<string, string>();
  const tasks: Task[] = [];
  let lastNumber = 0;
  for (const row of table.rows) {
    const section = row.section === null ? null : sectionNumber(clean(row.section), sections, sectionOf);
    const number = taskNumber(row, lastNumber);
    if (number === lastNumber) {
      warnings.push({ code: 'numbering_duplicate', task: number, line: row.row, message: `第 ${row.row} 行的任务编号 ${number} 重复出现，请核对` });
    } else if (number > lastNumber + 1 && !(number === 1)) {
      warnings.push({ code: 'numbering_gap', task: number, line: row.row, message: `任务编号从 ${lastNumber} 跳到 ${number}，中间可能漏掉了任务，请核对` });
    }
    lastNumber = number;
    const draft = rowDraft(row, number, section, conventions);
    // A section row may name the leader of its tasks: 一、王某市长负责事项（共8项）.
    const heading = sections.find((x) => x.number === section)?.title ?? (row.section === null ? '' : clean(row.section));
    if (draft.leaders.length === 0 && heading !== '') draft.leaders = readLeaderHeading(heading);
    tasks.push(finishTask(draft, ctx));
  }
  return finishPlan(meta, { headlineTargets: readHeadlineTargets([], head, meta.year), sections }, tasks, warnings);
}

/** "二、聚力…" gives 二; a category without a numeral gets the next one in order. */
function sectionNumber(raw: string, sections: Section[], seen: Map<string, string>): string {
  const known = seen.get(raw);
  if (known !== undefined) return known;
  // "附件2 …分解表": a table of its own, numbered by its attachment label.
  const attachment = /^(附件\s*[0-9一二三四五六七八九十]+)\s*(.*)$/.exec(raw);
  if (attachment) {
    const number = (attachment[1] ?? '').replace(/\s+/g, '');
    sections.push({ number, title: attachment[2] || number });
    seen.set(raw, number);
    return number;
  }
  const marker = readMarker(raw);
  const number = marker ? marker.numeral : (CN[sections.length] ?? String(sections.length + 1));
  const title = marker
    ? raw
        .slice(marker.length)
        .replace(/[。；]+$/, '')
        .trim()
    : raw;
  sections.push({ number, title });
  seen.set(raw, number);
  return number;
}

function taskNumber(row: TableRow, last: number): number {
  const raw = clean(row.cells.number)
    .replace(/[.．、）)]$/, '')
    .replace(/^[（(]/, '');
  if (/^\d+$/.test(raw)) return Number(raw);
  return parseChineseNumber(raw) ?? last + 1;
}

function rowDraft(row: TableRow, number: number, section: string | null, conv: Conventions): TaskDraft {
  let text = withDetail(clean(row.cells.text), clean(row.cells.detail));
  const marker = readMarker(text);
  if (marker && marker.level >= 3) text = text.slice(marker.length);
  const base = { number, section, line: row.row, deadlineText: row.cells.deadline ? clean(row.cells.deadline) : undefined };
  const has = (role: ColumnRole): boolean => row.cells[role] !== undefined;
  if (!has('leaders') && !has('hosts') && !has('coUnits') && !has('units')) {
    // Owners written into the task's own cell, as in prose.
    const r = readResponsibility(plain(text), conv);
    const rest = r.span ? (text.slice(0, r.span.start) + text.slice(r.span.end)).trim() : text;
    const names = (xs: { name: string }[]): string[] => xs.map((x) => x.name);
    return { ...base, text: rest, leaders: r.leaders, hosts: names(r.hosts), coUnits: names(r.coUnits), signal: r.signal, guess: r.guess, boldHosts: null };
  }
  const leaders = splitUnitGroups(clean(listed(row.cells.leaders, false)))
    .flat()
    .map((t) => t.name);
  const co = splitUnitGroups(clean(listed(row.cells.coUnits)))
    .flat()
    .map((t) => t.name);
  if (has('hosts')) {
    const hosts = splitUnitGroups(clean(listed(row.cells.hosts)))
      .flat()
      .map((t) => t.name);
    const units = splitUnitGroups(clean(listed(row.cells.units)))
      .flat()
      .map((t) => t.name);
    return { ...base, text, leaders, hosts, coUnits: [...co, ...units], signal: 'column', boldHosts: null };
  }
  const unitsText = clean(listed(row.cells.units));
  const decided = decideHosts(splitUnitGroups(unitsText), boldMask(unitsText, row.bold.units ?? []), conv);
  const names = (xs: { name: string }[]): string[] => xs.map((x) => x.name);
  const boldHosts = decided.conflict ? (row.bold.units ?? []).flatMap((f) => splitUnitList(clean(f)).map((t) => t.name)) : null;
  return {
    ...base,
    text,
    leaders: leaderList(leaders),
    hosts: names(decided.hosts),
    coUnits: [...names(decided.coUnits), ...co],
    signal: decided.signal,
    guess: decided.guess,
    boldHosts,
  };
}

/** The task's words and those of its second task column (工作目标), as one text. */
function withDetail(text: string, detail: string): string {
  if (detail === '' || text === '') return text || detail;
  return /[。；;！!]$/.test(text) ? `${text}${detail}` : `${text}。${detail}`;
}

/** Marks the characters of a cell that its bold fragments cover. */
function boldMask(text: string, fragments: string[]): Uint8Array {
  const mask = new Uint8Array(text.length);
  let from = 0;
  for (const f of fragments.map(clean)) {
    const at = f === '' ? -1 : text.indexOf(f, from);
    if (at < 0) continue;
    mask.fill(1, at, at + f.length);
    from = at + f.length;
  }
  return mask;
}
