/**
 * A ledger exported here reads back through the importer's .xlsx front end
 * into the same plan: the seed and the project's sample notice, imported and
 * committed, exported, and imported again give the same tasks (numbers,
 * texts, sections, leaders, host and co-units, deadlines, targets) and the
 * same plan identity, so that committing it revises the plan rather than
 * creating another. The export reads a plan in a fixed number of queries.
 */
import { readFileSync } from 'node:fs';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import type { Plan } from '../../../src/domain/plan.js';
import { importNotice } from '../../../src/importer/index.js';
import { exportLedger } from '../../../src/modules/ledger/ledger-export.service.js';
import { commitImport } from '../../../src/modules/plan/plan.service.js';
import type { Store } from '../../../src/store/connection.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { hasSeed, samplePath, seedPath } from '../../helpers/paths.js';
import { freshActor, openMigrated } from '../store-fixture.js';

/** What a task is, without where the source put it (line) or how the importer decided the hosts. */
const essence = (plan: Plan) =>
  plan.tasks.map((t) => ({
    number: t.number,
    section: t.section,
    sectionTitle: plan.sections.find((s) => s.number === t.section)?.title ?? null,
    text: t.text,
    leaders: t.leaders,
    hostUnits: t.hostUnits,
    coUnits: t.coUnits,
    deadline: t.deadline,
    deadlineText: t.deadlineText,
    targets: t.targets,
    projects: t.projects,
  }));

const identity = (plan: Plan) => ({ title: plan.title, year: plan.year, docNumber: plan.docNumber, issuer: plan.issuer });

describeEachDatabase('the ledger round trip', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => {
    await store.close();
  });

  async function roundTrip(path: string, name: string, tasks: number, bySection = false): Promise<void> {
    const actor: Actor = await freshActor(store, `${name}政府`);
    const bytes = new Uint8Array(readFileSync(path));
    const original = await importNotice(bytes);
    expect(original.tasks).toHaveLength(tasks);
    const committed = await commitImport(store, actor, { fileName: name, bytes });
    const ledger = await exportLedger(store.db, actor, { planId: committed.planId, bySection, asOf: '2026-03-31' });
    const again = await importNotice(ledger.bytes);

    expect(again.tasks).toHaveLength(tasks);
    expect(essence(again)).toEqual(essence(original));
    expect(identity(again)).toEqual(identity(original));
    // The headline-target section holds no task: the ledger has no row for it.
    expect(again.sections).toEqual(original.sections.filter((s) => original.tasks.some((t) => t.section === s.number)));
    expect(again.warnings.filter((w) => w.code === 'numbering_duplicate' || w.code === 'numbering_gap')).toEqual([]);

    // Committed again, the ledger revises the same plan and changes no task.
    const back = await commitImport(store, actor, { fileName: `${name}.xlsx`, bytes: ledger.bytes });
    expect(back.planId).toBe(committed.planId);
    expect(back.diff.tasks).toMatchObject({ added: [], changed: [], removed: [] });
  }

  it.runIf(hasSeed)('gives back the seed’s 39 tasks with their owners, deadlines and targets', { timeout: 60_000 }, async () => {
    await roundTrip(seedPath, 'seed.txt', 39);
  });

  it('gives back the sample notice’s tasks, also from the workbook with one sheet per section', { timeout: 60_000 }, async () => {
    await roundTrip(samplePath('notice.txt'), 'notice.txt', 24, true);
  });

  it('reads a plan in the same number of queries whatever its size', { timeout: 60_000 }, async () => {
    const queriesFor = async (path: string, name: string): Promise<{ tasks: number; queries: number }> => {
      const actor = await freshActor(store, `${name}计数政府`);
      const bytes = new Uint8Array(readFileSync(path));
      const { planId } = await commitImport(store, actor, { fileName: name, bytes });
      let queries = 0;
      const counting: KyselyPlugin = {
        transformQuery: (args) => {
          queries += 1;
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      };
      const out = await exportLedger(store.db.withPlugin(counting), actor, { planId, asOf: '2026-03-31' });
      return { tasks: out.tasks, queries };
    };
    const small = await queriesFor(samplePath('notice.docx'), 'notice.docx');
    const large = await queriesFor(samplePath('notice.xlsx'), 'notice.xlsx');
    const seed = hasSeed ? await queriesFor(seedPath, 'seed.txt') : large;
    expect(seed.tasks).toBeGreaterThanOrEqual(large.tasks);
    expect(new Set([small.queries, large.queries, seed.queries]).size).toBe(1);
    // One query per kind of input, read as known on the date (targets then, their revisions, owners, figures, reports,
    // open orders for the reasons…).
    expect(small.queries).toBeLessThanOrEqual(26);
  });
});
