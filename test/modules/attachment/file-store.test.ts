/** The file store: content-addressed by SM3, written atomically, verified on every read. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sm3 } from '../../../src/crypto/index.js';
import { defaultFilesDirectory, FileCorruptError, governmentArea, openFileStore, type FileStore } from '../../../src/store/files.js';
import { PNG, TEXT } from './samples.js';

describe('the file store', () => {
  let dir: string;
  let files: FileStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-files-'));
    files = openFileStore(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names a file by its SM3 checksum and gives the same bytes back', async () => {
    const checksum = await files.put(PNG);
    expect(checksum).toBe(sm3(PNG));
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(files.pathOf(checksum)).toBe(join(dir, checksum.slice(0, 2), checksum));
    expect(new Uint8Array(readFileSync(files.pathOf(checksum)))).toEqual(PNG);
    expect(await files.get(checksum)).toEqual(PNG);
  });

  it("keeps each government's files in its own area, the first government's where they have always been", async () => {
    const first = governmentArea(files, 1, 1);
    const county = governmentArea(files, 7, 1);
    const checksum = await county.put(PNG);
    expect(county.pathOf(checksum)).toBe(join(dir, 'governments', '7', checksum.slice(0, 2), checksum));
    expect(await county.get(checksum)).toEqual(PNG);
    // Not shared: the same bytes are not the other government's until it stores them itself.
    await expect(first.get(checksum)).rejects.toMatchObject({ reason: 'missing' });
    await expect(governmentArea(files, 8, 1).get(checksum)).rejects.toMatchObject({ reason: 'missing' });
    expect((await first.put(PNG)) && first.pathOf(checksum)).toBe(join(dir, checksum.slice(0, 2), checksum));
  });

  it('stores identical content once and leaves no temporary file behind', async () => {
    const a = await files.put(TEXT);
    const b = await files.put(new Uint8Array(TEXT));
    expect(a).toBe(b);
    expect(readdirSync(dirname(files.pathOf(a)))).toEqual([a]);
  });

  it('refuses a file whose content no longer matches its checksum, and a missing one', async () => {
    const checksum = await files.put(TEXT);
    writeFileSync(files.pathOf(checksum), '已被篡改的内容');
    await expect(files.get(checksum)).rejects.toMatchObject({ name: 'FileCorruptError', reason: 'mismatch', checksum });
    // Putting the good bytes again repairs the damaged copy.
    await files.put(TEXT);
    expect(await files.get(checksum)).toEqual(TEXT);
    rmSync(files.pathOf(checksum));
    await expect(files.get(checksum)).rejects.toBeInstanceOf(FileCorruptError);
    await expect(files.get(checksum)).rejects.toMatchObject({ reason: 'missing' });
  });

  it('never turns something other than a checksum into a path', async () => {
    await expect(files.get('../../etc/passwd')).rejects.toThrow(/not an SM3 checksum/);
    expect(() => files.pathOf('ABCD')).toThrow();
  });

  it('lives in the configured folder (LUOSHI_FILES), else beside the SQLite file, else in data/files', () => {
    expect(defaultFilesDirectory({ file: '/srv/luoshi/luoshi.db' }, '/mnt/evidence')).toBe(resolve('/mnt/evidence'));
    expect(defaultFilesDirectory({ file: '/srv/luoshi/luoshi.db' })).toBe('/srv/luoshi/files');
    expect(defaultFilesDirectory({ file: null })).toBe(resolve('data/files'));
  });
});
