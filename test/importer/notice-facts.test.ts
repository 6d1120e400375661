/**
 * Real notices of other governments, kept outside the repository (their text
 * is not ours to copy): test/importer/notice-facts.json records for each how
 * many tasks it holds and who hosts a few chosen tasks, as a supervising
 * office reads them. Where the texts are present (LUOSHI_NOTICES_DIR, default
 * ../extra-corpus beside the repository) every notice is imported and held against its facts;
 * where they are not (CI), each is skipped with the reason.
 *
 * A notice the importer does not read right yet is marked `knownFailing`: its
 * test passes while the importer still fails it, and fails once the importer
 * reads it right, so that the mark is removed and the gain is kept.
 */
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { importNotice } from '../../src/importer/index.js';
import { checkFacts, factText, loadFacts, type FactCheck, type NoticeFact } from '../../scripts/notice-facts.js';

const facts = loadFacts();

describe('real notices of other governments (facts)', () => {
  it('records each notice whole', () => {
    expect(facts.length).toBeGreaterThanOrEqual(5);
    for (const f of facts) {
      expect(f.sha256, f.file).toMatch(/^[0-9a-f]{64}$/);
      expect(f.completeTasks, f.file).toBeLessThanOrEqual(f.tasksInExcerpt);
      expect(f.chosenTasks.length, f.file).toBeGreaterThan(0);
      expect(f.knownFailing === true, `${f.file}: a knownFailing mark needs its reason`).toBe(Boolean(f.knownFailingReason));
      for (const t of f.chosenTasks) expect(t.number, f.file).toBeLessThanOrEqual(f.completeTasks);
    }
    expect(new Set(facts.map((f) => f.file)).size).toBe(facts.length);
  });

  for (const fact of facts) {
    const text = factText(fact);
    const title = `${fact.file} (${fact.level} ${fact.year}): ${fact.responsibility.slice(0, 60)}…`;
    if ('skip' in text) {
      it.skip(`${title} — skipped: ${text.skip}`, () => undefined);
      continue;
    }
    it(title, async () => {
      const plan = await importNotice(text.bytes);
      const check = checkFacts(plan, fact);
      if (fact.knownFailing) {
        expect(check.passed, `${fact.file} is now read as its facts say: remove its knownFailing mark (${fact.knownFailingReason ?? ''})`).toBe(false);
        return;
      }
      expect(readAs(check, fact)).toEqual(expected(fact));
    });
  }
});

/** What the facts assert, in the shape readAs gives, so that a failure shows what was read against what was due. */
const expected = (fact: NoticeFact): unknown => ({
  countOk: true,
  tasks: fact.chosenTasks.map((t) => ({ number: t.number, ok: true })),
});

const readAs = (check: FactCheck, fact: NoticeFact): unknown => ({
  countOk: check.countOk || `${check.count} tasks, facts say ${fact.completeTasks} or ${fact.tasksInExcerpt}`,
  tasks: check.tasks.map((t) => {
    const ok = t.hostsOk && t.coUnitsOk !== false && t.leadersOk !== false;
    return { number: t.number, ok: ok || { got: t.got, want: fact.chosenTasks.find((c) => c.number === t.number) } };
  }),
});

describe('holding a plan against facts', () => {
  const fact: NoticeFact = {
    file: 'x.txt',
    sha256: '0'.repeat(64),
    sourceUrl: 'https://example.org/',
    issuer: '临河区人民政府',
    level: 'district',
    year: 2025,
    excerpt: true,
    responsibility: 'labelled lines',
    tasksInExcerpt: 3,
    completeTasks: 2,
    aliases: { 规划局: '区规划局' },
    chosenTasks: [
      { number: 1, hostUnits: ['区發改局'], coUnits: ['区财政局', '规划局'] },
      { number: 2, leaders: ['张三'], hostUnits: ['区商务局'], coUnits: ['各街道'], leadUnmarked: true },
    ],
  };
  const planOf = (tasks: { number: number; hostUnits: string[]; coUnits: string[]; leaders: string[] }[], guessed: number[] = [2]): Plan =>
    ({ tasks, warnings: guessed.map((task) => ({ code: 'host_guess', task, line: null, message: '' })) }) as unknown as Plan;

  it('accepts inline pinyin, full-width marks, a unit written short or whole, and either role where the lead is unmarked', () => {
    const plan = planOf([
      { number: 1, hostUnits: ['区發(fā)改局'], coUnits: ['区规划局 ', '区财政局。'], leaders: [] },
      { number: 2, hostUnits: ['各街道'], coUnits: ['区商务局'], leaders: ['张三'] },
      { number: 3, hostUnits: [], coUnits: [], leaders: [] },
    ]);
    expect(checkFacts(plan, fact).passed).toBe(true);
  });

  it('fails a wrong host, a missing task, a wrong leader, a count neither complete nor in the excerpt, and a lead guessed silently', () => {
    const wrongHost = planOf([
      { number: 1, hostUnits: ['区财政局'], coUnits: ['区發改局', '规划局'], leaders: [] },
      { number: 2, hostUnits: ['区商务局'], coUnits: ['各街道'], leaders: ['张三'] },
    ]);
    expect(checkFacts(wrongHost, fact).tasks[0]?.hostsOk).toBe(false);
    const missing = checkFacts(planOf([{ number: 1, hostUnits: ['区發改局'], coUnits: ['区财政局', '规划局'], leaders: [] }]), fact);
    expect([missing.countOk, missing.tasks[1]?.found, missing.passed]).toEqual([false, false, false]);
    const wrongLeader = planOf([
      { number: 1, hostUnits: ['区發改局'], coUnits: ['区财政局', '规划局'], leaders: [] },
      { number: 2, hostUnits: ['区商务局'], coUnits: ['各街道'], leaders: ['李四'] },
    ]);
    expect(checkFacts(wrongLeader, fact).passed).toBe(false);
    const silent = planOf(
      [
        { number: 1, hostUnits: ['区發改局'], coUnits: ['区财政局', '规划局'], leaders: [] },
        { number: 2, hostUnits: ['区商务局'], coUnits: ['各街道'], leaders: ['张三'] },
      ],
      [],
    );
    expect(checkFacts(silent, fact).tasks[1]?.hostsOk, 'a lead the notice leaves open is guessed silently').toBe(false);
  });
});
