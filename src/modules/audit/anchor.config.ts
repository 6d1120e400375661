/**
 * Where the audit log's end is anchored outside the database (ADR 0015):
 * read from LUOSHI_AUDIT_DIR, LUOSHI_AUDIT_KEY_FILE, LUOSHI_AUDIT_SYSLOG and
 * LUOSHI_AUDIT_WEBHOOK by src/config.ts. Nothing configured (`{}`): the key
 * and the checkpoints lie beside the SQLite file, or in data/audit for
 * PostgreSQL, and are shipped nowhere.
 */
export interface AuditAnchorConfig {
  /** PostgreSQL's anchor folder (a SQLite database keeps its anchor beside its file). */
  dir?: string;
  /** The checkpoint key; unset: audit-checkpoint.key in the anchor folder. */
  keyFile?: string;
  /** A syslog server that receives every checkpoint (RFC 5424 over UDP). */
  syslog?: { host: string; port: number };
  /** An https:// address that receives every checkpoint as POSTed JSON. */
  webhook?: string;
}
