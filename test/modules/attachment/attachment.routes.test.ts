/**
 * Attachments through the HTTP API, on both databases: upload as base64 JSON,
 * the report lists them, the download carries the original bytes with a safe
 * type and a Chinese file name, tampering answers 500, and the state and
 * permission rules hold.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sm3 } from '../../../src/crypto/index.js';
import { MAX_ATTACHMENT_BYTES } from '../../../src/modules/attachment/attachment.model.js';
import { buildApp, type App } from '../../../src/server/app.js';
import { checkAnswersAgainstSchemas } from '../../helpers/answer-check.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, CHINESE, errorOf, setReport, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';
import { DOCX_LIAR, DOCX_SWARM, EXE, PDF, PNG, TEXT, ZIP_BOMB } from './samples.js';
import { useTempFiles } from './world.js';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describeEachDatabase('attachments over HTTP', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const files = useTempFiles();
  let app: App;
  let as: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    // The fixture's database, with the file store of this suite.
    app = await buildApp({ store: fx().store, governmentId: fx().governmentId, files: files() });
    checkAnswersAgainstSchemas(app);
    await app.ready();
    as = await signInEveryone(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (who: PersonKey, reportId: number, fileName: string, bytes: Uint8Array | string) =>
    call(app, as[who], 'POST', `/api/reports/${reportId}/attachments`, { fileName, content: typeof bytes === 'string' ? bytes : b64(bytes) });

  it('uploads, lists on the report, and downloads the same bytes with type, Chinese file name and nosniff', async () => {
    await setReport(fx(), fx().reports.a, { status: 'draft', authorKey: 'liaisonA' });
    const res = await upload('liaisonA', fx().reports.a, '临河区/新能源材料项目 “现场” 照片.txt', PNG);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<{ id: number; fileName: string; mediaType: string; size: number; checksum: string }>();
    expect(view).toMatchObject({ fileName: '新能源材料项目 “现场” 照片.txt', mediaType: 'image/png', size: PNG.length, checksum: sm3(PNG) });
    expect(Object.keys(view).sort()).toEqual(['checksum', 'createdAt', 'fileName', 'id', 'mediaType', 'size', 'uploadedBy']);

    const report = await call(app, as.headA, 'GET', `/api/reports/${fx().reports.a}`);
    expect(report.json<{ attachments: unknown[] }>().attachments).toContainEqual(view);

    const got = await call(app, as.leader, 'GET', `/api/attachments/${view.id}`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.rawPayload.equals(Buffer.from(PNG))).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(got.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe('新能源材料项目 “现场” 照片.txt');
  });

  it('answers 415 in Chinese for content it does not accept, whatever the name', async () => {
    await setReport(fx(), fx().reports.a, { status: 'draft', authorKey: 'liaisonA' });
    const res = await upload('liaisonA', fx().reports.a, '报告.pdf', EXE);
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).code).toBe('unsupported_media_type');
    expect(errorOf(res).message).toMatch(/PDF/);
    expect(errorOf(res).message).toMatch(CHINESE);
  });

  it('refuses an empty file, a file over 20 MB and content that is not base64 with 400', async () => {
    await setReport(fx(), fx().reports.a, { status: 'draft', authorKey: 'liaisonA' });
    const empty = await upload('liaisonA', fx().reports.a, '空.txt', '');
    expect(empty.statusCode).toBe(400);
    const notBase64 = await upload('liaisonA', fx().reports.a, '乱码.txt', '这不是base64');
    expect(notBase64.statusCode).toBe(400);
    expect(errorOf(notBase64).message).toMatch(/base64/);
    const big = await upload('liaisonA', fx().reports.a, '大.txt', new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(0x41));
    expect(big.statusCode).toBe(400);
    expect(errorOf(big).code).toBe('file_too_large');
    expect(errorOf(big).message).toMatch(/20 MB/);
  });

  it('says a 20.5 MB file is over the 20 MB limit, and a body over 30 MB too', async () => {
    await setReport(fx(), fx().reports.a, { status: 'draft', authorKey: 'liaisonA' });
    const over = await upload('liaisonA', fx().reports.a, '现场照片.txt', new Uint8Array(20.5 * 1024 * 1024).fill(0x41));
    expect(over.statusCode).toBe(400);
    expect(errorOf(over)).toEqual({ code: 'file_too_large', message: '文件为 20.5 MB，超过 20 MB 上限，已拒绝' });
    const huge = await upload('liaisonA', fx().reports.a, '录像.txt', new Uint8Array(24 * 1024 * 1024).fill(0x41));
    expect(huge.statusCode).toBe(413);
    expect(errorOf(huge)).toEqual({ code: 'payload_too_large', message: '请求内容超过 30 MB 上限，已拒绝（上传的文件最大 20 MB）' });
  });

  it('refuses ZIP bombs for their size, naming the limit, and stores nothing', async () => {
    await setReport(fx(), fx().reports.a, { status: 'draft', authorKey: 'liaisonA' });
    const cases: [string, Uint8Array, string][] = [
      ['进展说明.docx', DOCX_LIAR, '文件中的“word/document.xml”解压后远超其声明的 9.8 KB，疑似压缩炸弹，已拒绝'],
      ['照片.zip', ZIP_BOMB, '文件中的“照片.bmp”解压后为 200 MB，超过 100 MB 上限，疑似压缩炸弹，已拒绝'],
      ['汇总.docx', DOCX_SWARM, '文件内含 10001 个部件，超过 10000 个的上限，疑似压缩炸弹，已拒绝'],
    ];
    for (const [fileName, bytes, message] of cases) {
      const res = await upload('liaisonA', fx().reports.a, fileName, bytes);
      expect(res.statusCode, fileName).toBe(400);
      expect(errorOf(res), fileName).toEqual({ code: 'zip_bomb', message });
      expect(existsSync(files().pathOf(sm3(bytes))), `${fileName} is not stored`).toBe(false);
    }
    const report = await call(app, as.liaisonA, 'GET', `/api/reports/${fx().reports.a}`);
    const names = report.json<{ attachments: { fileName: string }[] }>().attachments.map((a) => a.fileName);
    for (const [fileName] of cases) expect(names).not.toContain(fileName);
  });

  it('answers 500 file_corrupt for a file changed on disk', async () => {
    await setReport(fx(), fx().reports.a, { status: 'draft', authorKey: 'liaisonA' });
    const view = (await upload('liaisonA', fx().reports.a, '说明.txt', TEXT)).json<{ id: number; checksum: string }>();
    writeFileSync(files().pathOf(view.checksum), '篡改后的内容');
    const res = await call(app, as.office, 'GET', `/api/attachments/${view.id}`);
    expect(res.statusCode).toBe(500);
    expect(errorOf(res).code).toBe('file_corrupt');
    expect(errorOf(res).message).toMatch(CHINESE);
    writeFileSync(files().pathOf(view.checksum), TEXT);
  });

  it('deletes only while the report is open, and only for who may write it', async () => {
    await setReport(fx(), fx().reports.a, { status: 'returned', authorKey: 'liaisonA' });
    const view = (await upload('liaisonA', fx().reports.a, '作废.pdf', PDF)).json<{ id: number }>();
    await setReport(fx(), fx().reports.a, { status: 'approved', authorKey: 'liaisonA' });
    const closed = await call(app, as.liaisonA, 'DELETE', `/api/attachments/${view.id}`);
    expect(closed.statusCode).toBe(409);
    expect(errorOf(closed).code).toBe('invalid_state');
    expect((await upload('liaisonA', fx().reports.a, '补充.pdf', PDF)).statusCode).toBe(409);

    await setReport(fx(), fx().reports.a, { status: 'draft', authorKey: 'liaisonA' });
    expect((await call(app, as.liaisonB, 'DELETE', `/api/attachments/${view.id}`)).statusCode).toBe(403);
    expect((await call(app, as.leader, 'DELETE', `/api/attachments/${view.id}`)).statusCode).toBe(403);
    const gone = await call(app, as.liaisonA, 'DELETE', `/api/attachments/${view.id}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await call(app, as.liaisonA, 'GET', `/api/attachments/${view.id}`)).statusCode).toBe(404);
    const listed = (await call(app, as.liaisonA, 'GET', `/api/reports/${fx().reports.a}`)).json<{ attachments: { id: number }[] }>();
    expect(listed.attachments.map((a) => a.id)).not.toContain(view.id);
  });

  it('keeps a draft’s evidence from other units and observers, and opens it once the report is accepted', async () => {
    await setReport(fx(), fx().reports.b, { status: 'draft', authorKey: 'liaisonB' });
    const view = (await upload('liaisonB', fx().reports.b, '商务局材料.pdf', PDF)).json<{ id: number }>();
    for (const who of ['liaisonA', 'observer', 'leader'] as const)
      expect((await call(app, as[who], 'GET', `/api/attachments/${view.id}`)).statusCode, who).toBe(403);
    await setReport(fx(), fx().reports.b, { status: 'accepted', authorKey: 'liaisonB' });
    for (const who of ['liaisonA', 'observer', 'leader'] as const)
      expect((await call(app, as[who], 'GET', `/api/attachments/${view.id}`)).statusCode, who).toBe(200);
  });
});
