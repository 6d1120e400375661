/**
 * A guard in front of the .docx and .xlsx readers. Both formats are ZIP
 * archives, and the libraries that read them inflate whatever the archive
 * holds into memory. A hostile or broken file can therefore exhaust memory
 * (a "zip bomb") or crash deep inside a library with a stack trace.
 *
 * checkZip reads only the archive's directory (end-of-central-directory
 * record, optional ZIP64 records, central directory entries) and compares the
 * declared sizes with limits, without inflating anything, so it answers in
 * time proportional to the directory, not to the content.
 *
 * Declared sizes can lie. checkInflatedSizes closes that gap: it inflates each
 * entry, keeping nothing, and stops as soon as an entry produces far more
 * than it declared. readEntries gives a reader the few parts it must inspect
 * itself before handing the file to a library.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
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
  /** Largest sum of declared uncompressed sizes, in bytes. */
  maxTotalUncompressed: number;
  /** Largest declared uncompressed size of one entry, in bytes. */
  maxEntryUncompressed: number;
  /** Largest uncompressed:compressed ratio for entries above ratioThreshold. */
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

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

/** Internal: a broken structure. Turned into one clerk-facing message below. */
class Broken extends Error {}

/** Entry details kept for checkInflatedSizes, beyond what ZipInfo exposes. */
interface CentralEntry extends ZipEntry {
  method: number;
  flags: number;
  localOffset: number;
}

export function checkZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipInfo {
  const entries = readCentral(bytes, { ...DEFAULT_ZIP_LIMITS, ...limits });
  return { entries: entries.map(({ name, compressedSize, uncompressedSize }) => ({ name, compressedSize, uncompressedSize })) };
}

/**
 * Inflates every entry, counting bytes and keeping none, and compares the
 * count with the declared size. Run it after checkZip (which bounds the
 * declared sizes) and before a library unzips. A small excess is damage; an
 * excess far beyond the declaration is a bomb. Work is bounded by the
 * declared total plus one cap, because the first liar stops the scan.
 */
export async function checkInflatedSizes(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<void> {
  const entries = readCentral(bytes, { ...DEFAULT_ZIP_LIMITS, ...limits });
  for (const e of entries) {
    if ((e.flags & 1) !== 0) throw new ImportError('unsupported', '文件已加密，请先在 Office 中取消密码后再导入');
    if (e.method === 0) continue; // stored: readCentral already checked the sizes agree
    if (e.method !== 8) throw new ImportError('unsupported', `文件使用了不支持的压缩方式（${e.method}），请在 Office 中另存后再导入`);
    const cap = e.uncompressedSize + Math.max(e.uncompressedSize, BOMB_MARGIN);
    let size: number;
    try {
      size = await inflatedSize(entryData(bytes, e), cap);
    } catch {
      throw corrupt();
    }
    if (size > cap) throw tooLarge(`压缩包中“${e.name}”解压后远超其声明的大小，疑似压缩炸弹，已拒绝`);
    if (size !== e.uncompressedSize) throw corrupt();
  }
}

/**
 * The contents of the entries whose names pass `wanted`, one at a time, in
 * archive order; the directory is read once. Each is bounded by its declared
 * size, which checkZip has already capped.
 */
export function* readEntries(bytes: Uint8Array, wanted: (name: string) => boolean): Generator<[string, Uint8Array]> {
  for (const entry of readCentral(bytes, DEFAULT_ZIP_LIMITS)) {
    if (wanted(entry.name)) yield [entry.name, inflateEntry(bytes, entry)];
  }
}

/** The content of one entry, or null when the archive has no such entry. */
export function readEntry(bytes: Uint8Array, name: string): Uint8Array | null {
  for (const [, data] of readEntries(bytes, (n) => n === name)) return data;
  return null;
}

function inflateEntry(bytes: Uint8Array, entry: CentralEntry): Uint8Array {
  if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) {
    throw new ImportError('unsupported', '文件已加密或使用了不支持的压缩方式，请在 Office 中另存后再导入');
  }
  const data = entryData(bytes, entry);
  if (entry.method === 0) return data;
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch {
    throw corrupt();
  }
  if (out.length !== entry.uncompressedSize) throw corrupt();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Entries up to this declared size are inflated in one call: a stream per small part costs more than the part. */
const SYNC_INFLATE_MAX = 1 * MB;

/** Inflated length of raw deflate data, or a number above cap as soon as the output passes it. */
function inflatedSize(data: Uint8Array, cap: number): Promise<number> {
  if (cap <= SYNC_INFLATE_MAX + BOMB_MARGIN) {
    try {
      return Promise.resolve(inflateRawSync(data, { maxOutputLength: cap }).length);
    } catch (err) {
      // Node signals "output would pass maxOutputLength" with a RangeError.
      if (err instanceof RangeError) return Promise.resolve(cap + 1);
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
  return new Promise((resolve, reject) => {
    const z = createInflateRaw();
    let total = 0;
    z.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > cap) {
        z.destroy();
        resolve(total);
      }
    });
    z.on('end', () => resolve(total));
    z.on('error', reject);
    z.end(data);
  });
}

/** Reads and validates the whole directory; every structural failure becomes ImportError. */
function readCentral(bytes: Uint8Array, limits: ZipLimits): CentralEntry[] {
  if (looksLikeOle(bytes)) {
    throw new ImportError('unsupported', '这是旧版 Word/Excel 文件（.doc/.xls）或加密文件，请在 Office 中另存为 .docx/.xlsx 后再导入');
  }
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const dir = findDirectory(view);
    if (dir.count > limits.maxEntries) {
      throw tooLarge(`压缩包内文件过多（${dir.count} 个），疑似压缩炸弹，已拒绝`);
    }
    const entries = parseCentralEntries(view, bytes, dir);
    checkSizes(entries, limits);
    return entries;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    // Broken, RangeError from DataView on a short buffer, anything else: same answer.
    throw corrupt();
  }
}

interface Directory {
  count: number;
  offset: number;
  size: number;
  /** Where the directory must end: the first ZIP64 or classic EOCD record. */
  end: number;
}

function findDirectory(view: DataView): Directory {
  const eocd = findEocd(view);
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  let end = eocd;
  const diskFields = view.getUint16(eocd + 4, true) | view.getUint16(eocd + 6, true);
  const needs64 = count === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  const loc = eocd - 20;
  if (loc >= 0 && view.getUint32(loc, true) === SIG_ZIP64_LOCATOR) {
    const z = toNumber(view.getBigUint64(loc + 8, true));
    if (z + 56 > loc || view.getUint32(z, true) !== SIG_ZIP64_EOCD) throw new Broken('zip64 eocd');
    count = toNumber(view.getBigUint64(z + 32, true));
    size = toNumber(view.getBigUint64(z + 40, true));
    offset = toNumber(view.getBigUint64(z + 48, true));
    end = z;
  } else if (needs64) {
    throw new Broken('zip64 marker without zip64 record');
  } else if (diskFields !== 0) {
    throw new ImportError('unsupported', '这是分卷压缩文件，无法导入，请提供完整的 .docx/.xlsx 文件');
  }
  if (offset + size > end) throw new Broken('directory outside file');
  // Every central entry takes at least 46 bytes: a count the size cannot hold is a lie.
  if (count * CENTRAL_SIZE > size) throw new Broken('count does not fit');
  return { count, offset, size, end };
}

/**
 * Scans backwards for the EOCD signature. Prefer the record whose comment
 * reaches exactly to the end; accept one followed by stray bytes (padding
 * added in transfer) only when no exact one exists.
 */
function findEocd(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  let loose = -1;
  for (let p = last; p >= first; p--) {
    if (view.getUint32(p, true) !== SIG_EOCD) continue;
    const end = p + EOCD_SIZE + view.getUint16(p + 20, true);
    if (end === view.byteLength) return p;
    if (end < view.byteLength && loose < 0) loose = p;
  }
  if (loose >= 0) return loose;
  throw new Broken('no end of central directory');
}

function parseCentralEntries(view: DataView, bytes: Uint8Array, dir: Directory): CentralEntry[] {
  const entries: CentralEntry[] = [];
  let p = dir.offset;
  const stop = dir.offset + dir.size;
  for (let i = 0; i < dir.count; i++) {
    if (p + CENTRAL_SIZE > stop || view.getUint32(p, true) !== SIG_CENTRAL) throw new Broken('central entry');
    const flags = view.getUint16(p + 8, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const next = p + CENTRAL_SIZE + nameLen + extraLen + commentLen;
    if (next > stop) throw new Broken('central entry overruns directory');
    const nameBytes = bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLen);
    const sizes = applyZip64Extra(view, p + CENTRAL_SIZE + nameLen, extraLen, {
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      disk: view.getUint16(p + 34, true),
    });
    entries.push({
      name: decodeName(nameBytes, (flags & 0x800) !== 0),
      method: view.getUint16(p + 10, true),
      flags,
      ...sizes,
    });
    p = next;
  }
  for (const e of entries) checkLocal(view, e, dir.offset);
  return entries;
}

interface Sizes {
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/**
 * ZIP64 puts real values in extra field 0x0001, in a fixed order, but only for
 * the fields whose classic value is the all-ones marker.
 */
function applyZip64Extra(view: DataView, start: number, len: number, classic: Sizes & { disk: number }): Sizes {
  const out: Sizes = { compressedSize: classic.compressedSize, uncompressedSize: classic.uncompressedSize, localOffset: classic.localOffset };
  const wants = out.uncompressedSize === 0xffffffff || out.compressedSize === 0xffffffff || out.localOffset === 0xffffffff;
  if (!wants) return out;
  let p = start;
  const end = start + len;
  while (p + 4 <= end) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (p + 4 + size > end) break;
    if (id === 0x0001) {
      let q = p + 4;
      const read = (): number => {
        if (q + 8 > p + 4 + size) throw new Broken('short zip64 extra');
        const v = toNumber(view.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (out.uncompressedSize === 0xffffffff) out.uncompressedSize = read();
      if (out.compressedSize === 0xffffffff) out.compressedSize = read();
      if (out.localOffset === 0xffffffff) out.localOffset = read();
      return out;
    }
    p += 4 + size;
  }
  throw new Broken('zip64 marker without zip64 extra');
}

/**
 * The local header must exist where the directory says, and the declared
 * compressed data must fit before the directory: this makes the compressed
 * sizes real, so the ratio rule compares against bytes actually present.
 */
function checkLocal(view: DataView, e: CentralEntry, dirOffset: number): void {
  const p = e.localOffset;
  if (p + LOCAL_SIZE > dirOffset || view.getUint32(p, true) !== SIG_LOCAL) throw new Broken('local header');
  const dataStart = p + LOCAL_SIZE + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (dataStart + e.compressedSize > dirOffset) throw new Broken('entry data overruns');
}

function entryData(bytes: Uint8Array, e: CentralEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = e.localOffset;
  const dataStart = p + LOCAL_SIZE + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  return bytes.subarray(dataStart, dataStart + e.compressedSize);
}

function checkSizes(entries: CentralEntry[], limits: ZipLimits): void {
  let total = 0;
  for (const e of entries) {
    const encrypted = (e.flags & 1) !== 0;
    if (e.method === 0 && !encrypted && e.compressedSize !== e.uncompressedSize) throw new Broken('stored size mismatch');
    if (e.uncompressedSize > limits.maxEntryUncompressed) {
      throw tooLarge(`压缩包中“${e.name}”解压后过大（声明 ${formatBytes(e.uncompressedSize)}），疑似压缩炸弹，已拒绝`);
    }
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize > limits.ratioThreshold && ratio > limits.maxRatio) {
      throw tooLarge(`压缩包中“${e.name}”压缩比异常（约 ${Math.round(ratio)}:1），疑似压缩炸弹，已拒绝`);
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxTotalUncompressed) {
    throw tooLarge(`压缩包解压后过大（声明 ${formatBytes(total)}），疑似压缩炸弹，已拒绝`);
  }
}

/** Names without the UTF-8 flag come from old or Chinese-locale tools: try UTF-8, then GB18030. */
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

/** 64-bit fields beyond 2^53 cannot be offsets in a file we accepted into memory. */
function toNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Broken('64-bit value out of range');
  return Number(v);
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
