/**
 * Evidence attachments through the services, on both databases: stored by
 * checksum outside the database, typed by content, verified on download,
 * changed only while the report is open and only by those who may write it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { sm3 } from '../../../src/crypto/index.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { attachReport, downloadAttachment, removeAttachment } from '../../../src/modules/attachment/attachment.service.js';
import { MAX_ATTACHMENT_BYTES } from '../../../src/modules/attachment/attachment.model.js';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft } from '../../../src/modules/report/report-steps.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { useApiFixture, type ApiFixture } from '../../server/api-fixture.js';
import { EXE, PDF, PNG, TEXT } from './samples.js';
import { auditCount, auditOf, openRound, reportIn, useActors, useTempFiles } from './world.js';

/** What an upload could leave behind: refused uploads must leave none of it. */
async function footprint(fx: ApiFixture, reportId: number) {
  const db = fx.store.db;
  return {
    rows: await db.selectFrom('attachments').selectAll().where('report_id', '=', reportId).orderBy('id').execute(),
    audit: await auditCount(fx),
    version: (await db.selectFrom('reports').select('version').where('id', '=', reportId).executeTakeFirstOrThrow()).version,
  };
}

describeEachDatabase('evidence attachments', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const who = useActors(fx);
  const files = useTempFiles();
  const draftOfA = async (): Promise<number> => reportIn(fx(), await openRound(fx(), who('office')), fx().tasks.a.id, fx().units.a.id);

  it('stores the file under its SM3 checksum, records it with its audit row, and gives the same bytes back', async () => {
    const db = fx().store.db;
    const id = await draftOfA();
    const before = await footprint(fx(), id);
    const view = await attachReport(db, who('liaisonA'), id, { fileName: 'C:\\fakepath\\一季度进展佐证.pdf', bytes: PDF }, files());
    expect(view).toMatchObject({
      fileName: '一季度进展佐证.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      checksum: sm3(PDF),
      uploadedBy: who('liaisonA').userId,
    });
    expect(new Uint8Array(readFileSync(files().pathOf(view.checksum)))).toEqual(PDF);

    const row = await db.selectFrom('attachments').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      report_id: id,
      government_id: fx().governmentId,
      file_name: '一季度进展佐证.pdf',
      media_type: 'application/pdf',
      size: PDF.length,
      checksum: sm3(PDF),
    });
    const [audit] = await auditOf(fx(), 'attachment.add', view.id);
    expect(audit?.actor_username).toBe(who('liaisonA').username);
    expect(JSON.parse(audit?.after ?? '{}')).toEqual({
      reportId: id,
      fileName: '一季度进展佐证.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      checksum: sm3(PDF),
    });
    // Attaching does not make the clerk's open form stale.
    expect((await footprint(fx(), id)).version).toBe(before.version);

    const got = await downloadAttachment(db, who('headA'), view.id, files());
    expect(got.bytes).toEqual(PDF);
    expect(got.attachment).toEqual(view);
  });

  it('types a file by its content: a PNG named .txt is an image, an executable named .pdf is refused', async () => {
    const db = fx().store.db;
    const id = await draftOfA();
    await expect(attachReport(db, who('liaisonA'), id, { fileName: '现场照片.txt', bytes: PNG }, files())).resolves.toMatchObject({
      fileName: '现场照片.txt',
      mediaType: 'image/png',
    });
    const before = await footprint(fx(), id);
    const refused = attachReport(db, who('liaisonA'), id, { fileName: '报告.pdf', bytes: EXE }, files());
    await expect(refused).rejects.toMatchObject({ status: 415, code: 'unsupported_media_type' });
    await expect(refused).rejects.toThrow(/PDF.*OFD.*Word.*Excel/);
    expect(await footprint(fx(), id)).toEqual(before);
    expect(existsSync(files().pathOf(sm3(EXE))), 'a refused file is not stored').toBe(false);
  });

  it('refuses an empty file and one over 20 MB, writing nothing', async () => {
    const db = fx().store.db;
    const id = await draftOfA();
    const before = await footprint(fx(), id);
    await expect(attachReport(db, who('liaisonA'), id, { fileName: '空.txt', bytes: new Uint8Array() }, files())).rejects.toMatchObject({
      status: 400,
      code: 'empty_file',
    });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(0x41);
    await expect(attachReport(db, who('liaisonA'), id, { fileName: '大.txt', bytes: big }, files())).rejects.toMatchObject({
      status: 400,
      code: 'file_too_large',
    });
    expect(await footprint(fx(), id)).toEqual(before);
    // Exactly 20 MB is accepted.
    await expect(attachReport(db, who('liaisonA'), id, { fileName: '正好.txt', bytes: big.subarray(0, MAX_ATTACHMENT_BYTES) }, files())).resolves.toMatchObject(
      { size: MAX_ATTACHMENT_BYTES, mediaType: 'text/plain; charset=utf-8' },
    );
  });

  it('stores identical content once, whichever report it is attached to', async () => {
    const db = fx().store.db;
    const first = await attachReport(db, who('liaisonA'), await draftOfA(), { fileName: '说明.txt', bytes: TEXT }, files());
    const second = await attachReport(db, who('office'), await draftOfA(), { fileName: '说明（副本）.txt', bytes: new Uint8Array(TEXT) }, files());
    expect(second.id).not.toBe(first.id);
    expect(second.checksum).toBe(first.checksum);
    expect(files().pathOf(second.checksum)).toBe(files().pathOf(first.checksum));
  });

  it('detects a stored file changed behind the application: 500 file_corrupt, never the changed bytes', async () => {
    const db = fx().store.db;
    const view = await attachReport(db, who('liaisonA'), await draftOfA(), { fileName: '照片.png', bytes: PNG }, files());
    const path = files().pathOf(view.checksum);
    writeFileSync(path, Buffer.concat([Buffer.from(PNG), Buffer.from('tampered')]));
    const read = downloadAttachment(db, who('liaisonA'), view.id, files());
    await expect(read).rejects.toMatchObject({ status: 500, code: 'file_corrupt' });
    await expect(read).rejects.toThrow(/校验值不符/);
    writeFileSync(path, PNG);
    await expect(downloadAttachment(db, who('liaisonA'), view.id, files())).resolves.toMatchObject({ bytes: PNG });
  });

  it('changes attachments only while the report is a draft or returned', async () => {
    const db = fx().store.db;
    const id = await draftOfA();
    const kept = await attachReport(db, who('liaisonA'), id, { fileName: '说明.txt', bytes: TEXT }, files());
    await updateDraft(db, who('liaisonA'), id, { version: 1, progress: '推进中。', confidence: 'on_track' });
    await approveReport(db, who('headA'), id, {});
    for (const step of ['approved', 'submitted'] as const) {
      const before = await footprint(fx(), id);
      await expect(attachReport(db, who('liaisonA'), id, { fileName: '补充.pdf', bytes: PDF }, files())).rejects.toMatchObject({
        status: 409,
        code: 'invalid_state',
      });
      await expect(removeAttachment(db, who('liaisonA'), kept.id)).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
      expect(await footprint(fx(), id), step).toEqual(before);
      if (step === 'approved') await submitReport(db, who('headA'), id, {});
    }
    expect((await returnReport(db, who('office'), id, { comment: '请补充现场照片。' })).status).toBe('returned');
    await expect(attachReport(db, who('liaisonA'), id, { fileName: '现场.png', bytes: PNG }, files())).resolves.toMatchObject({ mediaType: 'image/png' });
  });

  it('lets the unit and the office attach, and everyone who may read the report download', async () => {
    const db = fx().store.db;
    const id = await draftOfA();
    for (const key of ['leader', 'liaisonB', 'observer', 'coLiaison'] as const) {
      await expect(attachReport(db, who(key), id, { fileName: '越权.txt', bytes: TEXT }, files()), key).rejects.toBeInstanceOf(ForbiddenError);
    }
    const view = await attachReport(db, who('headA'), id, { fileName: '说明.txt', bytes: TEXT }, files());
    for (const key of ['office', 'leader', 'liaisonA'] as const)
      await expect(downloadAttachment(db, who(key), view.id, files()), key).resolves.toMatchObject({ bytes: TEXT });
    for (const key of ['liaisonB', 'observer'] as const)
      await expect(downloadAttachment(db, who(key), view.id, files()), key).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeAttachment(db, who('liaisonB'), view.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeAttachment(db, who('leader'), view.id)).rejects.toBeInstanceOf(ForbiddenError);

    // Accepted, the report is part of the public ledger, and so is its evidence.
    await updateDraft(db, who('liaisonA'), id, { version: 1, progress: '推进中。', confidence: 'on_track' });
    await approveReport(db, who('headA'), id, {});
    await submitReport(db, who('headA'), id, {});
    await acceptReport(db, who('office'), id, {});
    for (const key of ['liaisonB', 'observer'] as const)
      await expect(downloadAttachment(db, who(key), view.id, files()), key).resolves.toMatchObject({ bytes: TEXT });
  });

  it('removes the row and keeps the checksum in the audit log; the file stays', async () => {
    const db = fx().store.db;
    const id = await draftOfA();
    const view = await attachReport(db, who('liaisonA'), id, { fileName: '作废.pdf', bytes: PDF }, files());
    await removeAttachment(db, who('office'), view.id);
    expect(await db.selectFrom('attachments').select('id').where('id', '=', view.id).execute()).toEqual([]);
    const [audit] = await auditOf(fx(), 'attachment.delete', view.id);
    expect(audit?.actor_username).toBe(who('office').username);
    expect(JSON.parse(audit?.before ?? '{}')).toMatchObject({ reportId: id, fileName: '作废.pdf', checksum: sm3(PDF) });
    expect(existsSync(files().pathOf(view.checksum))).toBe(true);
    await expect(removeAttachment(db, who('office'), view.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(downloadAttachment(db, who('office'), view.id, files())).rejects.toMatchObject({ status: 404 });
  });
});
