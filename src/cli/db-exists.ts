/**
 * Commands that read an existing database refuse a SQLite path that does not
 * exist: opening it would create an empty database and report on that.
 */
import { existsSync } from 'node:fs';
import { parseLocation } from '../store/location.js';
import { CliError } from './output.js';

export function requireExistingDatabase(url: string | undefined): void {
  let location;
  try {
    location = parseLocation(url);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (location.dialect === 'sqlite' && location.target !== ':memory:' && !existsSync(location.target)) {
    throw new CliError(`数据库文件不存在：${location.target}`);
  }
}
