/**
 * Finds the notice's outline: preamble, sections, tasks and trailer. Which
 * numbering level holds the tasks differs between notices (1. in one, （一）
 * in another); it is the level whose items each carry one responsibility
 * annotation (牵头领导…, 责任单位…).
 */
import type { Section, Warning } from '../domain/plan.js';
import type { Block } from './blocks.js';
import { readMarker, type Level, type Marker } from './markers.js';
import { concatStyled, sliceStyled, TERMINAL, type Styled } from './normalize.js';
import { findAnnotations, readLeaderHeading } from './responsibility.js';
import { parseChineseNumber } from './numerals.js';

export interface TaskBlock {
  number: number;
  section: string | null;
  /** The task's text after its number, all its paragraphs joined. */
  body: Styled;
  line: number;
  /** Leaders named by the nearest heading above the task ("一、王某县长牵头重点工作"), if any. */
  headingLeaders: string[];
}

export interface SectionBlock extends Section {
  line: number;
  /** Paragraphs under the heading that belong to no task (e.g. headline targets). */
  paragraphs: string[];
  taskCount: number;
}

export interface Outline {
  preamble: Block[];
  sections: SectionBlock[];
  tasks: TaskBlock[];
  trailer: Block[];
  warnings: Warning[];
}

/** Words that open a responsibility annotation. */
const RESPONSIBILITY =
  /(?:牵头|责任|分管|联系|包保)(?:负责)?(?:[区市县省]级?)?领导|(?:承办|责任|牵头|主办|主责|配合|协办|协同|实施)(?:责任)?(?:单位|部门)|(?:牵头|主办|配合|协办)[，；、：]|(?:负责|配合|牵头|主办|协办)[）\]]/g;

interface Item {
  index: number;
  marker: Marker;
}

export function readOutline(input: Block[]): Outline {
  const blocks = splitRunOnItems(input);
  const trailerStart = findTrailer(blocks);
  const items: Item[] = [];
  for (let i = 0; i < trailerStart; i++) {
    const block = blocks[i];
    const marker = block ? readMarker(block.text) : null;
    if (marker) items.push({ index: i, marker });
  }
  const preambleEnd = items[0]?.index ?? trailerStart;
  const taskLevel = chooseTaskLevel(blocks, items, trailerStart);
  const sectionLevel = ([1, 2, 3] as const).find((l) => l < taskLevel && items.some((it) => it.marker.level === l)) ?? null;
  const warnings: Warning[] = [];
  const accepted = acceptTaskItems(blocks, items, taskLevel, sectionLevel, warnings);
  const taskItems = refineTaskItems(blocks, items, accepted, taskLevel, sectionLevel, trailerStart);
  const sections: SectionBlock[] = [];
  const tasks: TaskBlock[] = [];
  let section: SectionBlock | null = null;
  const boundaries = items.filter((it) => taskItems.has(it.index) || accepted.has(it.index) || it.marker.level < taskLevel);
  const headingLeaders = new Map<Level, string[]>();
  const leadersAbove = (level: Level): string[] => {
    for (let l = level - 1; l >= 1; l--) {
      const found = headingLeaders.get(l as Level);
      if (found && found.length > 0) return found;
    }
    return [];
  };
  for (let k = 0; k < boundaries.length; k++) {
    const item = boundaries[k];
    if (!item) continue;
    const end = boundaries[k + 1]?.index ?? trailerStart;
    const block = blocks[item.index];
    if (!block) continue;
    for (const l of [...headingLeaders.keys()]) if (l >= item.marker.level) headingLeaders.delete(l);
    if (!taskItems.has(item.index)) headingLeaders.set(item.marker.level, readLeaderHeading(block.text.slice(item.marker.length)));
    const above = leadersAbove(item.marker.level);
    if (item.marker.level === sectionLevel) {
      section = {
        number: item.marker.numeral,
        title: stripTitle(block.text.slice(item.marker.length)),
        line: block.line,
        paragraphs: blocks.slice(item.index + 1, end).map((b) => b.text),
        taskCount: 0,
      };
      sections.push(section);
    } else if (taskItems.has(item.index)) {
      const heading = sliceStyled(block, item.marker.length);
      const rest = blocks.slice(item.index + 1, end);
      const restBody = concatStyled(rest);
      // Without sections, a numbered heading over paragraphs of prose tasks is their section.
      if (sectionLevel === null && findAnnotations(heading.text).length === 0 && findAnnotations(restBody.text).length >= 2) {
        section = { number: item.marker.numeral, title: stripTitle(heading.text), line: block.line, paragraphs: [], taskCount: 0 };
        sections.push(section);
        addProse(tasks, section, restBody, toNumber(item.marker.numeral), rest[0]?.line ?? block.line, readLeaderHeading(heading.text));
      } else {
        addProse(tasks, section, concatStyled([heading, ...rest]), toNumber(item.marker.numeral), block.line, above);
      }
    }
  }
  if (tasks.length === 0) {
    // No numbered tasks at all: tasks in running prose, each closing with its owners.
    const first = blocks.findIndex((b, i) => i < trailerStart && findAnnotations(b.text).length > 0);
    if (first >= 0) {
      const body = concatStyled(blocks.slice(first, trailerStart));
      if (findAnnotations(body.text).length >= 2) {
        addProse(tasks, null, body, 1, blocks[first]?.line ?? 0, []);
        return { preamble: blocks.slice(0, first), sections, tasks: renumber(tasks, true), trailer: blocks.slice(trailerStart), warnings };
      }
    }
  }
  return { preamble: blocks.slice(0, preambleEnd), sections, tasks: renumber(tasks), trailer: blocks.slice(trailerStart), warnings };
}

function addProse(tasks: TaskBlock[], section: SectionBlock | null, body: Styled, number: number, line: number, headingLeaders: string[]): void {
  for (const piece of splitProseTasks(body)) {
    tasks.push({ number, section: section?.number ?? null, body: piece, line, headingLeaders });
    if (section) section.taskCount++;
  }
}

/**
 * Task numbers as printed, unless the notice numbers again from 1 in each
 * part or holds tasks without numbers of their own (prose): then the tasks are
 * numbered in order through the whole notice, so each has a number of its own.
 */
function renumber(tasks: TaskBlock[], always = false): TaskBlock[] {
  const seen = new Set<number>();
  let repeated = always;
  for (const t of tasks) {
    if (seen.has(t.number)) repeated = true;
    seen.add(t.number);
  }
  if (!repeated) return tasks;
  return tasks.map((t, i) => ({ ...t, number: i + 1 }));
}

/**
 * Running prose: one numbered item may hold several tasks, each closing with
 * its own owners in brackets ("…体系（省X牵头）。在…领域…（省Y、Z负责）"). The
 * item is cut after each annotation; text after the last one that is more
 * than a closing word is a task of its own (its owners are missing).
 */
function splitProseTasks(body: Styled): Styled[] {
  const spans = findAnnotations(body.text).filter((sp) => sp.contentStart > sp.start);
  if (spans.length < 2) return [body];
  const pieces: Styled[] = [];
  let at = 0;
  for (const sp of spans) {
    let end = sp.end;
    while (end < body.text.length && /[。；，,;\s]/.test(body.text[end] ?? '')) end++;
    pieces.push(sliceStyled(body, at, end));
    at = end;
  }
  const rest = sliceStyled(body, at);
  if (rest.text.replace(/[\s。；，]/g, '').length > 10) pieces.push(rest);
  else if (rest.text.length > 0 && pieces.length > 0) pieces[pieces.length - 1] = concatStyled([pieces[pieces.length - 1] ?? rest, rest]);
  return pieces;
}

/**
 * Where the task level is not the same in every part: an item at the task
 * level whose own sub-items each carry owners is a heading over them (they
 * are the tasks); an item above the task level with no items of the task level
 * under it and one set of owners is a task itself.
 */
function refineTaskItems(
  blocks: readonly Block[],
  items: readonly Item[],
  accepted: ReadonlySet<number>,
  taskLevel: Level,
  sectionLevel: Level | null,
  end: number,
): Set<number> {
  const tasks = new Set(accepted);
  const hits = new AnnotationHits(blocks);
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    if (!item) continue;
    const level = item.marker.level;
    if (sectionLevel !== null && level <= sectionLevel) continue;
    let last = k + 1;
    while (last < items.length && (items[last]?.marker.level ?? 0) > level) last++;
    const subtreeEnd = items[last]?.index ?? end;
    const inner = items.slice(k + 1, last);
    if (accepted.has(item.index) && inner.length >= 2) {
      const childLevel = Math.min(...inner.map((it) => it.marker.level));
      const children = inner.filter((it) => it.marker.level === childLevel);
      const owned = children.filter((child, c) => {
        const next = children[c + 1]?.index ?? subtreeEnd;
        return hits.count(child.index, next) === 1;
      });
      if (owned.length >= 2 && owned.length * 2 > children.length) {
        tasks.delete(item.index);
        for (const child of children) tasks.add(child.index);
      }
    } else if (level < taskLevel && !inner.some((it) => it.marker.level === taskLevel) && hits.count(item.index, subtreeEnd) === 1) {
      tasks.add(item.index);
    }
  }
  return tasks;
}

/**
 * Items run on in one paragraph ("…（省X负责）（二）…", "…。2.…"): a marker
 * of the same kind and the next number, right after a sentence or an
 * annotation closes, starts a paragraph of its own.
 */
function splitRunOnItems(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const original of blocks) {
    let block = original;
    for (;;) {
      const marker = readMarker(block.text);
      const cut = marker ? nextItemAt(block.text, marker) : -1;
      if (cut < 0) break;
      const [head, tail] = splitBlock(block, cut);
      out.push(head);
      block = tail;
    }
    out.push(block);
  }
  return out;
}

function nextItemAt(text: string, marker: Marker): number {
  const want = toNumber(marker.numeral) + 1;
  for (const m of text.matchAll(/[。；）](?=[\d（(一二三四五六七八九十①-⑳])/g)) {
    const at = m.index + 1;
    if (at <= marker.length) continue;
    const next = readMarker(text.slice(at, at + 8));
    if (next && next.level === marker.level && toNumber(next.numeral) === want) return at;
  }
  return -1;
}

function splitBlock(block: Block, at: number): [Block, Block] {
  const head = sliceStyled(block, 0, at);
  const tail = sliceStyled(block, at);
  const lineAt = [...block.pieces].reverse().find((p) => p.offset <= at)?.line ?? block.line;
  return [
    { ...head, line: block.line, heading: block.heading, pieces: block.pieces.filter((p) => p.offset < at) },
    {
      ...tail,
      line: lineAt,
      heading: block.heading,
      pieces: [{ offset: 0, line: lineAt }, ...block.pieces.filter((p) => p.offset > at).map((p) => ({ offset: p.offset - at, line: p.line }))],
    },
  ];
}

const stripTitle = (text: string): string => text.replace(/[。；]+$/, '').trim();

function toNumber(numeral: string): number {
  return /^\d+$/.test(numeral) ? Number(numeral) : (parseChineseNumber(numeral) ?? 0);
}

/**
 * Where the responsibility keywords stand in the blocks, found once: the
 * annotations of any run of blocks are counted from them without joining
 * texts (keyword hits closer than 80 characters belong to one annotation).
 */
class AnnotationHits {
  private readonly starts: number[] = [];
  private readonly hits: number[] = [];

  constructor(blocks: readonly Block[]) {
    let at = 0;
    for (const b of blocks) {
      this.starts.push(at);
      for (const m of b.text.matchAll(RESPONSIBILITY)) this.hits.push(at + m.index);
      at += b.text.length;
    }
    this.starts.push(at);
  }

  /** Annotations in blocks [from, to). */
  count(from: number, to: number): number {
    const lo = this.starts[from] ?? 0;
    const hi = this.starts[Math.min(to, this.starts.length - 1)] ?? lo;
    let count = 0;
    let last = -Infinity;
    for (let i = lowerBound(this.hits, lo); i < this.hits.length; i++) {
      const h = this.hits[i] ?? 0;
      if (h >= hi) break;
      if (h - last > 80) count++;
      last = h;
    }
    return count;
  }
}

function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function chooseTaskLevel(blocks: readonly Block[], items: readonly Item[], end: number): Level {
  const hits = new AnnotationHits(blocks);
  const scores = new Map<Level, number>();
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    if (!item) continue;
    let n = k + 1;
    while (n < items.length && (items[n]?.marker.level ?? 0) > item.marker.level) n++;
    const next = items[n]?.index ?? end;
    if (hits.count(item.index, next) === 1) scores.set(item.marker.level, (scores.get(item.marker.level) ?? 0) + 1);
  }
  let best: Level | null = null;
  for (const [level, score] of [...scores].sort((a, b) => a[0] - b[0])) {
    if (best === null || score > (scores.get(best) ?? 0)) best = level;
  }
  if (best !== null) return best;
  // No annotations at all: tasks are the deepest numbered level below the sections, typically 1.
  const levels = new Set(items.map((it) => it.marker.level));
  return levels.has(3) ? 3 : levels.has(2) ? 2 : 1;
}

/**
 * Keeps the task-level markers that are real task starts. A marker with an
 * unexpected number right after a line that did not end its sentence is a
 * line break that happened to begin with a number: it is joined back.
 */
function acceptTaskItems(blocks: Block[], items: readonly Item[], taskLevel: Level, sectionLevel: Level | null, warnings: Warning[]): Set<number> {
  const accepted = new Set<number>();
  const seen = new Set<number>();
  let last = 0;
  let sectionStarted = false;
  for (const item of items) {
    if (item.marker.level === sectionLevel) sectionStarted = true;
    if (item.marker.level !== taskLevel) continue;
    const n = toNumber(item.marker.numeral);
    const block = blocks[item.index];
    const prev = blocks[item.index - 1];
    if (!block) continue;
    const restart = n === 1 && sectionStarted;
    if (n !== last + 1 && !restart && prev && !TERMINAL.test(prev.text) && !prev.heading) {
      warnings.push({
        code: 'doubtful_join',
        task: last || null,
        line: block.line,
        message: `第 ${block.line} 行以“${block.text.slice(0, 8)}”开头，像是换行而不是第 ${n} 项任务，已并入上一段，请核对`,
      });
      joinToPrevious(blocks, item.index);
      continue;
    }
    if (restart) seen.clear();
    const line = block.line;
    if (seen.has(n)) {
      warnings.push({ code: 'numbering_duplicate', task: n, line, message: `任务编号 ${n} 重复出现，请核对` });
    } else if (n > last + 1 && !restart) {
      warnings.push({ code: 'numbering_gap', task: n, line, message: `任务编号从 ${last} 跳到 ${n}，中间可能漏掉了任务，请核对` });
    }
    seen.add(n);
    last = n;
    sectionStarted = false;
    accepted.add(item.index);
  }
  return accepted;
}

/** Moves a block's text onto the previous block: it was a line break, not a new item. */
function joinToPrevious(blocks: Block[], index: number): void {
  const block = blocks[index];
  const prev = blocks[index - 1];
  if (!block || !prev) return;
  const merged = concatStyled([prev, block]);
  prev.pieces.push(...block.pieces.map((p) => ({ offset: p.offset + prev.text.length, line: p.line })));
  prev.text = merged.text;
  prev.bold = merged.bold;
  block.text = '';
  block.bold = new Uint8Array(0);
}

const DATE_LINE = /^(?:\d{4}年\d{1,2}月\d{1,2}日|[一二〇○零]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$/;
const CLOSING = /^(?:抄送：|附件[：\d]|（此件[^）]*）$|联系人|联系电话)/;

/** The signature, date and copy list after the last task; they belong to no task. */
function findTrailer(blocks: readonly Block[]): number {
  let lastMarker = -1;
  blocks.forEach((b, i) => {
    if (readMarker(b.text)) lastMarker = i;
  });
  for (let i = lastMarker + 1; i < blocks.length; i++) {
    const text = blocks[i]?.text ?? '';
    if (DATE_LINE.test(text) || CLOSING.test(text)) {
      const prev = blocks[i - 1]?.text ?? '';
      const signature = i - 1 > lastMarker && prev.length <= 40 && !TERMINAL.test(prev);
      return signature ? i - 1 : i;
    }
  }
  return blocks.length;
}
