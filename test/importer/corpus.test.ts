/**
 * Real notices of other governments, scored the way the importer is judged
 * from outside: the plan as `luoshi import FILE --json` prints it, against each
 * notice's hand-made truth, by the corpus's own scorer (score.py). Task counts
 * must be right for every notice; over all complete tasks, host units exact
 * for at least 95 % and co-units F1 at least 0.9; a task the truth calls
 * ambiguous is warned about (host_guess), never settled silently.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importNotice } from '../../src/importer/index.js';
import { corpusDir, hasCorpus } from '../helpers/paths.js';

interface Score {
  taskCount: { pred: number; truth: number; ok: boolean };
  hostsExact: { n: number; ok: number };
  coUnitsF1: { tp: number; fp: number; fn: number };
  leadersExact: { n: number; ok: number };
}

interface Truth {
  title?: string;
  /** Set where the title is not as the text prints it (restored by hand). */
  titleNote?: string;
  tasks: { number: number; ambiguous?: boolean; complete?: boolean }[];
}

const names = hasCorpus
  ? readdirSync(corpusDir)
      .filter((f) => f.endsWith('.truth.json'))
      .map((f) => f.replace(/\.truth\.json$/, ''))
  : [];
const work = mkdtempSync(join(tmpdir(), 'luoshi-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const scores = new Map<string, Score>();

const titles = new Map<string, string | null>();

async function scoreOf(name: string): Promise<{ score: Score; warnedTasks: Set<number> }> {
  const plan = await importNotice(new Uint8Array(readFileSync(join(corpusDir, `${name}.txt`))));
  const pred = join(work, `${name}.json`);
  writeFileSync(pred, JSON.stringify(plan, null, 2));
  const out = execFileSync('python3', [join(corpusDir, 'score.py'), join(corpusDir, `${name}.truth.json`), pred, '--json'], { encoding: 'utf8' });
  const score = JSON.parse(out) as Score;
  scores.set(name, score);
  titles.set(name, plan.title);
  return { score, warnedTasks: new Set(plan.warnings.filter((w) => w.code === 'host_guess').map((w) => w.task ?? 0)) };
}

describe.runIf(hasCorpus)('the corpus of other governments’ notices', () => {
  it('holds notices with truth files', () => expect(names.length).toBeGreaterThanOrEqual(5));

  for (const name of names) {
    it(`finds every task of ${name} and warns where its lead is ambiguous`, async () => {
      const { score, warnedTasks } = await scoreOf(name);
      expect(score.taskCount.ok, `${score.taskCount.pred} tasks read, truth ${score.taskCount.truth}`).toBe(true);
      const truth = JSON.parse(readFileSync(join(corpusDir, `${name}.truth.json`), 'utf8')) as Truth;
      const ambiguous = truth.tasks.filter((t) => t.ambiguous === true && t.complete !== false).map((t) => t.number);
      for (const n of ambiguous) expect(warnedTasks.has(n), `task ${n} is ambiguous in the notice`).toBe(true);
    });
  }

  it('reads each notice’s title as it prints it', () => {
    for (const name of names) {
      const truth = JSON.parse(readFileSync(join(corpusDir, `${name}.truth.json`), 'utf8')) as Truth;
      if (truth.title === undefined || truth.titleNote !== undefined) continue;
      expect(titles.get(name)?.replace(/\s+/g, ''), name).toBe(truth.title.normalize('NFKC').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）'));
    }
  });

  it('reads host units exactly for 95 % of complete tasks and co-units with F1 ≥ 0.9, over the whole corpus', () => {
    expect(scores.size).toBe(names.length);
    const all = [...scores.values()];
    const hosts = all.reduce((a, s) => ({ n: a.n + s.hostsExact.n, ok: a.ok + s.hostsExact.ok }), { n: 0, ok: 0 });
    const co = all.reduce((a, s) => ({ tp: a.tp + s.coUnitsF1.tp, fp: a.fp + s.coUnitsF1.fp, fn: a.fn + s.coUnitsF1.fn }), { tp: 0, fp: 0, fn: 0 });
    const precision = co.tp / Math.max(1, co.tp + co.fp);
    const recall = co.tp / Math.max(1, co.tp + co.fn);
    const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
    expect(hosts.ok / hosts.n).toBeGreaterThanOrEqual(0.95);
    expect(f1).toBeGreaterThanOrEqual(0.9);
  });
});
