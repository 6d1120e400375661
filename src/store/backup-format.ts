/**
 * The backup file: gzip of JSON lines, the same on SQLite and PostgreSQL, so
 * that a backup of either restores into either.
 *
 *   {"format":"luoshi-backup","version":1,"createdAt":…,"dialect":…,"migrations":[…]}
 *   {"table":"governments","columns":["id","name","created_at"]}
 *   [1,"临河区人民政府","2027-01-01T00:00:00.000Z"]
 *   …every table of tables.ts, in that order, each followed by its rows…
 *   {"end":true,"rows":1234}
 *
 * The end line makes a file cut short detectable even when the cut falls on a
 * line boundary. The reader checks every line before a restore writes
 * anything, and again while it writes.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { DialectName } from './connection.js';
import { TABLES, isTableName, tableSpec, type TableName } from './tables.js';

export const BACKUP_FORMAT = 'luoshi-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  dialect: DialectName;
  /** Names of the migrations applied to the database the backup was taken from. */
  migrations: string[];
}

export type Cell = string | number | null;

export type BackupEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; table: TableName; columns: string[] }
  | { kind: 'row'; table: TableName; values: Cell[] }
  | { kind: 'end'; rows: number };

/**
 * A backup or restore refused before any harm: a bad file, a target that is
 * not empty, a database of another version. One line, for the operator.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export const headerLine = (header: BackupHeader): string => `${JSON.stringify(header)}\n`;
export const tableLine = (table: TableName, columns: readonly string[]): string => `${JSON.stringify({ table, columns })}\n`;
export const rowLine = (values: readonly Cell[]): string => `${JSON.stringify(values)}\n`;
export const endLine = (rows: number): string => `${JSON.stringify({ end: true, rows })}\n`;

/** A value as stored in a backup; anything else (a Buffer, a bigint, NaN) would not survive the trip. */
export function toCell(value: unknown, where: string): Cell {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new Error(`${where} 的值无法写入备份：${typeof value}`);
}

/** A line longer than this is not something a backup writes; refusing it bounds memory. */
const MAX_LINE = 64 * 1024 * 1024;

/** Reads and checks a backup file, yielding its header, tables, rows and end in order. */
export async function* readBackup(file: string): AsyncGenerator<BackupEvent> {
  await checkGzip(file);
  const checker = new LineChecker();
  let line = 0;
  for await (const text of linesOf(file)) {
    line++;
    let event: BackupEvent;
    try {
      event = checker.next(parseJson(text));
    } catch (err) {
      throw err instanceof BackupError ? new BackupError(`备份文件无效（第 ${line} 行）：${err.message}`) : err;
    }
    yield event;
  }
  if (!checker.ended) throw new BackupError('备份文件不完整：缺少结束行（文件可能被截断）');
}

async function checkGzip(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BackupError(code === 'ENOENT' ? `找不到备份文件：${file}` : `无法读取备份文件：${file}（${code ?? String(err)}）`);
  }
  try {
    if (!(await handle.stat()).isFile()) throw new BackupError(`不是普通文件：${file}`);
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead < 2 || buffer[0] !== 0x1f || buffer[1] !== 0x8b) throw new BackupError(`不是 Luoshi 备份文件（不是 gzip 压缩文件）：${file}`);
  } finally {
    await handle.close();
  }
}

async function* linesOf(file: string): AsyncGenerator<string> {
  // pipeline passes a read error on to the gunzip stream, whose iteration then throws it.
  const gunzip = pipeline(createReadStream(file), createGunzip(), () => undefined);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      rest += decoder.decode(chunk, { stream: true });
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      if (rest.length > MAX_LINE) throw new BackupError('备份文件中有一行过长');
      yield* lines;
    }
    rest += decoder.decode();
  } catch (err) {
    if (err instanceof BackupError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new BackupError('备份文件含有无效的 UTF-8 字符');
    throw new BackupError(`备份文件已损坏或不完整（解压失败：${(err as Error).message}）`);
  } finally {
    gunzip.destroy();
  }
  if (rest !== '') yield rest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError('不是有效的 JSON');
  }
}

/** The order a backup's lines must follow: header, then each table with its rows, then the end. */
class LineChecker {
  ended = false;
  private started = false;
  private tableIndex = -1;
  private columns = 0;
  private rows = 0;

  next(value: unknown): BackupEvent {
    if (this.ended) throw new BackupError('结束行之后还有内容');
    if (!this.started) {
      this.started = true;
      return { kind: 'header', header: checkHeader(value) };
    }
    if (Array.isArray(value)) return this.row(value);
    if (isRecord(value) && 'table' in value) return this.table(value);
    if (isRecord(value) && 'end' in value) return this.end(value);
    throw new BackupError('既不是表头也不是数据行');
  }

  private table(value: Record<string, unknown>): BackupEvent {
    exactKeys(value, ['table', 'columns']);
    const { table, columns } = value;
    if (!isTableName(table)) throw new BackupError(`未知的表：${String(table)}`);
    const expected = TABLES[this.tableIndex + 1];
    if (table !== expected) throw new BackupError(`表的顺序不对：应为 ${expected ?? '结束行'}，却是 ${table}`);
    this.tableIndex++;
    const names = checkColumns(table, columns);
    this.columns = names.length;
    return { kind: 'table', table, columns: names };
  }

  private row(values: unknown[]): BackupEvent {
    const table = TABLES[this.tableIndex];
    if (table === undefined) throw new BackupError('数据行出现在表头之前');
    if (values.length !== this.columns) throw new BackupError(`表 ${table} 的数据行应有 ${this.columns} 列，实有 ${values.length} 列`);
    for (const v of values) {
      if (!(v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
        throw new BackupError(`表 ${table} 的数据行含有不支持的值`);
      }
    }
    this.rows++;
    return { kind: 'row', table, values: values as Cell[] };
  }

  private end(value: Record<string, unknown>): BackupEvent {
    exactKeys(value, ['end', 'rows']);
    const missing = TABLES[this.tableIndex + 1];
    if (missing !== undefined) throw new BackupError(`缺少表 ${missing}`);
    if (value.end !== true || value.rows !== this.rows) throw new BackupError(`结束行记载 ${String(value.rows)} 行，实有 ${this.rows} 行`);
    this.ended = true;
    return { kind: 'end', rows: this.rows };
  }
}

function checkHeader(value: unknown): BackupHeader {
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) throw new BackupError('不是 Luoshi 备份文件（缺少文件头）');
  if (value.version !== BACKUP_VERSION) throw new BackupError(`不支持的备份格式版本：${String(value.version)}（本程序支持 ${BACKUP_VERSION}）`);
  exactKeys(value, ['format', 'version', 'createdAt', 'dialect', 'migrations']);
  const { createdAt, dialect, migrations } = value;
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw new BackupError('文件头的 createdAt 不是有效时间');
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new BackupError(`文件头的 dialect 无效：${String(dialect)}`);
  if (!Array.isArray(migrations) || !migrations.every((m) => typeof m === 'string')) throw new BackupError('文件头的 migrations 应为字符串数组');
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, dialect, migrations };
}

/** The columns of a table, in the file's order: exactly the table's columns, each once. */
function checkColumns(table: TableName, columns: unknown): string[] {
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) throw new BackupError(`表 ${table} 的 columns 应为字符串数组`);
  const names: string[] = columns;
  const known = tableSpec(table).columns;
  const unknown = names.find((c) => !known.includes(c));
  if (unknown !== undefined) throw new BackupError(`表 ${table} 没有列 ${unknown}`);
  if (new Set(names).size !== names.length) throw new BackupError(`表 ${table} 的列重复`);
  const missing = known.find((c) => !names.includes(c));
  if (missing !== undefined) throw new BackupError(`表 ${table} 缺少列 ${missing}`);
  return names;
}

function exactKeys(value: Record<string, unknown>, keys: readonly string[]): void {
  const extra = Object.keys(value).find((k) => !keys.includes(k));
  if (extra !== undefined) throw new BackupError(`未知的字段：${extra}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
