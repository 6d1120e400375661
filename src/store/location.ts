/**
 * Where the data is, from a database address: a path or sqlite: URL is
 * SQLite, postgres:// or postgresql:// is PostgreSQL. Pure, so that the
 * configuration can check LUOSHI_DB at start without opening anything.
 */
export type DialectName = 'sqlite' | 'postgres';

export const DEFAULT_DB = './data/luoshi.db';

/** Connections in a PostgreSQL pool unless LUOSHI_DB_POOL says. */
export const DEFAULT_DB_POOL = 10;

export interface Location {
  dialect: DialectName;
  /** A file path (SQLite) or a connection string (PostgreSQL). */
  target: string;
}

/** A path or sqlite: URL selects SQLite; postgres:// or postgresql:// selects PostgreSQL. */
export function parseLocation(url: string | undefined): Location {
  const value = (url ?? '').trim() || DEFAULT_DB;
  if (/^postgres(?:ql)?:\/\//i.test(value)) return { dialect: 'postgres', target: value };
  if (/^sqlite:/i.test(value)) {
    const path = value.replace(/^sqlite:(?:\/\/)?/i, '');
    if (path === '') throw new Error('sqlite: 地址缺少文件路径');
    return { dialect: 'sqlite', target: path };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new Error(`不支持的数据库地址：${value}（应为文件路径、sqlite: 或 postgres:// 地址）`);
  return { dialect: 'sqlite', target: value };
}
