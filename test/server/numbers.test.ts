/**
 * Numbers through the API, on SQLite and on PostgreSQL: a report value of
 * 1e999 (Infinity once parsed) or 1.7e308 is refused with the field and its
 * range; after a normal report is accepted the plan-wide views answer; a
 * stored figure broken behind the application's back marks its one task a
 * data error while every plan-wide view still answers; the office voids an
 * accepted report and the figures go back to the report accepted before it.
 */
import { expect, it } from 'vitest';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { supervisionTick } from '../../src/jobs/tick.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { CHINESE, call, errorOf, signInEveryone, useApiFixture, type ApiFixture, type PersonKey, type Session } from './api-fixture.js';

interface ReportDetail {
  id: number;
  status: string;
  version: number;
  allowedActions: string[];
  events: { action: string; comment: string | null }[];
}
interface TaskStatus {
  source: string;
  dataError: string | null;
  targets: { targetId: number; actual: number | null; reason: string | null; light: string }[];
}
interface Dashboard {
  tasks: { taskId: number; source: string; dataError: string | null; light: string }[];
}

/** A target of task a with a comparable value, read behind the API. */
async function targetOfTaskA(fx: ApiFixture): Promise<number> {
  const row = await fx.store.db
    .selectFrom('targets')
    .select('id')
    .where('task_id', '=', fx.tasks.a.id)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .executeTakeFirst();
  if (!row) throw new Error('task a of the sample notice has no target');
  return row.id;
}

/** The liaison's draft with one figure as raw JSON text, so that 1e999 reaches the server as written. */
function patchRaw(fx: ApiFixture, who: Session, reportId: number, json: string) {
  return fx.app.inject({
    method: 'PATCH',
    url: `/api/reports/${reportId}`,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
    payload: json,
  });
}

describeEachDatabase('numbers', (getUrl) => {
  const fixture = useApiFixture(getUrl);
  let s: Record<PersonKey | 'admin', Session>;
  let targetId: number;
  let secondReport: number;

  const report = async (id: number): Promise<ReportDetail> => (await call(fixture().app, s.office, 'GET', `/api/reports/${id}`)).json<ReportDetail>();
  const taskStatus = async (): Promise<TaskStatus> => {
    const res = await call(fixture().app, s.office, 'GET', `/api/tasks/${fixture().tasks.a.id}/status`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TaskStatus>();
  };
  const actual = async (): Promise<number | null> => (await taskStatus()).targets.find((t) => t.targetId === targetId)?.actual ?? null;

  /** Drafts, approves, submits and accepts a host report of unit A with one figure. */
  async function acceptWith(reportId: number, value: number): Promise<void> {
    const fx = fixture();
    const step = async (who: Session, path: string, body: Record<string, unknown>): Promise<void> => {
      const res = await call(fx.app, who, path === '' ? 'PATCH' : 'POST', `/api/reports/${reportId}${path}`, {
        version: (await report(reportId)).version,
        ...body,
      });
      expect(res.statusCode, `${path || 'edit'}: ${res.body}`).toBe(200);
    };
    await step(s.liaisonA, '', { progress: '完成年度任务的三成。', confidence: 'on_track', values: [{ targetId, value }] });
    await step(s.headA, '/approve', {});
    await step(s.headA, '/submit', {});
    await step(s.office, '/accept', {});
  }

  it('refuses a report value of 1e999 or 1.7e308 with 400, naming the field and its range', async () => {
    const fx = fixture();
    s = await signInEveryone(fx.app);
    targetId = await targetOfTaskA(fx);
    const version = (await report(fx.reports.a)).version;
    for (const raw of ['1e999', '-1e999', '1.7e308', '1000000000001']) {
      const res = await patchRaw(fx, s.liaisonA, fx.reports.a, `{"version":${version},"values":[{"targetId":${targetId},"value":${raw}}]}`);
      expect(res.statusCode, `${raw}: ${res.body}`).toBe(400);
      expect(errorOf(res).code).toBe('invalid_request');
      expect(errorOf(res).message).toMatch(CHINESE);
      expect(errorOf(res).message).toContain('values.0.value');
      expect(errorOf(res).message).toContain('1万亿');
    }
    const values = await fx.store.db.selectFrom('report_values').select('value').where('report_id', '=', fx.reports.a).execute();
    expect(values, 'nothing was written').toEqual([]);
    const ok = await patchRaw(fx, s.liaisonA, fx.reports.a, `{"version":${version},"values":[{"targetId":${targetId},"value":1e12}]}`);
    expect(ok.statusCode, 'the limit itself is a figure').toBe(200);
  });

  it('refuses an id past the database integer (not a 500 from the database), and 1e999 as an id', async () => {
    const fx = fixture();
    const past = await call(fx.app, s.office, 'GET', '/api/reports/3000000000');
    expect(past.statusCode, past.body).toBe(400);
    expect(errorOf(past).message).toContain('2147483647');
    for (const url of ['/api/tasks/1e999/status', `/api/dashboard?planId=1e999`]) {
      const res = await call(fx.app, s.office, 'GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(errorOf(res).message).toMatch(CHINESE);
    }
  });

  it('refuses settings numbers out of their ranges, naming the range', async () => {
    const fx = fixture();
    const settings = await call(fx.app, s.office, 'PUT', `/api/plans/${fx.planId}/settings`, { version: 0, status: { yellowBehind: 1e308 } });
    expect(settings.statusCode, settings.body).toBe(400);
    expect(errorOf(settings).message).toContain('status.yellowBehind');
    expect(errorOf(settings).message).toContain('0 至 100');
    const scoring = await call(fx.app, s.office, 'PUT', `/api/plans/${fx.planId}/settings`, { version: 0, scoring: { base: -5000 } });
    expect(scoring.statusCode, scoring.body).toBe(400);
    expect(errorOf(scoring).message).toContain('-1000 至 1000');
  });

  it('after a report is approved, submitted and accepted, the dashboard, ledger export and assessment answer 200', async () => {
    const fx = fixture();
    await acceptWith(fx.reports.a, 120);
    expect(await actual()).toBe(120);
    for (const url of [`/api/dashboard?planId=${fx.planId}`, `/api/ledger.xlsx?planId=${fx.planId}`, `/api/assessment?planId=${fx.planId}`]) {
      const res = await call(fx.app, s.office, 'GET', url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    }
  });

  it('a stored figure that is not one marks its task a data error; the plan-wide views still answer', async () => {
    const fx = fixture();
    for (const [i, bad] of [Number.POSITIVE_INFINITY, 1.7e308, -1e13].entries()) {
      // The accepted report's stored figure itself, which the lights read. Written behind the application's back, it
      // leaves the audit head (the dashboard's cache key) as it was: each pass asks about another (future) date.
      await fx.store.db.updateTable('report_values').set({ value: bad }).where('target_id', '=', targetId).execute();

      const status = await taskStatus();
      expect(status.source, String(bad)).toBe('data_error');
      expect(status.dataError).toMatch(CHINESE);
      expect(status.targets.find((t) => t.targetId === targetId)).toMatchObject({ actual: null, reason: 'data_error', light: 'none' });

      const dashboard = await call(fx.app, s.office, 'GET', `/api/dashboard?planId=${fx.planId}&asOf=2099-01-0${i + 1}`);
      expect(dashboard.statusCode, dashboard.body).toBe(200);
      const tasks = dashboard.json<Dashboard>().tasks;
      expect(tasks.find((t) => t.taskId === fx.tasks.a.id)).toMatchObject({ source: 'data_error' });
      expect(
        tasks.filter((t) => t.source === 'data_error').map((t) => t.taskId),
        'only that task',
      ).toEqual([fx.tasks.a.id]);

      for (const url of [`/api/ledger.xlsx?planId=${fx.planId}`, `/api/assessment?planId=${fx.planId}`, `/api/tasks/${fx.tasks.b.id}/status`]) {
        const res = await call(fx.app, s.office, 'GET', url);
        expect(res.statusCode, `${url} with ${bad}: ${res.body.slice(0, 300)}`).toBe(200);
      }
    }
    const bulletin = await call(fx.app, s.office, 'POST', '/api/bulletins', { planId: fx.planId, period: '2026-03' });
    expect(bulletin.statusCode, bulletin.body).toBeLessThan(300);

    const tick = await supervisionTick(fx.store.db, fx.governmentId, '2026-04-20');
    expect(tick.asOf).toBe('2026-04-20');
    const round = (await call(fx.app, s.office, 'GET', `/api/rounds?planId=${fx.planId}`)).json<{ items: { id: number; version: number }[] }>();
    const open = round.items.find((r) => r.id === fx.roundId);
    if (!open) throw new Error('the fixture round is not listed');
    const closed = await call(fx.app, s.office, 'POST', `/api/rounds/${fx.roundId}/close`, { version: open.version });
    expect(closed.statusCode, closed.body).toBe(200);

    await fx.store.db.updateTable('report_values').set({ value: 120 }).where('target_id', '=', targetId).execute();
    expect((await taskStatus()).dataError).toBeNull();
  });

  it('the office voids an accepted report with its reason: 403 to others, 400 without a reason, audited, figures back to the report before', async () => {
    const fx = fixture();
    const opened = await roundOpener.open(fx.store.db, fx.operator, {
      planId: fx.planId,
      kind: 'monthly',
      label: '2026-04',
      periodEnd: '2026-04-30',
      dueOn: '2026-05-05',
    });
    const row = await fx.store.db
      .selectFrom('reports')
      .select('id')
      .where('round_id', '=', opened.round.id)
      .where('task_id', '=', fx.tasks.a.id)
      .where('unit_id', '=', fx.units.a.id)
      .executeTakeFirstOrThrow();
    secondReport = row.id;
    await acceptWith(secondReport, 9e11);
    expect(await actual()).toBe(9e11);

    const before = await report(secondReport);
    expect(before.allowedActions, 'the office is offered the step').toContain('report.review');
    const liaisonView = (await call(fx.app, s.liaisonA, 'GET', `/api/reports/${secondReport}`)).json<ReportDetail>();
    expect(liaisonView.allowedActions).not.toContain('report.review');

    for (const who of ['liaisonA', 'headA', 'leader'] as const) {
      const res = await call(fx.app, s[who], 'POST', `/api/reports/${secondReport}/void`, { version: before.version, reason: '数值填报错误。' });
      expect(res.statusCode, who).toBe(403);
    }
    const missing = await call(fx.app, s.office, 'POST', `/api/reports/${secondReport}/void`, { version: before.version });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).message).toMatch(CHINESE);
    const blank = await call(fx.app, s.office, 'POST', `/api/reports/${secondReport}/void`, { version: before.version, reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(errorOf(blank).message).toContain('原因');
    expect((await report(secondReport)).status, 'nothing changed').toBe('accepted');

    const voided = await call(fx.app, s.office, 'POST', `/api/reports/${secondReport}/void`, {
      version: before.version,
      reason: '数值多填了三位，作废后重新报送。',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    const after = voided.json<ReportDetail>();
    expect(after.status).toBe('voided');
    expect(after.events.at(-1)).toMatchObject({ action: 'void', comment: '数值多填了三位，作废后重新报送。' });

    const audit = await fx.store.db
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'after', 'actor_user_id'])
      .where('action', '=', 'report.void')
      .where('object_id', '=', String(secondReport))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(fx.userIds.office);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ status: 'voided', reason: '数值多填了三位，作废后重新报送。' });

    expect(await actual(), 'the report accepted before counts again').toBe(120);
    const again = await call(fx.app, s.office, 'POST', `/api/reports/${secondReport}/void`, { version: after.version, reason: '再次作废。' });
    expect(again.statusCode).toBe(409);
  });

  it('voiding the only accepted report leaves the target without a figure', async () => {
    const fx = fixture();
    const first = await report(fx.reports.a);
    const res = await call(fx.app, s.office, 'POST', `/api/reports/${fx.reports.a}/void`, { version: first.version, reason: '报告内容与实际不符。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await actual()).toBeNull();
    const assessment = await call(fx.app, s.office, 'GET', `/api/assessment?planId=${fx.planId}`);
    expect(assessment.statusCode).toBe(200);
  });
});
