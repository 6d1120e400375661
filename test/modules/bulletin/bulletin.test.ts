/**
 * Bulletins (通报) on SQLite and PostgreSQL: what a draft says, gathered from
 * the live ledger (lights as planStatus computes them, the lagging tasks with
 * their units, the reports overdue, the orders open), and the office's flow:
 * draft, revise, issue with the plan's next number, kept unchanged ever
 * after, read by the ledger's people once issued. The .docx renderer and
 * LibreOffice are replaced here by stand-ins (their own tests open real
 * files); the file store is real.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { BulletinContent } from '../../../src/documents/bulletin-content.js';
import { bulletinBody } from '../../../src/documents/bulletin-text.js';
import type { Actor } from '../../../src/domain/actor.js';
import { bulletinContent } from '../../../src/modules/bulletin/bulletin.gather.js';
import { bulletinService, type BulletinFiles } from '../../../src/modules/bulletin/bulletin.service.js';
import { orderService } from '../../../src/modules/order/order.service.js';
import { listTasks } from '../../../src/modules/task/task.repository.js';
import { planStatus } from '../../../src/modules/status/status.service.js';
import { openFileStore } from '../../../src/store/files.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { testFiles } from '../../helpers/files.js';
import { UNIT_A, call, signInEveryone, useApiFixture, type ApiFixture } from '../../server/api-fixture.js';

interface View {
  id: number;
  status: string;
  serial: number | null;
  documentNumber: string | null;
  version: number;
  remarks: string;
  asOf: string;
  hasPdf: boolean;
  actions: string[];
  createdBy: string | null;
  content?: BulletinContent;
}

const NOW = new Date('2026-04-10T02:00:00Z');

describeEachDatabase('bulletins', (getUrl) => {
  const fx = useApiFixture(getUrl, { clock: () => NOW });
  const clock = () => NOW;
  const office = (f: ApiFixture): Actor => ({
    governmentId: f.governmentId,
    userId: f.userIds.office,
    username: 'dcs_zhang',
    role: 'office',
    unitId: null,
    leaderId: null,
    ip: null,
  });
  const rendered: { content: BulletinContent; draft: boolean }[] = [];
  const out = (extra: Partial<BulletinFiles> = {}): BulletinFiles => ({
    files: openFileStore(mkdtempSync(join(tmpdir(), 'luoshi-bulletin-files-'))),
    render: (content, options) => {
      rendered.push({ content, draft: options.draft === true });
      return Promise.resolve(new TextEncoder().encode(`DOCX ${content.documentNumber} ${content.remarks}`));
    },
    convert: (docx) => Promise.resolve(new Uint8Array([...new TextEncoder().encode('%PDF '), ...docx])),
    warn: () => undefined,
    ...extra,
  });
  const auditOf = async (f: ApiFixture, id: number): Promise<string[]> =>
    (
      await f.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_type', '=', 'bulletin')
        .where('object_id', '=', String(id))
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  it('says what the live ledger says at the period’s as-of date', async () => {
    const f = fx();
    const { db } = f.store;
    // The fixture's March round was opened on 26 March, as its schedule would have: a bulletin counts only rounds opened by its as-of date.
    await db.updateTable('rounds').set({ created_at: '2026-03-26T01:00:00.000Z' }).where('id', '=', f.roundId).execute();
    const order = await orderService.issue(db, f.operator, { taskId: f.tasks.a.id, unitId: f.units.a.id, grade: 'yellow', reason: '进度滞后' }, clock);
    const content = await bulletinContent(db, f.governmentId, f.planId, '2026-04', clock);
    expect(content).toMatchObject({
      period: '2026-04',
      periodLabel: '2026年4月',
      asOf: '2026-04-10',
      date: '2026-04-10',
      // A draft has no number until it is issued.
      documentNumber: '',
    });
    expect(content.title).toBe('关于2026年4月政府工作报告重点任务推进情况的通报');
    // The head comes from the government's profile, read from the imported notice's issuer.
    expect(content.issuer).toBe('青川市临河区人民政府办公室');
    expect(content.mark).toBe('青川市临河区人民政府督查通报');

    // The same lights as the status service's, overall and by section.
    const status = await planStatus(db, f.governmentId, f.planId, '2026-04-10');
    const count = (light: string) => status.tasks.filter((t) => t.light === light).length;
    expect(content.summary.tasks).toBe(status.tasks.length);
    expect(content.summary.lights).toEqual({ green: count('green'), yellow: count('yellow'), red: count('red'), none: count('none') });
    expect(content.sections.reduce((n, s) => n + s.tasks, 0)).toBe(status.tasks.length);
    expect(content.timeProgress).toBeCloseTo(status.timeProgress);

    // The March round was due on 5 April and nobody has sent: its host reports are overdue and their tasks red, named with their units.
    const tasks = new Map((await listTasks(db, f.governmentId, { planId: f.planId })).map((t) => [t.id, t]));
    const red = status.tasks.filter((t) => t.light === 'red').map((t) => tasks.get(t.taskId));
    expect(red.length).toBeGreaterThan(0);
    expect(content.lagging.map((t) => t.number)).toEqual(expect.arrayContaining(red.map((t) => t?.number)));
    const a = content.lagging.find((t) => t.number === tasks.get(f.tasks.a.id)?.number);
    expect(a).toMatchObject({ light: 'red', hostUnits: f.tasks.a.hostUnits, leaders: f.tasks.a.leaders });
    expect(a?.reason).toContain('逾期未报');
    // Its reasons, each with its figures, are what the bulletin's text says of it; the open order is listed apart.
    expect(a?.reasons).toEqual([`${UNIT_A}的3月份进展报告应于 4月5日前报送，逾期未报`]);
    expect(bulletinBody(content).some((b) => b.kind === 'paragraph' && b.text.includes(`）。${UNIT_A}的3月份进展报告应于 4月5日前报送，逾期未报。`))).toBe(
      true,
    );
    expect(content.overdueReports.some((r) => r.unit === UNIT_A && r.dueDate === '2026-04-05' && r.daysLate === 5)).toBe(true);
    expect(content.openOrders).toEqual([
      expect.objectContaining({ grade: 'yellow', unit: UNIT_A, status: 'issued', number: `督办〔2026〕第${order.serial}号` }),
    ]);
    // Its standing reads in Chinese, never as the workflow's code.
    const orderLine = bulletinBody(content).find((b) => b.kind === 'paragraph' && b.text.includes(`督办〔2026〕第${order.serial}号`));
    expect(orderLine).toMatchObject({ text: expect.stringContaining('承办单位尚未签收。') as unknown });
    expect(orderLine && 'text' in orderLine ? orderLine.text : '').not.toMatch(/[A-Za-z]{2,}/);

    // The quarter counts the March round's reports, none sent.
    const q1 = await bulletinContent(db, f.governmentId, f.planId, '2026-Q1', clock);
    expect(q1).toMatchObject({ periodLabel: '2026年第一季度', asOf: '2026-03-31' });
    expect(q1.summary.reportsOwed).toBeGreaterThan(0);
    expect(q1.summary.reportsOnTime + q1.summary.reportsLate).toBe(0);
    await db.updateTable('orders').set({ status: 'closed' }).where('id', '=', order.id).execute();
  });

  it('refuses a period that is not one, has not begun, or lies outside the plan year', async () => {
    const f = fx();
    for (const [period, message] of [
      ['2026-13', '无效'],
      ['2026-05', '尚未开始'],
      ['2025-12', '不在方案年度'],
    ] as const) {
      const err: unknown = await bulletinContent(f.store.db, f.governmentId, f.planId, period, clock).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 400, code: 'invalid_period' });
      expect((err as Error).message).toContain(message);
    }
    const s = await signInEveryone(f.app);
    const res = await call(f.app, s.office, 'POST', '/api/bulletins', { period: '2026-06' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain('尚未开始');
  });

  it('drafts, revises and issues, numbering the plan’s bulletins 1, 2, …; an issued one never changes', async () => {
    const f = fx();
    const s = await signInEveryone(f.app);
    const created = await call(f.app, s.office, 'POST', '/api/bulletins', { planId: f.planId, period: '2026-04' });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<View>();
    expect(draft).toMatchObject({ status: 'draft', serial: null, documentNumber: null, version: 1, asOf: '2026-04-10' });
    expect(draft.createdBy).not.toBeNull();
    expect(draft.actions).toEqual(['bulletin.write', 'bulletin.issue']);
    expect(draft.content?.lagging.length).toBeGreaterThan(0);

    const remarks = '各责任单位要对照时序进度，逐项补齐短板。';
    const edited = await call(f.app, s.office, 'PATCH', `/api/bulletins/${draft.id}`, { version: 1, remarks });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<View>()).toMatchObject({ version: 2, remarks, content: { remarks } });
    const refreshed = await call(f.app, s.office, 'PATCH', `/api/bulletins/${draft.id}`, { version: 2, refresh: true });
    expect(refreshed.json<View>()).toMatchObject({ version: 3, remarks });

    // A stale version changes nothing.
    const stale = await call(f.app, s.office, 'PATCH', `/api/bulletins/${draft.id}`, { version: 1, remarks: '旧稿' });
    expect(stale.statusCode).toBe(409);
    expect((await call(f.app, s.office, 'GET', `/api/bulletins/${draft.id}`)).json<View>()).toMatchObject({ version: 3, remarks });

    // Drafts are the office's.
    expect((await call(f.app, s.observer, 'GET', `/api/bulletins/${draft.id}`)).statusCode).toBe(403);
    expect((await call(f.app, s.leader, 'POST', '/api/bulletins', { period: '2026-04' })).statusCode).toBe(403);

    const first = await bulletinService.issue(f.store.db, office(f), draft.id, 3, out(), clock);
    expect(first).toMatchObject({ status: 'issued', hasPdf: true, actions: [] });
    expect(first.documentNumber).toBe(`临河政办督〔2026〕${first.serial}号`);
    expect(rendered.at(-1)).toMatchObject({ draft: false, content: { documentNumber: first.documentNumber, remarks, date: '2026-04-10' } });
    const second = (await call(f.app, s.office, 'POST', '/api/bulletins', { period: '2026-Q1' })).json<View>();
    const issued2 = await bulletinService.issue(f.store.db, office(f), second.id, second.version, out(), clock);
    expect(issued2.serial).toBe((first.serial ?? 0) + 1);
    expect(await auditOf(f, draft.id)).toEqual(['bulletin.create', 'bulletin.write', 'bulletin.write', 'bulletin.issue']);

    // Issued: a record, never rewritten, and published to the ledger's people.
    expect((await call(f.app, s.office, 'PATCH', `/api/bulletins/${draft.id}`, { version: 4, remarks: '改' })).statusCode).toBe(403);
    expect((await call(f.app, s.office, 'POST', `/api/bulletins/${draft.id}/issue`, { version: 4 })).statusCode).toBe(403);
    const seen = await call(f.app, s.observer, 'GET', `/api/bulletins/${draft.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<View>()).toMatchObject({ documentNumber: first.documentNumber, remarks, content: { documentNumber: first.documentNumber } });

    const another = (await call(f.app, s.office, 'POST', '/api/bulletins', { period: '2026-04' })).json<View>();
    const listOf = async (who: keyof typeof s) => (await call(f.app, s[who], 'GET', `/api/bulletins?planId=${f.planId}`)).json<{ items: View[] }>().items;
    const officeList = await listOf('office');
    expect(officeList.map((b) => b.id).slice(0, 3)).toEqual([another.id, second.id, draft.id]);
    expect(officeList[0]?.content).toBeUndefined();
    for (const who of ['observer', 'liaisonB', 'leader'] as const) {
      const items = await listOf(who);
      expect(items.every((b) => b.status === 'issued')).toBe(true);
      expect(items.map((b) => b.id)).toEqual(expect.arrayContaining([draft.id, second.id]));
    }
    expect((await call(f.app, s.auditor, 'GET', '/api/bulletins')).statusCode).toBe(403);
  });

  it('issues concurrently without two bulletins sharing a number', async () => {
    const f = fx();
    const drafts = await Promise.all([0, 1, 2].map(() => bulletinService.createDraft(f.store.db, office(f), { planId: f.planId, period: '2026-04' }, clock)));
    const issued = await Promise.all(drafts.map((d) => bulletinService.issue(f.store.db, office(f), d.id, d.version, out(), clock)));
    const serials = issued.map((b) => b.serial ?? 0).sort((x, y) => x - y);
    expect(new Set(serials).size).toBe(3);
    expect(serials[2]).toBe((serials[0] ?? 0) + 2);
  });

  it('keeps the issued files and serves them; a draft is rendered on the fly, marked 草稿', async () => {
    const f = fx();
    const files = out();
    const draft = await bulletinService.createDraft(f.store.db, office(f), { planId: f.planId, period: '2026-04' }, clock);
    const s = await signInEveryone(f.app);
    const pending = await bulletinService.docx(f.store.db, office(f), draft.id, files);
    expect(rendered.at(-1)).toMatchObject({ draft: true, content: { documentNumber: '' } });
    expect(pending.fileName).toBe('关于2026年4月政府工作报告重点任务推进情况的通报（草稿）.docx');
    await expect(bulletinService.pdf(f.store.db, office(f), draft.id, files)).rejects.toMatchObject({ status: 404, code: 'no_pdf' });

    const issued = await bulletinService.issue(f.store.db, office(f), draft.id, draft.version, files, clock);
    const docx = await bulletinService.docx(f.store.db, office(f), draft.id, files);
    expect(docx.fileName).toBe(`${issued.documentNumber ?? ''}.docx`);
    expect(new TextDecoder().decode(docx.bytes)).toBe(`DOCX ${issued.documentNumber ?? ''} `);
    const pdf = await bulletinService.pdf(f.store.db, office(f), draft.id, files);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF ');
    // Reading it again renders nothing: the kept file is served.
    const renders = rendered.length;
    await bulletinService.docx(f.store.db, office(f), draft.id, files);
    expect(rendered.length).toBe(renders);

    // Over HTTP, from the app's own file store, under the document number as an RFC 5987 name.
    const kept = await bulletinService.createDraft(f.store.db, office(f), { planId: f.planId, period: '2026-04' }, clock);
    const served = await bulletinService.issue(f.store.db, office(f), kept.id, kept.version, { ...out(), files: testFiles(f.store) }, clock);
    const res = await call(f.app, s.liaisonB, 'GET', `/api/bulletins/${kept.id}/docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${served.documentNumber ?? ''}.docx`)}`);
    expect(res.body).toBe(`DOCX ${served.documentNumber ?? ''} `);
    const pdfRes = await call(f.app, s.observer, 'GET', `/api/bulletins/${kept.id}/pdf`);
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    const other = await bulletinService.createDraft(f.store.db, office(f), { planId: f.planId, period: '2026-04' }, clock);
    const noPdf = await call(f.app, s.office, 'GET', `/api/bulletins/${other.id}/pdf`);
    expect(noPdf.statusCode).toBe(404);
    const error = noPdf.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('no_pdf');
    expect(error.message).toContain('PDF');
  });

  it('issues without PDF when the conversion fails, and a failed step leaves the draft as it was', async () => {
    const f = fx();
    const warnings: string[] = [];
    const draft = await bulletinService.createDraft(f.store.db, office(f), { planId: f.planId, period: '2026-04' }, clock);
    const broken = out({ render: () => Promise.reject(new Error('renderer down')) });
    await expect(bulletinService.issue(f.store.db, office(f), draft.id, draft.version, broken, clock)).rejects.toThrow('renderer down');
    expect(await bulletinService.get(f.store.db, office(f), draft.id)).toMatchObject({ status: 'draft', serial: null, version: draft.version });
    expect(await auditOf(f, draft.id)).toEqual(['bulletin.create']);
    await expect(bulletinService.issue(f.store.db, office(f), draft.id, draft.version + 1, out(), clock)).rejects.toMatchObject({ status: 409 });
    await expect(
      bulletinService.changeDraft(f.store.db, office(f), draft.id, { version: draft.version, remarks: 'x'.repeat(5001) }, clock),
    ).rejects.toMatchObject({ status: 400 });

    const noPdf = out({ convert: () => Promise.reject(new Error('soffice crashed')), warn: (m) => warnings.push(m) });
    const issued = await bulletinService.issue(f.store.db, office(f), draft.id, draft.version, noPdf, clock);
    expect(issued).toMatchObject({ status: 'issued', hasPdf: false });
    expect(warnings.join('')).toContain('soffice crashed');
    const noLibreOffice = await bulletinService.createDraft(f.store.db, office(f), { planId: f.planId, period: '2026-04' }, clock);
    expect(
      await bulletinService.issue(f.store.db, office(f), noLibreOffice.id, noLibreOffice.version, out({ convert: () => Promise.resolve(null) }), clock),
    ).toMatchObject({ hasPdf: false });
  });

  it('takes its head from the plan settings, which PUT /api/plans/:id/settings sets and checks', async () => {
    const f = fx();
    const s = await signInEveryone(f.app);
    const wrong = await call(f.app, s.office, 'PUT', `/api/plans/${f.planId}/settings`, { version: 0, bulletin: { numberPrefix: '临河督查通报〔2026〕' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('invalid_settings');
    const set = await call(f.app, s.office, 'PUT', `/api/plans/${f.planId}/settings`, {
      version: 0,
      bulletin: { organ: '临河区人民政府办公室', numberPrefix: '临河督查通报', copyTo: '区委办公室' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const draft = await bulletinService.createDraft(f.store.db, office(f), { planId: f.planId, period: '2026-Q1' }, clock);
    expect(draft.content).toMatchObject({ issuer: '临河区人民政府办公室', copyTo: '区委办公室', printedBy: '临河区人民政府办公室 2026年4月10日印发' });
    const issued = await bulletinService.issue(f.store.db, office(f), draft.id, draft.version, out(), clock);
    expect(issued.documentNumber).toBe(`临河督查通报〔2026〕${issued.serial ?? 0}号`);
  });
});
