/**
 * `npm run score:corpus [-- DIR] [--json]`: how well the importer reads real
 * notices of other governments, the figures BENCHMARKS.md reports.
 *
 * Truth mode (default): every `*.txt` in DIR (default ../shared/corpus) that
 * has a `*.truth.json` beside it is imported the way `luoshi import FILE
 * --json` does (same reading of the file, same importer, same JSON), the
 * prediction is written to a temporary file and scored by `python3
 * DIR/score.py TRUTH PRED --json`, as the project is judged from outside.
 * Prints a row per notice and the totals: hosts exact over all complete tasks
 * pooled, co-units micro-F1 over the pooled counts.
 *
 * Facts mode (`--facts [DIR]`, DIR default LUOSHI_NOTICES_DIR or
 * ../extra-corpus beside the repository): the notices recorded in test/importer/notice-facts.json,
 * held against their facts (task count, the chosen tasks' hosts and co-units).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planJson } from '../src/cli/import-command.js';
import { readInputFile } from '../src/cli/read-input.js';
import type { Plan } from '../src/domain/plan.js';
import { importNotice } from '../src/importer/index.js';
import { checkFacts, factText, loadFacts, noticesDir, type NoticeFact } from './notice-facts.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** What score.py --json answers (the parts used here). */
interface Score {
  taskCount: { pred: number; truth: number; ok: boolean };
  leadersExact: { n: number; ok: number; rate: number | null };
  hostsExact: { n: number; ok: number; rate: number | null };
  coUnitsF1: { tp: number; fp: number; fn: number; f1: number };
  targetsRecall: { n: number; ok: number; rate: number | null };
  missingTasks: number[];
}

/** The plan exactly as `luoshi import FILE --json` gives it, or the reason it gives none. */
async function importAsCli(path: string): Promise<{ json: string } | { error: string }> {
  try {
    return { json: planJson(await importNotice(await readInputFile(path, '通知文件'))) };
  } catch (err) {
    return { error: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
}

const pct = (ok: number, n: number): string => (n === 0 ? 'n/a' : `${ok}/${n} (${((100 * ok) / n).toFixed(1)}%)`);
const f1Of = (tp: number, fp: number, fn: number): number => {
  const p = tp + fp ? tp / (tp + fp) : fn === 0 ? 1 : 0;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

async function scoreTruths(dir: string, asJson: boolean): Promise<void> {
  const scorer = join(dir, 'score.py');
  if (!existsSync(scorer)) throw new Error(`${scorer} not found`);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && existsSync(join(dir, f.replace(/\.txt$/, '.truth.json'))))
    .sort();
  const tmp = mkdtempSync(join(tmpdir(), 'luoshi-score-'));
  const rows: { notice: string; error?: string; score: Score }[] = [];
  try {
    for (const name of names) {
      const imported = await importAsCli(join(dir, name));
      const pred = join(tmp, name.replace(/\.txt$/, '.pred.json'));
      // An importer failure scores as an empty plan: every task missed.
      writeFileSync(pred, 'json' in imported ? imported.json : '{"tasks": []}\n');
      const truth = join(dir, name.replace(/\.txt$/, '.truth.json'));
      const out = execFileSync('python3', [scorer, truth, pred, '--json'], { encoding: 'utf8' });
      rows.push({ notice: name.replace(/\.txt$/, ''), ...('error' in imported ? { error: imported.error } : {}), score: JSON.parse(out) as Score });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const sum = (f: (s: Score) => number): number => rows.reduce((a, r) => a + f(r.score), 0);
  const totals = {
    notices: rows.length,
    taskCountOk: rows.filter((r) => r.score.taskCount.ok).length,
    hostsExact: { ok: sum((s) => s.hostsExact.ok), n: sum((s) => s.hostsExact.n) },
    coUnits: { tp: sum((s) => s.coUnitsF1.tp), fp: sum((s) => s.coUnitsF1.fp), fn: sum((s) => s.coUnitsF1.fn) },
    leadersExact: { ok: sum((s) => s.leadersExact.ok), n: sum((s) => s.leadersExact.n) },
    targetsRecall: { ok: sum((s) => s.targetsRecall.ok), n: sum((s) => s.targetsRecall.n) },
  };
  const coF1 = f1Of(totals.coUnits.tp, totals.coUnits.fp, totals.coUnits.fn);
  if (asJson) {
    console.log(JSON.stringify({ dir, rows, totals: { ...totals, coUnitsMicroF1: coF1 } }, null, 2));
    return;
  }
  console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${dir}`);
  console.log('| notice | tasks (read/truth) | count | hosts exact | co-units F1 | leaders exact | targets recall | missing tasks |');
  console.log('|---|---:|:---:|---:|---:|---:|---:|---|');
  for (const { notice, error, score: s } of rows) {
    const missing = s.missingTasks.length ? s.missingTasks.join(', ') : '';
    console.log(
      `| ${notice}${error ? ` (import failed: ${error})` : ''} | ${s.taskCount.pred}/${s.taskCount.truth} | ${s.taskCount.ok ? 'ok' : '✗'} | ` +
        `${pct(s.hostsExact.ok, s.hostsExact.n)} | ${s.coUnitsF1.f1.toFixed(3)} | ${pct(s.leadersExact.ok, s.leadersExact.n)} | ` +
        `${pct(s.targetsRecall.ok, s.targetsRecall.n)} | ${missing} |`,
    );
  }
  const t = totals;
  console.log(
    `| **all ${t.notices}** | | ${t.taskCountOk}/${t.notices} | **${pct(t.hostsExact.ok, t.hostsExact.n)}** | ` +
      `**${coF1.toFixed(3)}** (tp ${t.coUnits.tp} fp ${t.coUnits.fp} fn ${t.coUnits.fn}) | ${pct(t.leadersExact.ok, t.leadersExact.n)} | ` +
      `${pct(t.targetsRecall.ok, t.targetsRecall.n)} | |`,
  );
  console.log('\nhosts exact: complete tasks pooled over all notices; co-units F1: micro-averaged over the pooled counts.');
}

type FactRow =
  | { notice: string; skipped: string }
  | {
      notice: string;
      level: string;
      year: number;
      error?: string;
      count: number;
      countDue: string;
      countOk: boolean;
      hosts: { ok: number; n: number };
      coUnits: { ok: number; n: number };
      leaders: { ok: number; n: number };
      passed: boolean;
      knownFailing: boolean;
    };
type ScoredRow = Exclude<FactRow, { skipped: string }>;

async function factRow(dir: string, fact: NoticeFact): Promise<FactRow> {
  const text = factText(fact, dir);
  if ('skip' in text) return { notice: fact.file, skipped: text.skip };
  let plan: Plan | null = null;
  let error: string | undefined;
  try {
    plan = await importNotice(text.bytes);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  // An importer failure is held against the facts as a plan without tasks.
  const check = checkFacts(plan ?? ({ tasks: [] } as unknown as Plan), fact);
  const co = check.tasks.filter((t) => t.coUnitsOk !== null);
  const led = check.tasks.filter((t) => t.leadersOk !== null);
  return {
    notice: fact.file,
    level: fact.level,
    year: fact.year,
    ...(error ? { error } : {}),
    count: check.count,
    countDue: fact.completeTasks === fact.tasksInExcerpt ? `${fact.completeTasks}` : `${fact.completeTasks} or ${fact.tasksInExcerpt}`,
    countOk: check.countOk,
    hosts: { ok: check.tasks.filter((t) => t.hostsOk).length, n: check.tasks.length },
    coUnits: { ok: co.filter((t) => t.coUnitsOk).length, n: co.length },
    leaders: { ok: led.filter((t) => t.leadersOk).length, n: led.length },
    passed: check.passed,
    knownFailing: fact.knownFailing === true,
  };
}

async function scoreFacts(dir: string, asJson: boolean): Promise<void> {
  const rows: FactRow[] = [];
  for (const fact of loadFacts()) rows.push(await factRow(dir, fact));
  const scored = rows.filter((r): r is ScoredRow => !('skipped' in r));
  const add = (f: (r: ScoredRow) => number): number => scored.reduce((a, r) => a + f(r), 0);
  const totals = {
    notices: rows.length,
    present: scored.length,
    countOk: scored.filter((r) => r.countOk).length,
    hosts: { ok: add((r) => r.hosts.ok), n: add((r) => r.hosts.n) },
    coUnits: { ok: add((r) => r.coUnits.ok), n: add((r) => r.coUnits.n) },
    leaders: { ok: add((r) => r.leaders.ok), n: add((r) => r.leaders.n) },
    passed: scored.filter((r) => r.passed).length,
  };
  if (asJson) {
    console.log(JSON.stringify({ dir, rows, totals }, null, 2));
    return;
  }
  console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${dir}`);
  console.log('| notice | level, year | tasks read (due) | count | chosen hosts | chosen co-units | chosen leaders | as the facts say | marked knownFailing |');
  console.log('|---|---|---:|:---:|---:|---:|---:|:---:|:---:|');
  for (const r of rows) {
    if ('skipped' in r) {
      console.log(`| ${r.notice} | skipped: ${r.skipped} | | | | | | | |`);
      continue;
    }
    console.log(
      `| ${r.notice}${r.error ? ` (import failed: ${r.error})` : ''} | ${r.level} ${r.year} | ${r.count} (${r.countDue}) | ` +
        `${r.countOk ? 'ok' : '✗'} | ${pct(r.hosts.ok, r.hosts.n)} | ${pct(r.coUnits.ok, r.coUnits.n)} | ${pct(r.leaders.ok, r.leaders.n)} | ${r.passed ? 'yes' : 'no'} | ` +
        `${r.knownFailing ? 'yes' : ''} |`,
    );
  }
  const t = totals;
  console.log(
    `| **${t.present} of ${t.notices} present** | | | ${t.countOk}/${t.present} | **${pct(t.hosts.ok, t.hosts.n)}** | ` +
      `${pct(t.coUnits.ok, t.coUnits.n)} | ${pct(t.leaders.ok, t.leaders.n)} | ${t.passed}/${t.present} | |`,
  );
}

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const facts = args.includes('--facts');
const dirArg = args.find((a) => !a.startsWith('--'));
if (facts) await scoreFacts(dirArg ? resolve(dirArg) : noticesDir(), asJson);
else await scoreTruths(dirArg ? resolve(dirArg) : resolve(repoRoot, '../shared/corpus'), asJson);
