/**
 * A minimal ZIP writer for tests: it writes exactly the headers it is told to,
 * including lies (declared sizes that do not match the data), which no real
 * zip library will produce.
 */
import { constants, deflateRawSync } from 'node:zlib';

export interface FixtureEntry {
  name: string;
  /** The name's bytes as an old or Chinese-locale tool writes them: in its own code page, without the UTF-8 flag. */
  rawName?: Uint8Array;
  /** The bytes to store; deflated unless `stored` is set. */
  content?: Uint8Array | string;
  stored?: boolean;
  /** Raw bytes written as the entry's data, bypassing compression. */
  rawData?: Uint8Array;
  /** Overrides the declared uncompressed size (may exceed 4 GB: written as ZIP64). */
  declaredSize?: number;
}

export interface FixtureOptions {
  /** Writes ZIP64 end records and puts the markers in the classic record. */
  zip64End?: boolean;
  comment?: string;
}

const enc = new TextEncoder();

export function buildZip(entries: FixtureEntry[], options: FixtureOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = e.rawName ?? enc.encode(e.name);
    const flags = e.rawName === undefined ? 0x800 : 0;
    const content = typeof e.content === 'string' ? enc.encode(e.content) : (e.content ?? new Uint8Array());
    const data = e.rawData ?? (e.stored === true ? content : new Uint8Array(deflateRawSync(content)));
    const method = e.stored === true ? 0 : 8;
    const size = e.declaredSize ?? content.length;
    const big = size >= 0xffffffff;
    const crc = crc32(content);
    const local = header(30 + name.length, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, flags, true);
      v.setUint16(8, method, true);
      v.setUint32(14, crc, true);
      v.setUint32(18, data.length, true);
      v.setUint32(22, big ? 0xffffffff : size, true);
      v.setUint16(26, name.length, true);
    });
    local.set(name, 30);
    const extra = big ? zip64Extra(size) : new Uint8Array();
    const cen = header(46 + name.length + extra.length, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 45, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, flags, true);
      v.setUint16(10, method, true);
      v.setUint32(16, crc, true);
      v.setUint32(20, data.length, true);
      v.setUint32(24, big ? 0xffffffff : size, true);
      v.setUint16(28, name.length, true);
      v.setUint16(30, extra.length, true);
      v.setUint32(42, offset, true);
    });
    cen.set(name, 46);
    cen.set(extra, 46 + name.length);
    parts.push(local, data);
    central.push(cen);
    offset += local.length + data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const cdOffset = offset;
  const ends: Uint8Array[] = [];
  if (options.zip64End === true) ends.push(...zip64End(entries.length, cdSize, cdOffset));
  const comment = enc.encode(options.comment ?? '');
  const eocd = header(22 + comment.length, (v) => {
    v.setUint32(0, 0x06054b50, true);
    const marker = options.zip64End === true;
    v.setUint16(8, marker ? 0xffff : entries.length, true);
    v.setUint16(10, marker ? 0xffff : entries.length, true);
    v.setUint32(12, marker ? 0xffffffff : cdSize, true);
    v.setUint32(16, marker ? 0xffffffff : cdOffset, true);
    v.setUint16(20, comment.length, true);
  });
  eocd.set(comment, 22);
  return concat([...parts, ...central, ...ends, eocd]);
}

function zip64Extra(size: number): Uint8Array {
  return header(12, (v) => {
    v.setUint16(0, 0x0001, true);
    v.setUint16(2, 8, true);
    v.setBigUint64(4, BigInt(size), true);
  });
}

function zip64End(count: number, cdSize: number, cdOffset: number): Uint8Array[] {
  const record = header(56, (v) => {
    v.setUint32(0, 0x06064b50, true);
    v.setBigUint64(4, 44n, true);
    v.setUint16(12, 45, true);
    v.setBigUint64(24, BigInt(count), true);
    v.setBigUint64(32, BigInt(count), true);
    v.setBigUint64(40, BigInt(cdSize), true);
    v.setBigUint64(48, BigInt(cdOffset), true);
  });
  const locator = header(20, (v) => {
    v.setUint32(0, 0x07064b50, true);
    v.setBigUint64(8, BigInt(cdOffset + cdSize), true);
    v.setUint32(16, 1, true);
  });
  return [record, locator];
}

function header(size: number, fill: (v: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  fill(new DataView(bytes.buffer));
  return bytes;
}

const MB = 1024 * 1024;

/**
 * Raw deflate data of `mb` MB of zeros (about 1 kB per MB), built from one
 * flushed 1 MB block repeated, so that building even a gigabyte costs nothing.
 */
export function deflatedZeros(mb: number): Uint8Array {
  const block = new Uint8Array(deflateRawSync(new Uint8Array(MB), { finishFlush: constants.Z_FULL_FLUSH }));
  return concat([...Array.from({ length: mb }, () => block), new Uint8Array(deflateRawSync(new Uint8Array()))]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
