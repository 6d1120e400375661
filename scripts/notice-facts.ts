/**
 * Facts about real notices whose text stays outside the repository
 * (test/importer/notice-facts.json): for each, how many tasks it holds and,
 * for a few chosen tasks, the units a supervising office reads as host and
 * co-units. The text itself lives in LUOSHI_NOTICES_DIR (default
 * ../extra-corpus beside the repository); its SHA-256 in the facts says it is the same text.
 * Read by test/importer/notice-facts.test.ts and scripts/score-corpus.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js/t2cn';
import type { Plan } from '../src/domain/plan.js';

export const factsPath = fileURLToPath(new URL('../test/importer/notice-facts.json', import.meta.url));

/** Where the notices' texts are kept (never in the repository). */
export const noticesDir = (): string => process.env.LUOSHI_NOTICES_DIR ?? fileURLToPath(new URL('../../extra-corpus/', import.meta.url));

export interface ChosenTask {
  /** The task's number as a reader counts it (by position where the printed number is damaged). */
  number: number;
  hostUnits: string[];
  /** Omitted where the co-units are not clear from the text. */
  coUnits?: string[];
  leaders?: string[];
  /** The notice lists the units without saying which leads: only the set of units is asserted, not the roles. */
  leadUnmarked?: boolean;
}

export interface NoticeFact {
  file: string;
  sha256: string;
  sourceUrl: string;
  issuer: string;
  level: 'province' | 'city' | 'county' | 'district';
  year: number;
  /** The text is the beginning of the page only; its last task may be cut. */
  excerpt: boolean;
  /** How the notice writes responsibility, in our words. */
  responsibility: string;
  tasksInExcerpt: number;
  /** Tasks whose responsibility the text holds whole; either count is accepted. */
  completeTasks: number;
  chosenTasks: ChosenTask[];
  /** A unit as written where it drops the government prefix (规划局) → its full name (市规划局): either form is accepted. */
  aliases?: Record<string, string>;
  /** The importer does not read this notice right yet: the test expects a failure until the rules improve. */
  knownFailing?: boolean;
  knownFailingReason?: string;
}

export const loadFacts = (): NoticeFact[] => JSON.parse(readFileSync(factsPath, 'utf8')) as NoticeFact[];

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The notice's bytes, or why they cannot be used. */
export function factText(fact: NoticeFact, dir = noticesDir()): { bytes: Uint8Array } | { skip: string } {
  const path = `${dir}/${fact.file}`;
  if (!existsSync(path)) return { skip: `${fact.file} is not in ${dir}` };
  const bytes = new Uint8Array(readFileSync(path));
  const hash = sha256(bytes);
  if (hash !== fact.sha256) return { skip: `${fact.file} in ${dir} is another text (sha256 ${hash.slice(0, 12)}…)` };
  return { bytes };
}

const PINYIN = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g;

// The package's own types do not resolve under NodeNext; its one function is typed here.
const simplified = (OpenCC as unknown as { Converter(options: { from: 'tw'; to: 'cn' }): (text: string) => string }).Converter({ from: 'tw', to: 'cn' });

/** A unit name as compared: NFKC, in simplified characters, without inline pinyin annotations (建設(shè)), spaces or end punctuation. */
export const unitKey = (unit: string): string =>
  simplified(unit)
    .normalize('NFKC')
    .replace(PINYIN, '')
    .replace(/[\s*]+/g, '')
    .replace(/^[，,。.;；:：]+|[，,。.;；:：]+$/g, '');

type SameSet = (got: string[], want: string[]) => boolean;

/** Set equality of unit names by unitKey, a written short form and its full name counting as one. */
function sameSetWith(aliases: Record<string, string> = {}): SameSet {
  const full = new Map(Object.entries(aliases).map(([short, long]) => [unitKey(short), unitKey(long)]));
  const key = (u: string): string => full.get(unitKey(u)) ?? unitKey(u);
  return (got, want) => {
    const a = got.map(key).sort();
    const b = want.map(key).sort();
    return a.length === b.length && a.every((u, i) => u === b[i]);
  };
}

export interface TaskCheck {
  number: number;
  found: boolean;
  hostsOk: boolean;
  /** null where the facts give no co-units. */
  coUnitsOk: boolean | null;
  leadersOk: boolean | null;
  got: { hostUnits: string[]; coUnits: string[]; leaders: string[] } | null;
}

export interface FactCheck {
  count: number;
  countOk: boolean;
  tasks: TaskCheck[];
  /** Count right and every chosen task read as the facts say. */
  passed: boolean;
}

/** Holds a plan against a notice's facts. */
export function checkFacts(plan: Plan, fact: NoticeFact): FactCheck {
  const count = plan.tasks.length;
  const countOk = count === fact.tasksInExcerpt || count === fact.completeTasks;
  const sameSet = sameSetWith(fact.aliases);
  const tasks = fact.chosenTasks.map((want): TaskCheck => {
    const task = plan.tasks.find((t) => t.number === want.number);
    if (!task) {
      const missed = { coUnitsOk: want.coUnits ? false : null, leadersOk: want.leaders ? false : null };
      return { number: want.number, found: false, hostsOk: false, ...missed, got: null };
    }
    const got = { hostUnits: task.hostUnits, coUnits: task.coUnits, leaders: task.leaders };
    if (want.leadUnmarked) {
      // The notice does not say who leads: any reading of the units will do, as long as the importer says it guessed.
      const units = [...task.hostUnits, ...task.coUnits];
      const warned = units.length <= 1 || (plan.warnings ?? []).some((w) => w.code === 'host_guess' && w.task === want.number);
      const all = sameSet(units, [...want.hostUnits, ...(want.coUnits ?? [])]) && warned;
      return { number: want.number, found: true, hostsOk: all, coUnitsOk: all, leadersOk: leadersOk(want, task.leaders, sameSet), got };
    }
    return {
      number: want.number,
      found: true,
      hostsOk: sameSet(task.hostUnits, want.hostUnits),
      coUnitsOk: want.coUnits ? sameSet(task.coUnits, want.coUnits) : null,
      leadersOk: leadersOk(want, task.leaders, sameSet),
      got,
    };
  });
  const passed = countOk && tasks.every((t) => t.hostsOk && t.coUnitsOk !== false && t.leadersOk !== false);
  return { count, countOk, tasks, passed };
}

const leadersOk = (want: ChosenTask, leaders: string[], sameSet: SameSet): boolean | null => (want.leaders ? sameSet(leaders, want.leaders) : null);
