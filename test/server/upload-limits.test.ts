/**
 * The notice import route, on both databases: a file over 20 MB and a ZIP
 * bomb are refused with sentences that name the limit, never as an invalid
 * field; nothing is imported.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.js';
import { buildZip, deflatedZeros } from '../importer/zip-fixture.js';
import { call, errorOf, signInAs, useApiFixture, type Session } from './api-fixture.js';

const MB = 1024 * 1024;
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describeEachDatabase('upload limits of the notice import', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let office: Session;
  beforeAll(async () => {
    office = await signInAs(fx().app, 'office');
  });

  const preview = (fileName: string, bytes: Uint8Array) => call(fx().app, office, 'POST', '/api/imports/preview', { fileName, content: b64(bytes) });

  it('says a 20.5 MB notice is over the 20 MB limit', async () => {
    const res = await preview('通知.txt', new Uint8Array(20.5 * MB).fill(0x41));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({ code: 'too_large', message: '文件为 20.5 MB，超过 20 MB 上限，已拒绝' });
  });

  it('refuses a Word notice whose directory lies, and an honest Excel bomb, naming the limit', async () => {
    const liar = buildZip([{ name: 'word/document.xml', rawData: deflatedZeros(1024), declaredSize: 10_000 }]);
    const lied = await preview('通知.docx', liar);
    expect(lied.statusCode).toBe(400);
    expect(errorOf(lied)).toEqual({ code: 'zip_bomb', message: '文件中的“word/document.xml”解压后远超其声明的 9.8 KB，疑似压缩炸弹，已拒绝' });

    const bomb = buildZip([
      { name: 'xl/workbook.xml', content: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', rawData: deflatedZeros(150), declaredSize: 150 * MB },
    ]);
    const honest = await preview('任务表.xlsx', bomb);
    expect(honest.statusCode).toBe(400);
    expect(errorOf(honest).code).toBe('zip_bomb');
    expect(errorOf(honest).message).toMatch(/超过 100 MB 上限/);
  });
});
