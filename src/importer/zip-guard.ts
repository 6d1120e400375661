/**
 * A guard in front of every reader of ZIP containers: the .docx and .xlsx
 * front ends, and the attachment sniffer (OFD and Office files). The
 * libraries that read these formats inflate whatever the archive holds into
 * memory, so a hostile or broken file can exhaust memory (a "zip bomb") or
 * crash deep inside a library with a stack trace.
 *
 * yauzl reads the archive: end records (ZIP64 included), the central
 * directory, local headers, and each entry as a stream. This module adds the
 * limits and the clerk-facing answers. checkZip reads the directory only and
 * compares the declared sizes with limits, without inflating anything, so it
 * answers in time proportional to the directory, not to the content.
 *
 * Declared sizes can lie. checkInflatedSizes closes that gap: it inflates each
 * entry as a stream, keeping nothing, counts the bytes that come out, and
 * stops as soon as the count passes the entry's limit, the total, the ratio
 * or far beyond what the entry declared. readEntries gives a reader the few parts it must inspect
 * itself before handing the file to a library, each inflated no further than
 * its declared size (zlib's output limit for small parts, yauzl's size
 * validation on the stream for large ones).
 */
import { Writable, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportError } from './errors.js';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipInfo {
  entries: ZipEntry[];
}

export interface ZipLimits {
  /** Largest sum of uncompressed sizes, in bytes: declared (checkZip) and inflated (checkInflatedSizes). */
  maxTotalUncompressed: number;
  /** Largest uncompressed size of one entry, in bytes, declared and inflated. */
  maxEntryUncompressed: number;
  /** Largest uncompressed:compressed ratio for entries above ratioThreshold, declared and inflated. */
  maxRatio: number;
  /** Entries at or below this uncompressed size are exempt from the ratio rule. */
  ratioThreshold: number;
  maxEntries: number;
}

const MB = 1024 * 1024;
/** Output beyond the declared size, up to this much (or double), counts as damage rather than a bomb. */
const BOMB_MARGIN = 10 * MB;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 200 * MB,
  maxEntryUncompressed: 100 * MB,
  maxRatio: 100,
  ratioThreshold: 1 * MB,
  maxEntries: 10_000,
};

/** A directory entry as yauzl read it, with its name decoded (see decodeName). */
interface Listed {
  name: string;
  entry: Entry;
}

/** Reads and checks the directory only, inflating nothing: declared sizes, ratios and the entry count against the limits. */
export async function checkZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<ZipInfo> {
  const { zip, entries } = await openChecked(bytes, { ...DEFAULT_ZIP_LIMITS, ...limits });
  zip.close();
  return listing(entries);
}

function listing(entries: Listed[]): ZipInfo {
  return { entries: entries.map(({ name, entry }) => ({ name, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize })) };
}

/**
 * Inflates every entry as a stream, counting the bytes that actually come out
 * and keeping none, and stops as soon as the count passes a cap: the entry's
 * limit, what is left of the total, the ratio limit for its compressed bytes,
 * or its declared size plus a margin (a liar is stopped early, long before
 * the absolute limits). The directory's sizes are never what is trusted: an
 * entry must inflate to exactly what it declared, and a small excess is
 * damage while a large one is a bomb. Run it before a library unzips.
 */
export async function checkInflatedSizes(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<ZipInfo> {
  const all = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const { zip, entries } = await openChecked(bytes, all);
  try {
    let total = 0;
    for (const { name, entry } of entries) {
      if (entry.isEncrypted()) throw new ImportError('unsupported', '文件已加密，请先在 Office 中取消密码后再导入');
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new ImportError('unsupported', `文件使用了不支持的压缩方式（${entry.compressionMethod}），请在 Office 中另存后再导入`);
      }
      // Stored: yauzl has checked that both sizes agree, and the bytes are in the file.
      const size = entry.compressionMethod === 0 ? entry.uncompressedSize : await inflatedWithin(zip, name, entry, all, total);
      total += size;
      if (total > all.maxTotalUncompressed) throw overTotal(all);
    }
    return listing(entries);
  } finally {
    zip.close();
  }
}

/** The inflated size of a deflated entry, which must be its declared size; refuses it as soon as it passes a cap. */
async function inflatedWithin(zip: ZipFile, name: string, entry: Entry, limits: ZipLimits, inflatedSoFar: number): Promise<number> {
  const declared = entry.uncompressedSize;
  const caps: [number, () => ImportError][] = [
    [limits.maxEntryUncompressed, () => tooLarge(`文件中的“${name}”解压后超过 ${formatBytes(limits.maxEntryUncompressed)} 上限，疑似压缩炸弹，已拒绝`)],
    [limits.maxTotalUncompressed - inflatedSoFar, () => overTotal(limits)],
    [Math.max(limits.ratioThreshold, entry.compressedSize * limits.maxRatio), () => overRatio(name, limits)],
    [declared + Math.max(declared, BOMB_MARGIN), () => tooLarge(`文件中的“${name}”解压后远超其声明的 ${formatBytes(declared)}，疑似压缩炸弹，已拒绝`)],
  ];
  const [cap, refusal] = caps.reduce((a, b) => (b[0] < a[0] ? b : a));
  const size = await inflatedSize(zip, entry, cap).catch(() => {
    throw corrupt();
  });
  if (size > cap) throw refusal();
  if (size !== declared) throw corrupt();
  return size;
}

/**
 * The contents of the entries whose names pass `wanted`, one at a time, in
 * archive order; the directory is read once and checked against the default
 * limits. Inflating an entry stops as soon as it passes its declared size.
 */
export async function* readEntries(bytes: Uint8Array, wanted: (name: string) => boolean): AsyncGenerator<[string, Uint8Array]> {
  const { zip, entries } = await openChecked(bytes, DEFAULT_ZIP_LIMITS);
  try {
    for (const { name, entry } of entries) {
      if (wanted(name)) yield [name, await inflateEntry(zip, entry)];
    }
  } finally {
    zip.close();
  }
}

/** The content of one entry, or null when the archive has no such entry. */
export async function readEntry(bytes: Uint8Array, name: string): Promise<Uint8Array | null> {
  for await (const [, data] of readEntries(bytes, (n) => n === name)) return data;
  return null;
}

/**
 * Entries up to this declared size are inflated in one call, with zlib's own
 * output limit as the cap: a zlib stream per small part costs more than the
 * part (a 16-part workbook took 2 ms instead of 0.5).
 */
const SYNC_INFLATE_MAX = 1 * MB;

async function inflateEntry(zip: ZipFile, entry: Entry): Promise<Uint8Array> {
  if (!entry.canDecodeFileData()) {
    throw new ImportError('unsupported', '文件已加密或使用了不支持的压缩方式，请在 Office 中另存后再导入');
  }
  const declared = entry.uncompressedSize;
  let out: Buffer;
  try {
    out =
      entry.compressionMethod === 8 && declared <= SYNC_INFLATE_MAX
        ? inflateRawSync(await rawData(zip, entry), { maxOutputLength: declared + 1 })
        : // yauzl's stream fails as soon as the output passes the declared size (validateEntrySizes).
          await collect(await zip.openReadStreamPromise(entry), declared);
  } catch {
    throw corrupt();
  }
  if (out.length !== declared) throw corrupt();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/**
 * Inflated length of a deflated entry, or a number above cap as soon as the
 * output passes it. The entry's raw bytes come from yauzl and are inflated
 * here, because yauzl's own inflating stream stops at the declared size and
 * cannot tell a slightly damaged entry from a bomb.
 */
async function inflatedSize(zip: ZipFile, entry: Entry, cap: number): Promise<number> {
  if (entry.uncompressedSize <= SYNC_INFLATE_MAX) {
    try {
      return inflateRawSync(await rawData(zip, entry), { maxOutputLength: cap }).length;
    } catch (err) {
      // Node signals "output would pass maxOutputLength" with a RangeError.
      if (err instanceof RangeError) return cap + 1;
      throw err;
    }
  }
  let total = 0;
  await drain(await zip.openReadStreamPromise(entry, { decodeFileData: false }), cap, (chunk) => (total += chunk.length), createInflateRaw());
  return total;
}

/** The entry's compressed bytes, as stored; yauzl's stream ends at the compressed size. */
async function rawData(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return collect(await zip.openReadStreamPromise(entry, { decodeFileData: false }), entry.compressedSize);
}

/** A stream's bytes, or what came up to one chunk past cap, where it was stopped. */
async function collect(stream: Readable, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await drain(stream, cap, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}

class CapPassed extends Error {}

/**
 * Reads a stream to its end (through a transform, if given), handing each
 * chunk on; stops every stream as soon as more than cap bytes have come.
 */
async function drain(source: Readable, cap: number, onChunk: (chunk: Buffer) => void, through?: Transform): Promise<void> {
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      onChunk(chunk);
      done(total > cap ? new CapPassed() : null);
    },
  });
  try {
    await (through === undefined ? pipeline(source, sink) : pipeline(source, through, sink));
  } catch (err) {
    if (!(err instanceof CapPassed)) throw err;
  }
}

/** Opens the archive and reads and checks its whole directory; every failure becomes ImportError. The caller closes the ZipFile. */
async function openChecked(bytes: Uint8Array, limits: ZipLimits): Promise<{ zip: ZipFile; entries: Listed[] }> {
  if (looksLikeOle(bytes)) {
    throw new ImportError('unsupported', '这是旧版 Word/Excel 文件（.doc/.xls）或加密文件，请在 Office 中另存为 .docx/.xlsx 后再导入');
  }
  const zip = await open(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw tooLarge(`文件内含 ${zip.entryCount} 个部件，超过 ${limits.maxEntries} 个的上限，疑似压缩炸弹，已拒绝`);
    }
    const entries: Listed[] = [];
    for await (const entry of zip.eachEntry()) {
      entries.push({ name: decodeName(entry.fileNameRaw, (entry.generalPurposeBitFlag & 0x800) !== 0), entry });
    }
    // The local header must be where the directory says and the data inside the file: this makes the
    // compressed sizes real, so the ratio rule compares against bytes actually present.
    for (const { entry } of entries) await zip.readLocalFileHeaderPromise(entry, { minimal: true });
    checkSizes(entries, limits);
    return { zip, entries };
  } catch (err) {
    zip.close();
    throw asImportError(err);
  }
}

/**
 * yauzl, with the directory's names left as bytes (decodeName reads them) and
 * every entry's sizes validated. yauzl wants the end record to end the file;
 * a file padded in transfer is read again without its padding.
 */
async function open(buffer: Buffer): Promise<ZipFile> {
  const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true };
  try {
    return await yauzl.fromBufferPromise(buffer, options);
  } catch (err) {
    const end = err instanceof Error && err.message.startsWith('Invalid comment length') ? endOfLastRecord(buffer) : -1;
    if (end < 0) throw asImportError(err);
    return yauzl.fromBufferPromise(buffer.subarray(0, end), options).catch((again: unknown) => {
      throw asImportError(again);
    });
  }
}

const SIG_EOCD = 0x06054b50;
const EOCD_SIZE = 22;

/** Where the last end-of-central-directory record whose comment fits in the file ends, or -1. */
function endOfLastRecord(buffer: Buffer): number {
  for (let p = buffer.length - EOCD_SIZE; p >= Math.max(0, buffer.length - EOCD_SIZE - 0xffff); p--) {
    if (buffer.readUInt32LE(p) !== SIG_EOCD) continue;
    const end = p + EOCD_SIZE + buffer.readUInt16LE(p + 20);
    if (end <= buffer.length) return end;
  }
  return -1;
}

/** yauzl's errors say what is wrong in English; a clerk gets one sentence per kind of problem. */
function asImportError(err: unknown): ImportError {
  if (err instanceof ImportError) return err;
  const message = err instanceof Error ? err.message : '';
  if (message.startsWith('multi-disk')) {
    return new ImportError('unsupported', '这是分卷压缩文件，无法导入，请提供完整的 .docx/.xlsx 文件');
  }
  if (message.startsWith('strong encryption')) {
    return new ImportError('unsupported', '文件已加密，请先在 Office 中取消密码后再导入');
  }
  return corrupt();
}

function checkSizes(entries: Listed[], limits: ZipLimits): void {
  let total = 0;
  for (const { name, entry } of entries) {
    const { uncompressedSize: size, compressedSize } = entry;
    if (size > limits.maxEntryUncompressed) {
      throw tooLarge(`文件中的“${name}”解压后为 ${formatBytes(size)}，超过 ${formatBytes(limits.maxEntryUncompressed)} 上限，疑似压缩炸弹，已拒绝`);
    }
    if (size > limits.ratioThreshold && size / Math.max(compressedSize, 1) > limits.maxRatio) throw overRatio(name, limits);
    total += size;
  }
  if (total > limits.maxTotalUncompressed) throw overTotal(limits);
}

function overTotal(limits: ZipLimits): ImportError {
  return tooLarge(`文件解压后超过 ${formatBytes(limits.maxTotalUncompressed)} 上限，疑似压缩炸弹，已拒绝`);
}

function overRatio(name: string, limits: ZipLimits): ImportError {
  return tooLarge(`文件中的“${name}”压缩比超过 ${limits.maxRatio}:1 上限，疑似压缩炸弹，已拒绝`);
}

/**
 * Names without the UTF-8 flag come from old or Chinese-locale tools (WPS,
 * Windows in Chinese): try UTF-8, then GB18030. yauzl would read them as
 * CP437, which garbles every Chinese name in our messages.
 */
function decodeName(raw: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    try {
      return new TextDecoder('gb18030').decode(raw);
    } catch {
      return new TextDecoder('latin1').decode(raw);
    }
  }
}

/** OLE compound files: legacy .doc/.xls, and password-protected .docx/.xlsx. */
function looksLikeOle(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${v.toFixed(digits)} ${units[i] ?? 'B'}`;
}

function corrupt(): ImportError {
  return new ImportError('corrupt', '文件已损坏或不完整，无法作为 Word/Excel 文档读取');
}

function tooLarge(message: string): ImportError {
  return new ImportError('zip_bomb', message);
}
