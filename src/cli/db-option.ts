/** The --db flag every store command shares; LUOSHI_DB otherwise, ./data/luoshi.db by default. */
import { Option } from 'commander';
import type { Config } from '../config.js';

export const dbOption = (): Option =>
  new Option('--db <url>', '数据库：文件路径或 sqlite: 地址（SQLite），或 postgres:// 地址；默认读取 LUOSHI_DB，否则为 ./data/luoshi.db');

export const dbUrl = (flags: { db?: string }, config: Config): string => flags.db ?? config.db;
