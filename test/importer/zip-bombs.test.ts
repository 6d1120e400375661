/**
 * The notice importer refuses ZIP bombs in Word and Excel notices for their
 * size, with a sentence that names the limit, before any library unzips them;
 * and a file over 20 MB for its size.
 */
import { describe, expect, it } from 'vitest';
import { importNotice } from '../../src/importer/index.js';
import { buildZip, deflatedZeros } from './zip-fixture.js';

const MB = 1024 * 1024;

async function refusal(bytes: Uint8Array): Promise<{ code: string; message: string }> {
  try {
    await importNotice(bytes);
  } catch (err) {
    const { code, message } = err as { code: string; message: string };
    return { code, message };
  }
  throw new Error('expected a refusal');
}

describe('importNotice and ZIP bombs', () => {
  it('stops a Word notice whose directory lies (10 kB declared, 1 GB inside) within a second', async () => {
    const liar = buildZip([{ name: 'word/document.xml', rawData: deflatedZeros(1024), declaredSize: 10_000 }]);
    const started = Date.now();
    expect(await refusal(liar)).toEqual({ code: 'zip_bomb', message: '文件中的“word/document.xml”解压后远超其声明的 9.8 KB，疑似压缩炸弹，已拒绝' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses an Excel notice that honestly declares 150 MB, and one whose 50 MB sheet is packed 1000:1', async () => {
    const big = buildZip([
      { name: 'xl/workbook.xml', content: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', rawData: deflatedZeros(150), declaredSize: 150 * MB },
    ]);
    expect(await refusal(big)).toEqual({
      code: 'zip_bomb',
      message: '文件中的“xl/worksheets/sheet1.xml”解压后为 150 MB，超过 100 MB 上限，疑似压缩炸弹，已拒绝',
    });
    const dense = buildZip([
      { name: 'xl/workbook.xml', content: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', rawData: deflatedZeros(50), declaredSize: 50 * MB },
    ]);
    expect(await refusal(dense)).toEqual({ code: 'zip_bomb', message: '文件中的“xl/worksheets/sheet1.xml”压缩比超过 100:1 上限，疑似压缩炸弹，已拒绝' });
  });

  it('refuses a Word notice of 10,001 parts', async () => {
    const swarm = buildZip([
      { name: 'word/document.xml', content: '<w:document/>' },
      ...Array.from({ length: 10_000 }, (_, i) => ({ name: `word/p${i}.xml`, stored: true })),
    ]);
    expect(await refusal(swarm)).toEqual({ code: 'zip_bomb', message: '文件内含 10001 个部件，超过 10000 个的上限，疑似压缩炸弹，已拒绝' });
  });

  it('says a 20.5 MB notice is over the 20 MB limit', async () => {
    expect(await refusal(new Uint8Array(20.5 * MB).fill(0x41))).toEqual({ code: 'too_large', message: '文件为 20.5 MB，超过 20 MB 上限，已拒绝' });
  });
});
