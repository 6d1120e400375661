/**
 * The audit log's end, anchored outside the database (ADR 0015). After each
 * committed transaction that appended audit rows, and when the store closes,
 * each government's head (row count and newest hash) is appended to a
 * checkpoint file beside the database, signed with HMAC-SM3 under a key that
 * is not in the database, and optionally shipped to syslog or a webhook.
 * `luoshi audit verify` holds the log against the latest checkpoints, so rows
 * deleted from the end — one, ten or all — no longer pass unseen.
 *
 * The checkpoint is written after the commit, coalesced, off the request's
 * path: rows committed in the last moments before a crash may lack one.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseLocation } from '../../store/location.js';
import type { Tx } from '../../store/tx.js';
import { onCommit } from '../../store/unit-of-work.js';
import type { AuditAnchorConfig } from './anchor.config.js';
import { appendedAuditRows, auditHashAt, auditHeads } from './audit.repository.js';
import { checkpointLine, compareWithCheckpoints, latestHeads, parseCheckpoints, type AnchorFinding, type AnchorReason, type Checkpoint } from './checkpoint.js';
import { checkpointShipper } from './checkpoint-ship.js';

export interface AnchorPaths {
  keyFile: string;
  checkpoints: string;
}

/** The checkpoint key's name in the anchor folder when LUOSHI_AUDIT_KEY_FILE does not say. */
export const KEY_FILE_NAME = 'audit-checkpoint.key';

/**
 * Where a database's anchor lies: beside the SQLite file (`luoshi.db.audit-checkpoints`,
 * and the key `audit-checkpoint.key`), or for PostgreSQL in LUOSHI_AUDIT_DIR (else
 * data/audit), one file per database name. Null for a SQLite database in memory.
 */
export function anchorPaths(url: string | undefined, config: AuditAnchorConfig): AnchorPaths | null {
  const location = parseLocation(url);
  let dir: string;
  let name: string;
  if (location.dialect === 'sqlite') {
    if (location.target === ':memory:') return null;
    const file = resolve(location.target);
    dir = dirname(file);
    name = basename(file);
  } else {
    dir = resolve(config.dir ?? 'data/audit');
    name = decodeURIComponent(new URL(location.target).pathname.replace(/^\//, '')).replace(/[^\w.-]/g, '_') || 'postgres';
  }
  return { keyFile: resolve(config.keyFile ?? join(dir, KEY_FILE_NAME)), checkpoints: join(dir, `${name}.audit-checkpoints`) };
}

/** The anchor cannot be read or written: a bad key file, a folder that cannot be made. */
export class AnchorError extends Error {
  override name = 'AnchorError';
}

const isMissing = (err: unknown): boolean => (err as { code?: string }).code === 'ENOENT';

async function readKey(file: string): Promise<Uint8Array | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (isMissing(err)) return null;
    throw new AnchorError(`无法读取审计检查点密钥 ${file}：${(err as Error).message}`);
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64,}$/i.test(hex) || hex.length % 2 !== 0) throw new AnchorError(`审计检查点密钥 ${file} 格式不对（应为至少 64 位十六进制数字）`);
  return Buffer.from(hex, 'hex');
}

/** A new random key, readable by the owner only; another process's key when it made one first. */
async function createKey(file: string): Promise<Uint8Array> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
  const key = await readKey(file);
  if (key === null) throw new AnchorError(`无法创建审计检查点密钥 ${file}`);
  return key;
}

/** Appends whole lines and syncs them to disk; `create` only when the file may be started anew. */
async function appendLines(file: string, text: string, create: boolean): Promise<void> {
  if (create) await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const flags = constants.O_WRONLY | constants.O_APPEND | (create ? constants.O_CREAT : 0);
  const handle = await open(file, flags, 0o600);
  try {
    await handle.write(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

async function headLines(db: Tx, key: Uint8Array, at: string): Promise<{ lines: string[]; heads: Awaited<ReturnType<typeof auditHeads>> }> {
  const heads = await auditHeads(db);
  return { heads, lines: heads.map((h) => checkpointLine(key, { kind: 'head', ...h, at })) };
}

/**
 * Starts a new era: an anchor line and every government's head as it is now,
 * creating the key and the file when absent. For a new anchor, a restore, or
 * after an incident once the log has been checked (`luoshi audit anchor`).
 */
export async function reanchor(db: Tx, paths: AnchorPaths, reason: AnchorReason, config: AuditAnchorConfig, log: (line: string) => void): Promise<number> {
  const key = (await readKey(paths.keyFile)) ?? (await createKey(paths.keyFile));
  const at = new Date().toISOString();
  const { lines, heads } = await headLines(db, key, at);
  const all = [checkpointLine(key, { kind: 'anchor', reason, at }), ...lines];
  await appendLines(paths.checkpoints, all.join(''), true);
  const shipper = checkpointShipper(config, log);
  await shipper.ship(all);
  shipper.close();
  return heads.length;
}

export interface AuditAnchor {
  /** Writes the heads that moved since the last checkpoint. */
  flush(): Promise<void>;
  /** A last flush; no more checkpoints after it. */
  close(): Promise<void>;
}

/** How long a commit waits for others to join its checkpoint. */
const COALESCE_MS = 100;

/**
 * Checkpoints a store's audit log from now on. A first start creates the key
 * and anchors the log as it stands. A key without its checkpoint file while
 * rows exist is left as found, so that `audit verify` reports it: the file is
 * started again only by `luoshi audit anchor`, after someone has looked.
 */
export async function openAuditAnchor(db: Tx, paths: AnchorPaths, config: AuditAnchorConfig, log: (line: string) => void): Promise<AuditAnchor> {
  let key = await readKey(paths.keyFile);
  // Left as found: no checkpoint is written until `luoshi audit anchor` starts the file again.
  let stopped = false;
  if (key === null) {
    await reanchor(db, paths, 'created', config, log);
    key = await createKey(paths.keyFile); // made by reanchor: read back
  } else if (!(await exists(paths.checkpoints))) {
    if ((await auditHeads(db)).length === 0) await reanchor(db, paths, 'created', config, log);
    else {
      stopped = true;
      log(
        `审计检查点文件 ${paths.checkpoints} 不存在，而数据库中已有审计记录：不再写检查点。请先运行 luoshi audit verify 核查，确认无误后运行 luoshi audit anchor 重新锚定`,
      );
    }
  }
  const signingKey = key;
  const shipper = checkpointShipper(config, log);
  const written = new Map<number, string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  let reportedFailure = false;

  const write = async (): Promise<void> => {
    if (stopped) return;
    const at = new Date().toISOString();
    const heads = (await auditHeads(db)).filter((h) => written.get(h.governmentId) !== h.hash);
    if (heads.length === 0) return;
    const lines = heads.map((h) => checkpointLine(signingKey, { kind: 'head', ...h, at } satisfies Checkpoint));
    await appendLines(paths.checkpoints, lines.join(''), false);
    for (const h of heads) written.set(h.governmentId, h.hash);
    reportedFailure = false;
    await shipper.ship(lines);
  };
  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    running = running.then(write).catch((err: unknown) => {
      if (reportedFailure) return;
      reportedFailure = true;
      log(`审计检查点写入失败（${paths.checkpoints}）：${err instanceof Error ? err.message : String(err)}`);
    });
    return running;
  };
  const unsubscribe = onCommit((trx) => {
    if (closed || timer !== undefined || !appendedAuditRows(trx)) return;
    timer = setTimeout(() => void flush(), COALESCE_MS);
    timer.unref();
  });
  return {
    flush,
    close: async () => {
      if (closed) return running;
      closed = true;
      unsubscribe();
      await flush();
      shipper.close();
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

export type AnchorReport = AnchorFinding & { paths: AnchorPaths };

/**
 * Holds the log against its latest checkpoints: truncated, replaced at the
 * checkpointed seq, no checkpoint (no key, no file, or none for a government
 * with rows), or a checkpoint whose signature does not hold.
 */
export async function verifyAnchor(db: Tx, paths: AnchorPaths): Promise<AnchorReport> {
  const heads = await auditHeads(db);
  const fail = (reason: 'missing_checkpoint' | 'bad_signature', message: string): AnchorReport => ({ ok: false, reason, governmentId: null, message, paths });
  const key = await readKey(paths.keyFile);
  let text: string | null = null;
  try {
    text = await readFile(paths.checkpoints, 'utf8');
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
  if (text === null || key === null) {
    if (heads.length === 0) return { ok: true, checkpoints: 0, latestAt: null, paths };
    return fail(
      'missing_checkpoint',
      text === null ? `缺少检查点：检查点文件 ${paths.checkpoints} 不存在，而库中有审计记录` : `缺少检查点：检查点密钥 ${paths.keyFile} 不存在，无法核对检查点`,
    );
  }
  const parsed = parseCheckpoints(key, text);
  if (!parsed.ok) return fail('bad_signature', `检查点签名无效：${paths.checkpoints} 第 ${parsed.line} 行`);
  const finding = await compareWithCheckpoints(heads, latestHeads(parsed.checkpoints), (governmentId, seq) => auditHashAt(db, governmentId, seq));
  return { ...finding, paths };
}
