import { Document, Packer, Paragraph } from 'docx';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/importer/errors.js';
import { checkInflatedSizes, checkZip, formatBytes, readEntries, readEntry } from '../../src/importer/zip-guard.js';
import { buildZip, concat, deflatedZeros } from './zip-fixture.js';

const MB = 1024 * 1024;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ImportError) return err.code;
    throw err;
  }
  return 'ok';
}

async function errorOf(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error('expected an ImportError');
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

let docxBytes: Uint8Array;

beforeAll(async () => {
  const doc = new Document({ sections: [{ children: [new Paragraph('示例通知正文，纯属虚构。')] }] });
  docxBytes = new Uint8Array(await Packer.toBuffer(doc));
});

describe('checkZip on valid archives', () => {
  it('lists entries with their sizes', async () => {
    const zip = buildZip([
      { name: 'a.txt', content: '你好，世界', stored: true },
      { name: 'dir/b.xml', content: '<x>' + 'y'.repeat(500) + '</x>' },
    ]);
    const info = await checkZip(zip);
    expect(info.entries.map((e) => e.name)).toEqual(['a.txt', 'dir/b.xml']);
    expect(info.entries[0]).toEqual({ name: 'a.txt', compressedSize: 15, uncompressedSize: 15 });
    expect(info.entries[1]?.uncompressedSize).toBe(507);
    expect(info.entries[1]?.compressedSize).toBeLessThan(507);
  });

  it('reads a Word document made by a real writer', async () => {
    const names = (await checkZip(docxBytes)).entries.map((e) => e.name);
    expect(names).toContain('word/document.xml');
    expect(names).toContain('[Content_Types].xml');
  });

  it('accepts an archive comment and ZIP64 end records', async () => {
    const zip = buildZip([{ name: 'word/document.xml', content: '<w/>' }], { zip64End: true, comment: '注释' });
    expect((await checkZip(zip)).entries.map((e) => e.name)).toEqual(['word/document.xml']);
  });

  it('reads names written without the UTF-8 flag as UTF-8, else as GB18030', async () => {
    const gbk = new Uint8Array([0xc8, 0xce, 0xce, 0xf1, 0x2e, 0x78, 0x6d, 0x6c]); // 任务.xml
    const zip = buildZip([
      { name: '', rawName: gbk, content: 'a' },
      { name: '', rawName: new TextEncoder().encode('附件.xml'), content: 'b' },
    ]);
    expect((await checkZip(zip)).entries.map((e) => e.name)).toEqual(['任务.xml', '附件.xml']);
  });

  it('reads an archive padded after its end record, as transfer tools sometimes leave it', async () => {
    const zip = concat([buildZip([{ name: 'word/document.xml', content: '<w/>' }]), new Uint8Array(100)]);
    expect((await checkZip(zip)).entries.map((e) => e.name)).toEqual(['word/document.xml']);
    expect(new TextDecoder().decode((await readEntry(zip, 'word/document.xml')) ?? new Uint8Array())).toBe('<w/>');
  });

  it('reads a view into a larger buffer', async () => {
    const zip = buildZip([{ name: 'a', content: 'b' }]);
    const padded = concat([new Uint8Array(7), zip]);
    expect((await checkZip(padded.subarray(7))).entries).toHaveLength(1);
  });
});

describe('readEntry and readEntries', () => {
  it('return entry contents, stored or deflated', async () => {
    const zip = buildZip([
      { name: 'a.txt', content: '甲', stored: true },
      { name: 'b.xml', content: '<乙/>'.repeat(100) },
    ]);
    const text = (b: Uint8Array | null): string => new TextDecoder().decode(b ?? new Uint8Array());
    expect(text(await readEntry(zip, 'a.txt'))).toBe('甲');
    expect(text(await readEntry(zip, 'b.xml'))).toBe('<乙/>'.repeat(100));
    expect(await readEntry(zip, 'missing')).toBeNull();
    expect((await all(readEntries(zip, (n) => n.endsWith('.xml')))).map(([n]) => n)).toEqual(['b.xml']);
  });

  it('refuse an entry whose content does not match its declared size', async () => {
    const zip = buildZip([{ name: 'a.xml', rawData: deflated(5000), declaredSize: 1000 }]);
    expect(await codeOf(readEntry(zip, 'a.xml'))).toBe('corrupt');
  });

  it.each([
    ['10 kB', 10_000],
    ['2 MB', 2 * MB],
  ])('stop inflating a lying entry declared as %s as soon as it passes its size', async (_size, declaredSize) => {
    // 4 GB of zeros in 4 MB of deflate data behind a lying directory: inflating it all would take seconds.
    const zip = buildZip([{ name: 'xl/worksheets/sheet1.xml', rawData: deflatedZeros(4096), declaredSize }]);
    const started = Date.now();
    expect(await codeOf(readEntry(zip, 'xl/worksheets/sheet1.xml'))).toBe('corrupt');
    expect(await codeOf(checkInflatedSizes(zip))).toBe('zip_bomb');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('read entries above 1 MB whole', async () => {
    // Random letters: content that compresses like text, not like a bomb.
    const big = new Uint8Array(randomBytes(3 * MB)).map((b) => 97 + (b % 26));
    const zip = buildZip([{ name: 'xl/sharedStrings.xml', content: big }]);
    expect(await codeOf(checkInflatedSizes(zip))).toBe('ok');
    const read = (await readEntry(zip, 'xl/sharedStrings.xml')) ?? new Uint8Array();
    expect(Buffer.compare(read, big)).toBe(0);
  });
});

describe('checkZip rejects zip bombs without inflating', () => {
  it('rejects a declared 5 GB entry quickly, with the size in the message', async () => {
    const zip = buildZip([{ name: 'word/document.xml', rawData: new Uint8Array(100), declaredSize: 5 * 1024 * MB }]);
    const started = Date.now();
    const err = await errorOf(checkZip(zip));
    expect(err.code).toBe('zip_bomb');
    expect(err.message).toContain('5.0 GB');
    expect(err.message).not.toContain('\n');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects one entry above 100 MB even when its ratio is modest', async () => {
    const zip = buildZip([{ name: 'big.bin', rawData: new Uint8Array(2 * MB), declaredSize: 150 * MB }]);
    expect(await codeOf(checkZip(zip))).toBe('zip_bomb');
  });

  it('rejects a total above the limit', async () => {
    const entries = [1, 2, 3].map((i) => ({ name: `part${i}.xml`, rawData: new Uint8Array(1000), declaredSize: 90_000 }));
    const zip = buildZip(entries);
    expect(await codeOf(checkZip(zip))).toBe('ok');
    const err = await errorOf(checkZip(zip, { maxTotalUncompressed: 200_000 }));
    expect(err.code).toBe('zip_bomb');
    expect(err.message).toContain('压缩炸弹');
  });

  it('rejects a ratio above 100:1 for entries above 1 MB, not below', async () => {
    const over = buildZip([{ name: 'x.xml', rawData: new Uint8Array(10_000), declaredSize: 2 * MB }]);
    expect(await codeOf(checkZip(over))).toBe('zip_bomb');
    const small = buildZip([{ name: 'x.xml', rawData: new Uint8Array(10), declaredSize: 900_000 }]);
    expect(await codeOf(checkZip(small))).toBe('ok');
  });

  it('rejects more than 10,000 entries', async () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}`, stored: true }));
    const err = await errorOf(checkZip(buildZip(entries)));
    expect(err.code).toBe('zip_bomb');
    expect(err.message).toBe('文件内含 10001 个部件，超过 10000 个的上限，疑似压缩炸弹，已拒绝');
  });

  it('catches an entry that inflates far beyond its declared size', async () => {
    const zip = buildZip([{ name: 'word/document.xml', rawData: deflated(40 * MB), declaredSize: 1000 }]);
    expect(await codeOf(checkZip(zip))).toBe('ok');
    expect(await codeOf(checkInflatedSizes(zip))).toBe('zip_bomb');
  });

  it('calls a small size mismatch damage, not a bomb', async () => {
    const zip = buildZip([{ name: 'word/document.xml', rawData: deflated(5000), declaredSize: 1000 }]);
    expect(await codeOf(checkInflatedSizes(zip))).toBe('corrupt');
    const bad = buildZip([{ name: 'a.xml', rawData: new Uint8Array([0xff, 0xff, 0xff]), declaredSize: 10 }]);
    expect(await codeOf(checkInflatedSizes(bad))).toBe('corrupt');
  });

  it('lets honest entries through the inflation check', async () => {
    const zip = buildZip([
      { name: 'a.xml', content: 'x'.repeat(50_000) },
      { name: 'b', content: 'y', stored: true },
    ]);
    expect(await codeOf(checkInflatedSizes(zip))).toBe('ok');
    expect(await codeOf(checkInflatedSizes(docxBytes))).toBe('ok');
  });
});

describe('checkInflatedSizes counts the bytes that come out, not the declared ones', () => {
  it('stops a lying directory (10 kB declared, 1 GB inside) within a second, naming what it declared', async () => {
    const zip = buildZip([{ name: 'word/document.xml', rawData: deflatedZeros(1024), declaredSize: 10_000 }]);
    expect(await codeOf(checkZip(zip)), 'the directory alone looks honest').toBe('ok');
    const started = Date.now();
    const err = await errorOf(checkInflatedSizes(zip));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err.code).toBe('zip_bomb');
    expect(err.message).toBe('文件中的“word/document.xml”解压后远超其声明的 9.8 KB，疑似压缩炸弹，已拒绝');
  });

  it('stops an entry at the entry limit, whatever it declared', async () => {
    const letters = new Uint8Array(randomBytes(3 * MB)).map((b) => 97 + (b % 26));
    const zip = buildZip([{ name: 'xl/sharedStrings.xml', rawData: new Uint8Array(deflateRawSync(letters)), declaredSize: MB }]);
    const err = await errorOf(checkInflatedSizes(zip, { maxEntryUncompressed: 2 * MB }));
    expect(err.code).toBe('zip_bomb');
    expect(err.message).toBe('文件中的“xl/sharedStrings.xml”解压后超过 2.0 MB 上限，疑似压缩炸弹，已拒绝');
  });

  it('stops an entry at the ratio limit on the bytes that come out, though its declared size is exempt', async () => {
    // 50 MB of zeros in 50 kB, declared as 900 kB: below the 1 MB threshold the directory check leaves alone.
    const zip = buildZip([{ name: 'word/media/image1.png', rawData: deflatedZeros(50), declaredSize: 900_000 }]);
    expect(await codeOf(checkZip(zip))).toBe('ok');
    const err = await errorOf(checkInflatedSizes(zip));
    expect(err.code).toBe('zip_bomb');
    expect(err.message).toBe('文件中的“word/media/image1.png”压缩比超过 100:1 上限，疑似压缩炸弹，已拒绝');
  });

  it('names the limits an honest bomb passes in its directory', async () => {
    const big = buildZip([{ name: 'a.bin', rawData: deflatedZeros(150), declaredSize: 150 * MB }]);
    expect((await errorOf(checkInflatedSizes(big))).message).toBe('文件中的“a.bin”解压后为 150 MB，超过 100 MB 上限，疑似压缩炸弹，已拒绝');
    const dense = buildZip([{ name: 'a.bin', rawData: deflatedZeros(50), declaredSize: 50 * MB }]);
    expect((await errorOf(checkInflatedSizes(dense))).message).toBe('文件中的“a.bin”压缩比超过 100:1 上限，疑似压缩炸弹，已拒绝');
    const parts = [1, 2, 3].map((i) => ({ name: `part${i}.bin`, rawData: deflatedZeros(1), declaredSize: 60_000 }));
    expect((await errorOf(checkInflatedSizes(buildZip(parts), { maxTotalUncompressed: 100_000 }))).message).toBe(
      '文件解压后超过 97.7 KB 上限，疑似压缩炸弹，已拒绝',
    );
  });

  it('lists the entries it has checked', async () => {
    const zip = buildZip([{ name: 'a.xml', content: '<a/>' }]);
    expect((await checkInflatedSizes(zip)).entries.map((e) => e.name)).toEqual(['a.xml']);
  });
});

describe('checkZip rejects broken archives as corrupt', () => {
  it('rejects a truncated document', async () => {
    expect(await codeOf(checkZip(docxBytes.subarray(0, Math.floor(docxBytes.length / 2))))).toBe('corrupt');
  });

  it('rejects random bytes behind a PK header', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    bytes.set([0x50, 0x4b, 0x03, 0x04], 0);
    const err = await errorOf(checkZip(bytes));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/损坏/);
  });

  it('rejects empty and tiny inputs', async () => {
    expect(await codeOf(checkZip(new Uint8Array()))).toBe('corrupt');
    expect(await codeOf(checkZip(new Uint8Array([0x50, 0x4b, 0x05, 0x06])))).toBe('corrupt');
  });

  it('rejects a directory that points outside the file', async () => {
    const zip = buildZip([{ name: 'a', content: 'b' }]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(zip.length - 22 + 16, 1_000_000, true);
    expect(await codeOf(checkZip(zip))).toBe('corrupt');
  });

  it('rejects an entry count the directory cannot hold', async () => {
    const zip = buildZip([{ name: 'a', content: 'b' }]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint16(zip.length - 22 + 10, 9000, true);
    expect(await codeOf(checkZip(zip))).toBe('corrupt');
  });

  it('rejects compressed data that overruns the directory', async () => {
    const zip = buildZip([{ name: 'a', content: 'hello' }]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const central = zip.length - 22 - (46 + 1);
    view.setUint32(central + 20, 5000, true);
    expect(await codeOf(checkZip(zip))).toBe('corrupt');
  });

  it('rejects a ZIP64 marker without ZIP64 records', async () => {
    const zip = buildZip([{ name: 'a', content: 'b' }]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(zip.length - 22 + 16, 0xffffffff, true);
    expect(await codeOf(checkZip(zip))).toBe('corrupt');
  });

  it('names legacy .doc/.xls files instead of calling them corrupt', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const err = await errorOf(checkZip(ole));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('.docx');
  });

  it('never throws anything but ImportError on mangled documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: docxBytes.length }),
        fc.array(fc.tuple(fc.nat({ max: docxBytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        async (cut, flips) => {
          const bytes = docxBytes.slice(0, Math.max(cut, docxBytes.length - 200));
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          const code = await codeOf(checkInflatedSizes(bytes));
          expect(['ok', 'corrupt', 'zip_bomb', 'unsupported']).toContain(code);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formatBytes', () => {
  it('formats sizes for a clerk', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.2 * 1024 * MB)).toBe('3.2 GB');
    expect(formatBytes(150 * MB)).toBe('150 MB');
  });
});

function deflated(size: number): Uint8Array {
  return new Uint8Array(deflateRawSync(new Uint8Array(size)));
}
