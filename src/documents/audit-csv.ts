/**
 * The audit log as CSV for Excel: UTF-8 with a byte-order mark (else Excel
 * reads the Chinese as GBK), CRLF line ends, every field quoted. A field that
 * starts like a formula (= + - @, a tab or a carriage return) gets a leading
 * apostrophe, so that Excel shows it as text and never evaluates it: the log
 * records what users typed, which is not to be trusted as a formula.
 */

export interface AuditCsvRow {
  seq: number;
  at: string;
  username: string | null;
  role: string | null;
  unit: string | null;
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: string | null;
  after: string | null;
  hash: string;
}

export const AUDIT_CSV_HEADER = ['序号', '时间', '操作人', '角色', '单位', 'IP 地址', '操作', '对象类型', '对象编号', '变更前', '变更后', '摘要（SM3）'];

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: quoted, quotes doubled, a formula's first character defused. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditCsv(rows: readonly AuditCsvRow[]): Uint8Array {
  const lines = [AUDIT_CSV_HEADER.map(csvField).join(',')];
  for (const r of rows) {
    lines.push([r.seq, r.at, r.username, r.role, r.unit, r.ip, r.action, r.objectType, r.objectId, r.before, r.after, r.hash].map(csvField).join(','));
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
