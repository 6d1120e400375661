/**
 * The government's profile on SQLite and PostgreSQL (ADR 0023): read from the
 * first notice stored while no person has set it, with its audit row; set and
 * confirmed by the office with a version (409 on a stale one) and an audit
 * row; never overwritten by a later notice once a person has set it; refused
 * in Chinese when it cannot be printed; the bulletin's head follows it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { changeGovernment, documentProfile, getGovernment } from '../../../src/modules/government/government.service.js';
import { storeNotice } from '../../../src/modules/plan/plan.service.js';
import type { Store } from '../../../src/store/connection.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { samplePath } from '../../helpers/paths.js';
import { freshActor, noticeFromText, openMigrated, readNotice } from '../store-fixture.js';

const NOTICE_OF = (issuer: string, title: string): string =>
  [
    '某政发〔2026〕9号',
    `${title}关于分解落实2026年政府工作报告重点任务的通知`,
    '各镇街，各部门：',
    '现将任务分解如下。',
    '一、工业经济',
    '1.推进产业升级，年内新增营收10亿元。（牵头领导：王某。责任单位：区发展改革局）',
    issuer,
    '2026年2月20日',
  ].join('\n');

describeEachDatabase('the government’s profile', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => store.close());

  const officeOf = (actor: Actor, userId: number | null = null): Actor => ({ ...actor, role: 'office', userId, username: 'dcs_li' });
  const auditActions = async (governmentId: number): Promise<string[]> =>
    (
      await store.db
        .selectFrom('audit_log')
        .select('action')
        .where('government_id', '=', governmentId)
        .where('object_type', '=', 'government_profile')
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  it('has none and prints neutral words until a notice or a person names the government', async () => {
    const actor = await freshActor(store, '');
    const view = await getGovernment(store.db, actor);
    expect(view).toMatchObject({ source: 'none', confirmed: false, version: 0, fromNotice: null });
    expect(await documentProfile(store.db, actor.governmentId)).toMatchObject({ bulletinMark: '督查通报', signature: '督查室', numberPrefix: '督查通报' });
  });

  it('is read from the first notice stored, with its audit row, and offered to the office to confirm', async () => {
    const actor = await freshActor(store, '');
    await storeNotice(store.db, actor, await readNotice(samplePath('notice.txt')));
    const view = await getGovernment(store.db, actor);
    expect(view).toMatchObject({ source: 'notice', confirmed: false, version: 1 });
    expect(view.profile).toMatchObject({ name: '青川市临河区人民政府', region: '临河区', office: '青川市临河区人民政府办公室', numberPrefix: '临河政办督' });
    expect(view.fromNotice).toEqual(view.profile);
    const government = await store.db.selectFrom('governments').select('name').where('id', '=', actor.governmentId).executeTakeFirstOrThrow();
    expect(government.name).toBe('青川市临河区人民政府');
    expect(await auditActions(actor.governmentId)).toEqual(['government.read_from_notice']);
  });

  it('is set by the office at its version, audited; a stale version is a 409 and a person’s profile outlives later notices', async () => {
    const actor = await freshActor(store, '');
    await storeNotice(store.db, actor, await noticeFromText('a.txt', NOTICE_OF('甲乙市丙丁区人民政府办公室', '甲乙市丙丁区人民政府办公室')));
    const read = await getGovernment(store.db, actor);
    expect(read.profile).toMatchObject({ name: '甲乙市丙丁区人民政府', region: '丙丁区' });
    const office = officeOf(actor);
    const set = await changeGovernment(store.db, office, {
      ...read.profile,
      version: read.version,
      signature: '甲乙市丙丁区人民政府督查室',
      bulletinMark: '',
    });
    expect(set).toMatchObject({ source: 'person', confirmed: true, version: read.version + 1 });
    expect(set.profile).toMatchObject({ signature: '甲乙市丙丁区人民政府督查室', bulletinMark: '甲乙市丙丁区人民政府督查通报' });
    expect(set.confirmedAt).not.toBeNull();

    await expect(changeGovernment(store.db, office, { ...set.profile, version: read.version })).rejects.toMatchObject({
      status: 409,
      code: 'version_conflict',
    });

    // Another notice, another issuer: the office's words stay.
    await storeNotice(store.db, actor, await noticeFromText('b.txt', NOTICE_OF('戊己县人民政府', '戊己县人民政府')));
    expect((await getGovernment(store.db, actor)).profile).toEqual(set.profile);
    expect((await getGovernment(store.db, actor)).fromNotice).toMatchObject({ name: '戊己县人民政府' });
    expect(await auditActions(actor.governmentId)).toEqual(['government.read_from_notice', 'government.configure']);
  });

  it('keeps a name the operator gave at first start, and offers the notice’s words to adopt', async () => {
    const actor = await freshActor(store, '某某区人民政府');
    await storeNotice(store.db, actor, await readNotice(samplePath('notice.txt')));
    const view = await getGovernment(store.db, actor);
    expect(view).toMatchObject({ source: 'config', confirmed: false, version: 0, profile: { name: '某某区人民政府', office: '某某区人民政府办公室' } });
    expect(view.fromNotice).toMatchObject({ name: '青川市临河区人民政府' });
  });

  it('refuses in Chinese what cannot be printed, and anyone but the office', async () => {
    const actor = await freshActor(store, '');
    const office = officeOf(actor);
    const blank = { version: 0, name: '某某区人民政府', region: '', office: '', bulletinMark: '', numberPrefix: '', signature: '' };
    await expect(changeGovernment(store.db, office, { ...blank, name: '' })).rejects.toMatchObject({ status: 400, code: 'invalid_profile' });
    await expect(changeGovernment(store.db, office, { ...blank, numberPrefix: '某政办督〔2026〕' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('机关代字') as unknown,
    });
    await expect(changeGovernment(store.db, { ...office, role: 'head' }, blank)).rejects.toMatchObject({ status: 403 });
    expect((await getGovernment(store.db, actor)).version).toBe(0);
  });
});
