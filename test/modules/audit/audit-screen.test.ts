/**
 * The auditor's view of the log on both databases: filters by who, what and when (days in Beijing), paging, the
 * export as Excel-safe CSV, and the check of the chain; nobody but the auditor reads any of it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { appendAudit } from '../../../src/modules/audit/audit.repository.js';
import { auditExport, auditPage, verifyAudit } from '../../../src/modules/audit/audit.service.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { actorOf } from '../../../src/modules/session/session.service.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import type { OpenedDatabase } from '../../../src/startup/open.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { GOOD_PASSWORD, openTestDatabase, operator } from '../support.js';

describeEachDatabase('the audit screen', (getUrl) => {
  let opened: OpenedDatabase;
  let auditor: Actor;
  let clerk: Actor;
  const db = () => opened.store.db;

  beforeAll(async () => {
    opened = await openTestDatabase(getUrl());
    const op = operator(opened.governmentId);
    auditor = actorOf(await createUser(db(), op, { username: 'sj.audit', role: 'auditor', password: GOOD_PASSWORD }), '10.0.0.9');
    clerk = actorOf(await createUser(db(), op, { username: 'dcs.clerk', role: 'office', password: GOOD_PASSWORD }), '10.0.0.7');
    // Beijing's 2026-03-01 runs from 2026-02-28T16:00Z to 2026-03-01T16:00Z.
    const rows: [string, string, string, string][] = [
      ['2026-02-28T15:59:59.000Z', 'task.update', 'task', '=HYPERLINK("http://example.invalid")'],
      ['2026-02-28T16:00:00.000Z', 'task.update', 'task', '第一条'],
      ['2026-03-01T15:59:59.000Z', 'report.accept', 'report', '第二条'],
      ['2026-03-01T16:00:00.000Z', 'taskx.odd', 'task', '第三条'],
    ];
    for (const [at, action, objectType, note] of rows) {
      await db()
        .transaction()
        .execute((trx) => appendAudit(trx, clerk, { action, objectType, objectId: note, after: { note } }, () => new Date(at)));
    }
  });
  afterAll(async () => {
    await opened.store.close();
  });

  it('filters by day in Beijing, both ends included', async () => {
    const page = await auditPage(db(), auditor, { from: '2026-03-01', to: '2026-03-01' });
    expect(page.rows.map((r) => r.object_id)).toEqual(['第二条', '第一条']);
    expect(page.total).toBe(2);
  });

  it('filters by an action or its leading part, never a longer word that starts alike', async () => {
    const task = await auditPage(db(), auditor, { action: 'task' });
    expect(task.rows.map((r) => r.action)).toEqual(['task.update', 'task.update']);
    expect((await auditPage(db(), auditor, { action: 'report.accept' })).total).toBe(1);
    expect((await auditPage(db(), auditor, { objectType: 'task' })).total).toBe(3);
  });

  it('filters by who, and pages newest first by sequence number', async () => {
    const first = await auditPage(db(), auditor, { user: 'dcs.clerk', limit: 3 });
    expect(first.total).toBe(4);
    expect(first.rows.map((r) => r.object_id)).toEqual(['第三条', '第二条', '第一条']);
    const next = await auditPage(db(), auditor, { user: 'dcs.clerk', limit: 3, beforeSeq: first.rows[2]?.seq ?? 0 });
    expect(next.rows.map((r) => r.object_id)).toEqual(['=HYPERLINK("http://example.invalid")']);
    expect((await auditPage(db(), auditor, { user: 'nobody' })).total).toBe(0);
  });

  it('refuses a range that ends before it starts, in Chinese', async () => {
    await expect(auditPage(db(), auditor, { from: '2026-03-02', to: '2026-03-01' })).rejects.toThrow('起始日期不能晚于截止日期');
  });

  it('exports the filtered entries as CSV for Excel: BOM, every field quoted, formulas defused', async () => {
    const { fileName, bytes } = await auditExport(db(), auditor, { objectType: 'task' }, new Date('2026-03-05T02:00:00Z'));
    expect(fileName).toBe('审计日志-2026-03-05.csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('"操作人"');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"dcs.clerk","督查室"');
    expect(lines[1]).toContain('"10.0.0.7"');
    // The object id is the note itself: the one written as a formula comes out as text.
    expect(lines[3]).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
  });

  it('verifies the government’s chain and says so in Chinese', async () => {
    const result = await verifyAudit(db(), auditor, null, new Date());
    expect(result).toMatchObject({ ok: true, broken: null, checkpoint: { state: 'none' } });
    expect(result.rows).toBeGreaterThanOrEqual(6);
    expect(result.message).toContain('哈希链校验通过');
  });

  it('lets nobody else read, export or verify', async () => {
    await expect(auditPage(db(), clerk, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(auditExport(db(), clerk, {}, new Date())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(verifyAudit(db(), clerk, null, new Date())).rejects.toBeInstanceOf(ForbiddenError);
  });
});
