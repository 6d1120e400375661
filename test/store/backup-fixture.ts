/** Shared pieces of the backup tests: a database with rows in every table, and its contents as plain data. */
import { sql, type Kysely } from 'kysely';
import { systemActor } from '../../src/domain/actor.js';
import { appendAudit } from '../../src/modules/audit/audit.repository.js';
import { assignTask } from '../../src/modules/assignment/assignment.service.js';
import { addGovernment } from '../../src/modules/government/government-tree.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { planImporter } from '../../src/modules/plan/plan-importer.js';
import { updateDraft } from '../../src/modules/report/report-steps.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { insertSession, recordLoginAttempt } from '../../src/modules/session/session.repository.js';
import { insertUnit, replaceGroupMembers, setAlias } from '../../src/modules/unit/unit.repository.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { sm3 } from '../../src/crypto/index.js';
import { readBackup, type Cell } from '../../src/store/backup-format.js';
import type { Store } from '../../src/store/connection.js';
import { openDatabase } from '../../src/startup/open.js';
import type { Database } from '../../src/store/schema.js';
import { TABLE_SPECS, TABLES, type TableName } from '../../src/store/tables.js';
import { nowIso } from '../../src/store/tx.js';
import { readNotice } from '../modules/store-fixture.js';
import { samplePath } from '../helpers/paths.js';
import { dashboard } from '../../src/modules/dashboard/dashboard.service.js';

export const QUIET = { adminPassword: 'Adm1n-Test-Passw0rd', notice: () => undefined };

/**
 * A database as Luoshi leaves it after some use: the government and its first
 * administrator, the sample notice imported (units, leaders, plan, tasks,
 * targets, projects), a unit group, an alias, a liaison, a session, login
 * attempts, a reporting round with a draft holding a value, and the audit
 * rows all of that wrote; and a row in each table of the supervision cycle
 * (settings, schedule, work plan, attachment, extension, notification and its
 * delivery, order, aggregates), written directly: the backup must carry every
 * table whatever wrote it.
 */
export async function seedDatabase(url: string): Promise<{ governmentId: number }> {
  const { store, governmentId } = await openDatabase(url, QUIET);
  try {
    const actor = systemActor(governmentId, 'test-operator');
    const notice = await readNotice(samplePath('notice.txt'));
    await store.db.transaction().execute((trx) => planImporter.commit(trx, actor, notice.plan, notice.source));
    const now = nowIso();
    await store.db.transaction().execute(async (trx) => {
      const towns = [await insertUnit(trx, governmentId, '东关街道', 'town', now), await insertUnit(trx, governmentId, '西湖镇', 'town', now)];
      const group = await insertUnit(trx, governmentId, '备份测试各镇街', 'group', now);
      await replaceGroupMembers(trx, governmentId, group, towns);
      await setAlias(trx, governmentId, '东关', towns[0] ?? 0, undefined);
      await appendAudit(trx, actor, { action: 'unit.update', objectType: 'unit', objectId: group, after: { members: towns } });
    });
    const liaison = await createUser(store.db, actor, {
      username: 'liaison1',
      role: 'liaison',
      unitName: '东关街道',
      password: 'Lu0shi-Str0ng-pass',
      displayName: '联络员甲',
    });
    await insertSession(store.db, {
      id: sm3('a session token'),
      government_id: governmentId,
      user_id: liaison.id,
      csrf_token: 'csrf',
      created_at: now,
      last_seen_at: now,
      ip: '10.0.0.8',
      user_agent: 'Mozilla/5.0（测试）',
    });
    await recordLoginAttempt(store.db, { governmentId, username: 'liaison1', at: now, success: true, ip: '10.0.0.8' });
    await recordLoginAttempt(store.db, { governmentId: null, username: 'nobody', at: now, success: false, ip: null });
    const plan = await store.db.selectFrom('plans').select('id').where('government_id', '=', governmentId).executeTakeFirstOrThrow();
    // A county below the government, a task handed down to it with a share of its first target, and one of the
    // county's tasks taking it up (ADR 0031).
    await addGovernment(store.db, actor, { name: '备份测试市人民政府' });
    const county = await addGovernment(store.db, actor, { name: '备份测试县人民政府', parentName: '备份测试市人民政府' });
    const [upper] = await listTasks(store.db, governmentId, { planId: plan.id });
    if (!upper) throw new Error('the sample notice has no task');
    const [share] = upper.targets;
    const assigned = await assignTask(store.db, actor, upper.id, {
      governmentIds: [county.id],
      ...(share ? { shares: [{ targetId: share.id, governmentId: county.id, value: share.value ?? 1 }] } : {}),
    });
    const assignment = assigned.items[0];
    if (!assignment) throw new Error('the task was not handed down');
    await store.db
      .insertInto('task_links')
      .values({ government_id: county.id, assignment_id: assignment.id, task_id: assignment.taskId, confirmed_by: null, confirmed_at: now })
      .execute();
    const { round } = await roundOpener.open(store.db, actor, {
      planId: plan.id,
      kind: 'monthly',
      label: '2026-03',
      periodEnd: '2026-03-31',
      dueOn: '2026-04-05',
    });
    const target = await store.db
      .selectFrom('targets')
      .innerJoin('reports', 'reports.task_id', 'targets.task_id')
      .select(['targets.id as targetId', 'reports.id as reportId'])
      .where('reports.round_id', '=', round.id)
      .orderBy('reports.id')
      .executeTakeFirstOrThrow();
    await updateDraft(store.db, actor, target.reportId, {
      version: 1,
      progress: '项目已开工。',
      confidence: 'on_track',
      values: [{ targetId: target.targetId, value: 12.5 }],
    });
    await seedSupervision(store.db, {
      governmentId,
      planId: plan.id,
      roundId: round.id,
      reportId: target.reportId,
      targetId: target.targetId,
      userId: liaison.id,
    });
    // A kept dashboard (ADR 0033): its snapshot and the lights of its tasks.
    await dashboard(store.db, actor, { planId: plan.id, asOf: '2026-06-30' });
    return { governmentId };
  } finally {
    await store.close();
  }
}

interface SupervisionIds {
  governmentId: number;
  planId: number;
  roundId: number;
  reportId: number;
  targetId: number;
  userId: number;
}

async function seedSupervision(db: Kysely<Database>, ids: SupervisionIds): Promise<void> {
  const { governmentId: government_id, planId: plan_id, reportId: report_id, targetId: target_id, userId: user_id } = ids;
  const now = nowIso();
  const report = await db.selectFrom('reports').select(['task_id', 'unit_id']).where('id', '=', report_id).executeTakeFirstOrThrow();
  const { task_id, unit_id } = report;
  const town = await db.selectFrom('units').select('id').where('name', '=', '东关街道').executeTakeFirstOrThrow();
  await db
    .insertInto('plan_settings')
    .values({ government_id, plan_id, settings: JSON.stringify({ status: { yellowBehind: 12.5 } }), updated_by: null, updated_at: now })
    .execute();
  await db
    .insertInto('government_profiles')
    .values({ government_id, name: '青川市临河区人民政府', region: '临河区', office: '青川市临河区人民政府办公室', source: 'notice', updated_at: now })
    .execute();
  await db.insertInto('schedules').values({ government_id, plan_id, task_id: null, kind: 'monthly', due_day: 25, created_at: now, updated_at: now }).execute();
  const plan = await db
    .insertInto('work_plans')
    .values({
      government_id,
      task_id,
      unit_id,
      revision: 1,
      status: 'approved',
      measures: '一、细化措施：\n分季度推进。',
      co_parts: '[]',
      author_id: user_id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const milestone = await db
    .insertInto('work_plan_milestones')
    .values({ government_id, work_plan_id: plan.id, position: 1, due_on: '2026-06-30', title: '主体工程开工', unit_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('work_plan_values')
    .values({ government_id, work_plan_id: plan.id, target_id, period_end: '2026-06-30', value: 0.1 + 0.2 })
    .execute();
  await db.insertInto('report_milestones').values({ government_id, report_id, milestone_id: milestone.id, reached_on: '2026-03-20' }).execute();
  await db
    .insertInto('attachments')
    .values({
      government_id,
      report_id,
      file_name: '现场照片.png',
      media_type: 'image/png',
      size: 1024,
      checksum: sm3('photo'),
      uploaded_by: user_id,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('extension_requests')
    .values({
      government_id,
      task_id,
      unit_id,
      requested_by: user_id,
      reason: '受汛期影响',
      from_deadline: null,
      to_deadline: '2026-09-30',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const note = await db
    .insertInto('notifications')
    .values({ government_id, user_id, kind: 'reminder_before', title: '报告即将截止', dedupe_key: `due-before:${report_id}:3`, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('deliveries')
    .values({ government_id, notification_id: note.id, channel: 'webhook', address: 'https://im.example.gov.cn/hook', last_error: '连接超时', created_at: now })
    .execute();
  await db
    .insertInto('orders')
    .values({
      government_id,
      plan_id,
      task_id,
      unit_id,
      serial: 1,
      grade: 'blue',
      reason: '逾期未报送',
      source: 'rule',
      rule_key: `overdue:${report_id}`,
      issued_by: null,
      issued_at: now,
      respond_by: '2026-04-12',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('target_progress')
    .values({ government_id, target_id, plan_id, task_id, value: -3.25, period_end: '2026-03-31', report_id, updated_at: now })
    .execute();
  await db
    .insertInto('task_progress')
    .values({
      government_id,
      task_id,
      plan_id,
      confidence: 'at_risk',
      confidence_reason: '资金未到位',
      report_id,
      period_end: '2026-03-31',
      reported_at: now,
      updated_at: now,
    })
    .execute();
  await db.insertInto('unit_punctuality').values({ government_id, plan_id, unit_id: town.id, owed: 3, on_time: 2, late: 1, returned: 0 }).execute();
  await db.insertInto('task_lights').values({ government_id, plan_id, task_id, as_of: '2026-03-31', round_id: ids.roundId, light: 'yellow' }).execute();
  await db.insertInto('target_owners').values({ government_id, target_id, unit_id: town.id }).execute();
  const change = await db
    .insertInto('target_change_requests')
    .values({
      government_id,
      task_id,
      op: 'edit',
      change: JSON.stringify({ op: 'edit', targetId: target_id, fields: { measured: false } }),
      before: JSON.stringify([{ id: target_id, version: 1, metric: '营收', measured: true }]),
      reason: '属长远目标，不按时序进度衡量',
      status: 'approved',
      proposed_by: user_id,
      decided_by: user_id,
      decided_at: now,
      decision_comment: '同意',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('target_change_events')
    .values({ government_id, request_id: change.id, at: now, actor_user_id: user_id, action: 'propose', comment: '属长远目标，不按时序进度衡量' })
    .execute();
  await db
    .insertInto('target_revisions')
    .values({
      government_id,
      task_id,
      target_id,
      at: now,
      actor_user_id: user_id,
      change: 'rename',
      before: JSON.stringify({ metric: '营收' }),
      after: JSON.stringify({ metric: '新能源产业营收' }),
      reason: '指标名称补全产业',
      request_id: null,
    })
    .execute();
  await db
    .insertInto('bulletins')
    .values({
      government_id,
      plan_id,
      period: '2026-Q1',
      as_of: '2026-03-31',
      status: 'issued',
      serial: 1,
      title: '关于2026年第一季度政府工作报告重点任务推进情况的通报',
      content: JSON.stringify({ title: '关于2026年第一季度政府工作报告重点任务推进情况的通报', lagging: [{ number: 3, title: '推进“一网通办”' }] }),
      remarks: '请各单位对照问题清单抓紧整改。',
      docx_checksum: sm3('bulletin'),
      docx_size: 20480,
      pdf_checksum: null,
      pdf_size: null,
      created_by: user_id,
      created_at: now,
      issued_by: user_id,
      issued_at: now,
      updated_at: now,
    })
    .execute();
}

/** A unit and its audit row, in one transaction: a backup must hold both or neither. */
export async function writeUnitWithAudit(store: Store, governmentId: number, n: number): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const name = `备份期间新增单位${n}`;
    const id = await insertUnit(trx, governmentId, name, 'department', nowIso());
    await appendAudit(trx, systemActor(governmentId, 'writer'), { action: 'unit.create', objectType: 'unit', objectId: id, after: { name } });
  });
}

export type Dump = Record<TableName, Cell[][]>;

/** Rows sorted by their JSON text, so that the two databases' collations do not matter. */
const sorted = (rows: Cell[][]): Cell[][] =>
  rows
    .map((r) => ({ r, k: JSON.stringify(r) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.r);

/** Every row of every table, columns in tables.ts order. */
export async function dumpDatabase(db: Kysely<Database>): Promise<Dump> {
  const out = {} as Dump;
  for (const table of TABLES) {
    const columns: readonly string[] = TABLE_SPECS[table].columns;
    const r = await sql<Record<string, Cell>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(db);
    out[table] = sorted(r.rows.map((row) => columns.map((c) => row[c] ?? null)));
  }
  return out;
}

/** The rows a backup file holds, in the same shape as dumpDatabase. */
export async function dumpFile(file: string): Promise<Dump> {
  const out = {} as Dump;
  let order: number[] = [];
  for await (const event of readBackup(file)) {
    if (event.kind === 'table') {
      const columns: readonly string[] = TABLE_SPECS[event.table].columns;
      order = columns.map((c) => event.columns.indexOf(c));
      out[event.table] = [];
    } else if (event.kind === 'row') {
      out[event.table].push(order.map((i) => event.values[i] ?? null));
    }
  }
  for (const table of TABLES) out[table] = sorted(out[table]);
  return out;
}

export const rowCount = (dump: Dump): number => Object.values(dump).reduce((n, rows) => n + rows.length, 0);
