/**
 * Signed checkpoints of the audit log's end (ADR 0015): per government, how
 * many rows the log held and the hash of its newest row, signed with
 * HMAC-SM3 under a key kept outside the database. Pure: lines in, findings
 * out; the files are audit-anchor.ts's.
 *
 * A checkpoint file is a list of JSON lines. An `anchor` line starts an era
 * (the key was created, a backup restored, the log accepted again after an
 * incident); the `head` lines after the last anchor line are the ones that
 * count, and for each government the one with the highest seq.
 */
import { hmacSm3, safeEqual } from '../../crypto/index.js';

export type AnchorReason = 'created' | 'restored' | 'reanchored';

export interface HeadCheckpoint {
  kind: 'head';
  governmentId: number;
  /** The newest row's seq: the number of rows the government's log held. */
  seq: number;
  id: number;
  hash: string;
  at: string;
}

export interface AnchorCheckpoint {
  kind: 'anchor';
  reason: AnchorReason;
  at: string;
}

export type Checkpoint = HeadCheckpoint | AnchorCheckpoint;

/** The newest row of one government's log, as the database holds it. */
export interface AuditHead {
  governmentId: number;
  seq: number;
  id: number;
  hash: string;
}

/** The fields the signature covers, in a fixed order. */
function signed(c: Checkpoint): string {
  return JSON.stringify(c.kind === 'head' ? [1, 'head', c.governmentId, c.seq, c.id, c.hash, c.at] : [1, 'anchor', c.reason, c.at]);
}

/** One line of the checkpoint file, newline included. */
export function checkpointLine(key: Uint8Array, c: Checkpoint): string {
  return `${JSON.stringify({ v: 1, ...c, mac: hmacSm3(key, signed(c)) })}\n`;
}

export type ParsedCheckpoints = { ok: true; checkpoints: Checkpoint[] } | { ok: false; line: number };

/** Every line, or the number of the first line that is malformed or whose signature does not hold. */
export function parseCheckpoints(key: Uint8Array, text: string): ParsedCheckpoints {
  const checkpoints: Checkpoint[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line === '' && i === lines.length - 1) break;
    const c = readLine(line);
    if (c === null || !safeEqual(c.mac, hmacSm3(key, signed(c.checkpoint)))) return { ok: false, line: i + 1 };
    checkpoints.push(c.checkpoint);
  }
  return { ok: true, checkpoints };
}

function readLine(line: string): { checkpoint: Checkpoint; mac: string } | null {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || v.v !== 1 || typeof v.mac !== 'string' || typeof v.at !== 'string') return null;
  const int = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
  if (v.kind === 'head' && int(v.governmentId) && int(v.seq) && int(v.id) && typeof v.hash === 'string') {
    return { checkpoint: { kind: 'head', governmentId: v.governmentId, seq: v.seq, id: v.id, hash: v.hash, at: v.at }, mac: v.mac };
  }
  if (v.kind === 'anchor' && (v.reason === 'created' || v.reason === 'restored' || v.reason === 'reanchored')) {
    return { checkpoint: { kind: 'anchor', reason: v.reason, at: v.at }, mac: v.mac };
  }
  return null;
}

/** Per government, the checkpoint with the highest seq since the last anchor line. */
export function latestHeads(checkpoints: readonly Checkpoint[]): Map<number, HeadCheckpoint> {
  const latest = new Map<number, HeadCheckpoint>();
  for (const c of checkpoints) {
    if (c.kind === 'anchor') latest.clear();
    else if ((latest.get(c.governmentId)?.seq ?? -1) < c.seq) latest.set(c.governmentId, c);
  }
  return latest;
}

export type AnchorFinding =
  | { ok: true; checkpoints: number; latestAt: string | null }
  | { ok: false; reason: 'missing_checkpoint' | 'bad_signature' | 'truncated' | 'replaced'; governmentId: number | null; message: string };

/**
 * Holds the database's heads against the latest checkpoints. Rows appended
 * after a checkpoint are fine; fewer rows than checkpointed, or another row
 * at the checkpointed seq, are not; nor are rows with no checkpoint at all.
 * `hashAt` gives the hash of a government's row at a seq (null: no such row).
 */
export async function compareWithCheckpoints(
  heads: readonly AuditHead[],
  latest: ReadonlyMap<number, HeadCheckpoint>,
  hashAt: (governmentId: number, seq: number) => Promise<string | null>,
): Promise<AnchorFinding> {
  const byGovernment = new Map(heads.map((h) => [h.governmentId, h]));
  const governments = [...new Set([...byGovernment.keys(), ...latest.keys()])].sort((a, b) => a - b);
  let latestAt: string | null = null;
  for (const governmentId of governments) {
    const head = byGovernment.get(governmentId);
    const checkpoint = latest.get(governmentId);
    const rows = head?.seq ?? 0;
    if (checkpoint === undefined) {
      if (rows === 0) continue;
      return { ok: false, reason: 'missing_checkpoint', governmentId, message: `缺少检查点：政府 ${governmentId} 的 ${rows} 条审计记录没有任何检查点` };
    }
    if (rows < checkpoint.seq) {
      return {
        ok: false,
        reason: 'truncated',
        governmentId,
        message: `审计记录被截断：检查点记录 ${checkpoint.seq} 条，库中仅 ${rows} 条（政府 ${governmentId}，检查点时间 ${checkpoint.at}）`,
      };
    }
    if (checkpoint.seq > 0 && (await hashAt(governmentId, checkpoint.seq)) !== checkpoint.hash) {
      return {
        ok: false,
        reason: 'replaced',
        governmentId,
        message: `审计记录与检查点不符：序号 ${checkpoint.seq} 的记录已不是检查点时的那一条（政府 ${governmentId}，检查点时间 ${checkpoint.at}）`,
      };
    }
    if (latestAt === null || checkpoint.at > latestAt) latestAt = checkpoint.at;
  }
  return { ok: true, checkpoints: latest.size, latestAt };
}
