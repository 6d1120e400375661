/**
 * The write benchmark's set-up, run once per database after the import and
 * before the server starts: an ad hoc round is opened on the newest plan
 * (one draft report per responsible unit and task, as the office's round
 * does), and for N draft reports of N different units a liaison account of
 * that unit is made with the given password. Prints one JSON line:
 * [{ username, reportId }].
 *
 *   node --import tsx bench/api/report-fixture.ts DB_URL PASSWORD N
 */
import { systemActor } from '../../src/domain/actor.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { openDatabase } from '../../src/startup/open.js';

const [url, password, countText] = process.argv.slice(2);
if (!url || !password || !countText) throw new Error('usage: report-fixture.ts DB_URL PASSWORD N');
const count = Number(countText);

const { store, governmentId } = await openDatabase(url, { adminUsername: 'admin', adminPassword: password, notice: () => undefined });
try {
  const db = store.db;
  const operator = systemActor(governmentId, 'bench');
  const plan = await db.selectFrom('plans').select('id').where('government_id', '=', governmentId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const { round } = await roundOpener.open(db, operator, { planId: plan.id, kind: 'adhoc', label: '压力测试', periodEnd: '2026-06-30', dueOn: '2026-07-05' });
  const reports = await db
    .selectFrom('reports')
    .innerJoin('units', 'units.id', 'reports.unit_id')
    .select(['reports.id as id', 'units.name as unit'])
    .where('reports.round_id', '=', round.id)
    .orderBy('reports.id')
    .execute();
  const chosen: { username: string; reportId: number }[] = [];
  const units = new Set<string>();
  for (const report of reports) {
    if (chosen.length === count) break;
    if (units.has(report.unit)) continue;
    units.add(report.unit);
    const username = `bench_${chosen.length + 1}`;
    await createUser(db, operator, { username, role: 'liaison', unitName: report.unit, password });
    chosen.push({ username, reportId: report.id });
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} units owe reports in the round, fewer than ${count}`);
  process.stdout.write(`${JSON.stringify(chosen)}\n`);
} finally {
  await store.close();
}
