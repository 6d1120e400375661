/**
 * Evidence files, kept outside the database. A file is named by its SM3
 * checksum (under a two-character subdirectory), so identical content is
 * stored once and a file cannot be swapped without its name ceasing to match
 * its bytes: every read recomputes the checksum and refuses a mismatch.
 * Writes go to a temporary file that is flushed and then renamed into place,
 * so a reader never sees half a file, even after a power cut.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { sm3 } from '../crypto/index.js';
import type { Store } from './connection.js';

export interface FileStore {
  /** Where the files are. */
  readonly directory: string;
  /** Stores the bytes (once per content) and returns their checksum, SM3 in lowercase hex. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes stored under the checksum; FileCorruptError when they are missing or do not match it. */
  get(checksum: string): Promise<Uint8Array>;
  /** The file's path, for operators and tests. */
  pathOf(checksum: string): string;
}

/** A stored file is missing or its content no longer matches its checksum: damage or tampering. */
export class FileCorruptError extends Error {
  constructor(
    readonly checksum: string,
    readonly reason: 'missing' | 'mismatch',
  ) {
    super(`stored file ${checksum} is ${reason === 'missing' ? 'missing' : 'corrupt (checksum mismatch)'}`);
    this.name = 'FileCorruptError';
  }
}

const CHECKSUM = /^[0-9a-f]{64}$/;

/**
 * Where files go: the configured folder (LUOSHI_FILES), else `files/` beside
 * the SQLite database file, else `data/files` (PostgreSQL, or SQLite in memory).
 */
export function defaultFilesDirectory(store: Pick<Store, 'file'>, configured?: string): string {
  if (configured !== undefined && configured.trim() !== '') return resolve(configured.trim());
  if (store.file !== null) return join(dirname(store.file), 'files');
  return resolve('data/files');
}

export function openFileStore(directory: string): FileStore {
  const root = resolve(directory);
  const pathOf = (checksum: string): string => {
    // The checksum becomes a path: anything but 64 hex digits could climb out of the directory.
    if (!CHECKSUM.test(checksum)) throw new Error(`not an SM3 checksum: ${checksum}`);
    return join(root, checksum.slice(0, 2), checksum);
  };

  async function matches(path: string, checksum: string): Promise<boolean> {
    try {
      return sm3(await readFile(path)) === checksum;
    } catch (err) {
      if (isCode(err, 'ENOENT')) return false;
      throw err;
    }
  }

  return {
    directory: root,
    pathOf,

    async put(bytes) {
      const checksum = sm3(bytes);
      const path = pathOf(checksum);
      // Identical content is stored once; a damaged copy is replaced by the good bytes.
      if (await matches(path, checksum)) return checksum;
      await mkdir(dirname(path), { recursive: true });
      const temp = join(dirname(path), `.${checksum}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await open(temp, 'wx', 0o640);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      await syncDirectory(dirname(path));
      return checksum;
    },

    async get(checksum) {
      let bytes: Buffer;
      try {
        bytes = await readFile(pathOf(checksum));
      } catch (err) {
        if (isCode(err, 'ENOENT')) throw new FileCorruptError(checksum, 'missing');
        throw err;
      }
      if (sm3(bytes) !== checksum) throw new FileCorruptError(checksum, 'mismatch');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

/**
 * A government's own area of the file store (ADR 0031): `governments/<id>/` below the folder, so that one
 * government's files are kept, copied and removed apart from another's, and identical bytes are never shared
 * across governments. The install's first government keeps the folder itself, as a single-government install
 * always has (its files stay where they are).
 */
export function governmentArea(files: FileStore, governmentId: number, firstGovernmentId: number): FileStore {
  if (governmentId === firstGovernmentId) return files;
  return openFileStore(join(files.directory, 'governments', String(governmentId)));
}

/** Opens the store of an app's database: the configured folder (LUOSHI_FILES), else the default one. */
export const fileStoreFor = (store: Pick<Store, 'file'>, configured?: string): FileStore => openFileStore(defaultFilesDirectory(store, configured));

/** Makes the rename itself durable. Some platforms cannot open a directory for syncing; there the rename is as durable as they allow. */
async function syncDirectory(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (err) {
    if (!isCode(err, 'EISDIR') && !isCode(err, 'EPERM') && !isCode(err, 'EINVAL')) throw err;
  } finally {
    await handle?.close();
  }
}

const isCode = (err: unknown, code: string): boolean => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
