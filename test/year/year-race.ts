/**
 * Two people acting on one report at once, after the year: the office opens
 * an ad hoc round for 生态环境分局's task; its liaison and its head edit the
 * draft from the same version at the same moment, and later two clerks of the
 * office, one accepting and one returning the submitted report. Each time
 * exactly one succeeds and the other gets a 409, and the report and its
 * audit trail show only the winner's step.
 *
 * On PostgreSQL the second person works through a second connection pool on
 * the same database, as a second server process would; on SQLite through the
 * same Store (SQLite has one writer at a time).
 */
import { expect } from 'vitest';
import type { Clock } from '../../src/store/unit-of-work.js';
import { AppError } from '../../src/modules/errors.js';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft } from '../../src/modules/report/report-steps.js';
import { getReport, listVisibleReports } from '../../src/modules/report/report.service.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { openStore, type Store } from '../../src/store/connection.js';
import type { DatabaseKind } from '../helpers/databases.js';
import type { World } from './year-world.js';

/** The index of the one fulfilled result and the error of the one rejected. */
function oneEach<T>(results: PromiseSettledResult<T>[]): { winner: number; error: AppError } {
  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  const winner = results.findIndex((r) => r.status === 'fulfilled');
  const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const error: unknown = lost?.reason;
  if (!(error instanceof AppError)) throw error;
  return { winner, error };
}

export async function raceOnOneReport(w: World, url: string, kind: DatabaseKind, clock: Clock): Promise<void> {
  const second: Store = kind === 'postgres' ? openStore(url) : w.store;
  try {
    const { db, office, office2 } = w;
    const ecology = w.story.ecology;
    const liaison = w.liaison(ecology.unitId);
    const head = w.head(ecology.unitId);
    const opened = await roundOpener.open(
      db,
      office,
      { planId: w.planId, kind: 'adhoc', label: '2026 年终专项调度', periodEnd: '2026-12-31', dueOn: '2027-01-08', taskIds: [ecology.task.id] },
      clock,
    );
    expect(opened.reports).toBe(1);
    const [report] = await listVisibleReports(db, office, { roundId: opened.round.id });
    if (!report) throw new Error('no report in the ad hoc round');

    // Two edits from the same version.
    const text = (who: string): string => `${who}：全年燃煤锅炉淘汰任务已完成。`;
    const edit = (who: string) => ({ version: report.version, progress: text(who), confidence: 'on_track' as const });
    const edits = oneEach(
      await Promise.allSettled([updateDraft(db, liaison, report.id, edit('联络员'), clock), updateDraft(second.db, head, report.id, edit('负责人'), clock)]),
    );
    expect({ status: edits.error.status, code: edits.error.code }).toEqual({ status: 409, code: 'version_conflict' });
    const edited = await getReport(db, office, report.id);
    const liaisonWon = edits.winner === 0;
    expect(edited).toMatchObject({
      version: report.version + 1,
      progress: text(liaisonWon ? '联络员' : '负责人'),
      authorId: liaisonWon ? liaison.userId : head.userId,
    });
    expect(edited.events.map((e) => e.action)).toEqual(['edit']);

    // Whoever did not write it approves: the head, or the office when the head wrote it; the head sends it.
    await approveReport(db, liaisonWon ? head : office, report.id, {}, clock);
    await submitReport(db, head, report.id, {}, clock);

    // One clerk accepts while another returns it.
    const reviews = oneEach(
      await Promise.allSettled([
        acceptReport(db, office, report.id, {}, clock),
        returnReport(second.db, office2, report.id, { comment: '请补充佐证材料。' }, clock),
      ]),
    );
    // Refused either for the version it read (both read it at once) or for the state it found (it came second).
    expect(reviews.error.status).toBe(409);
    expect(['version_conflict', 'invalid_state']).toContain(reviews.error.code);
    const accepted = reviews.winner === 0;
    const reviewed = await getReport(db, office, report.id);
    expect(reviewed).toMatchObject(accepted ? { status: 'accepted', returnCount: 0 } : { status: 'returned', returnCount: 1 });
    expect(reviewed.events.map((e) => e.action)).toEqual(['edit', 'approve', 'submit', accepted ? 'accept' : 'return']);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'report')
      .where('object_id', '=', String(report.id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['report.edit', 'report.approve', 'report.submit', accepted ? 'report.accept' : 'report.return']);
  } finally {
    if (second !== w.store) await second.close();
  }
}

/**
 * Two clerks of the office accepting two different reports at the same
 * moment: both must succeed. Ten such pairs, each clerk on their own
 * connection pool on PostgreSQL.
 *
 * On PostgreSQL this once failed with "deadlock detected" in about one pair
 * in five: the audit chain's lock (lockChain in audit.repository.ts) was FOR
 * UPDATE on the government's row, which waits for the KEY SHARE locks that
 * the step's own inserts (foreign keys to the government) hold until commit.
 */
export async function twoClerksAtOnce(w: World, url: string, kind: DatabaseKind, clock: Clock): Promise<void> {
  const second: Store = kind === 'postgres' ? openStore(url) : w.store;
  try {
    const { db, office, office2 } = w;
    const story = new Set(Object.values(w.story).map((s) => s.task.id));
    const taskIds = w.tasks.filter((t) => !story.has(t.id) && t.hostUnits.some((u) => !w.groups.has(u.id))).map((t) => t.id);
    const opened = await roundOpener.open(
      db,
      office,
      { planId: w.planId, kind: 'adhoc', label: '2026 年终核查', periodEnd: '2026-12-31', dueOn: '2027-01-08', taskIds },
      clock,
    );
    const hosts = (await listVisibleReports(db, office, { roundId: opened.round.id })).filter((r) => r.role === 'host').slice(0, 20);
    expect(hosts).toHaveLength(20);
    for (const r of hosts) {
      const written = await updateDraft(
        db,
        w.liaison(r.unitId),
        r.id,
        { version: r.version, progress: '年终核查：各项工作已完成。', confidence: 'on_track' },
        clock,
      );
      await approveReport(db, w.head(r.unitId), written.id, {}, clock);
      await submitReport(db, w.head(r.unitId), written.id, {}, clock);
    }
    const failures: string[] = [];
    for (let i = 0; i < hosts.length; i += 2) {
      const [a, b] = [hosts[i], hosts[i + 1]];
      if (!a || !b) break;
      const results = await Promise.allSettled([acceptReport(db, office, a.id, {}, clock), acceptReport(second.db, office2, b.id, {}, clock)]);
      for (const r of results) if (r.status === 'rejected') failures.push(r.reason instanceof Error ? r.reason.message : String(r.reason));
    }
    expect(failures).toEqual([]);
    const statuses = await Promise.all(hosts.map(async (r) => (await getReport(db, office, r.id)).status));
    expect(new Set(statuses)).toEqual(new Set(['accepted']));
  } finally {
    if (second !== w.store) await second.close();
  }
}
