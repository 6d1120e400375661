/**
 * `luoshi backup FILE [--db URL]` and `luoshi restore FILE [--db URL] [--force]`.
 * One portable file format (store/backup-format.ts): a backup of SQLite
 * restores into PostgreSQL and the other way round. The backup runs while
 * the server runs; a restore should not.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { BackupError } from '../store/backup-format.js';
import type { Store, StoreOptions } from '../store/connection.js';
import type { checkBackup } from '../store/restore.js';
import { requireExistingDatabase } from './db-exists.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { CliError } from './output.js';
import { progressBar } from './progress.js';

interface RestoreFlags {
  db?: string;
  force?: boolean;
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('在线备份数据库到一个文件（服务可继续运行）；SQLite 与 PostgreSQL 通用')
    .argument('<file>', '备份文件，如 luoshi-2027-03-01.jsonl.gz；不覆盖已有文件')
    .addOption(dbOption())
    .action(async (file: string, flags: { db?: string }) => {
      const config = commandConfig();
      const url = dbUrl(flags, config);
      checkNewFile(file);
      requireExistingDatabase(url);
      await withStore(url, config, (store) => backup(store, file));
    });
  program
    .command('restore')
    .description('从备份文件恢复数据库（请先停止服务）；目标数据库须为空，或加 --force 覆盖')
    .argument('<file>', '由 luoshi backup 生成的备份文件')
    .addOption(dbOption())
    .option('--force', '清除目标数据库中已有的数据后再恢复')
    .action(async (file: string, flags: RestoreFlags) => {
      const config = commandConfig();
      const { checkBackup } = await import('../store/restore.js');
      const checked = await refusing(() => checkBackup(file));
      const url = dbUrl(flags, config);
      await withStore(url, config, (store) => restore(store, checked, flags.force === true, { url, config }));
    });
}

async function backup(store: Store, file: string): Promise<void> {
  const { writeBackup } = await import('../store/backup.js');
  const bar = progressBar('备份');
  let summary;
  try {
    summary = await refusing(() => writeBackup(store, file, { onProgress: (done, total) => bar.update(done, total) }));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`备份失败，未生成备份文件：${firstLine(err)}`, 1);
  } finally {
    bar.finish();
  }
  process.stdout.write(`已备份 ${summary.rows} 行（${Object.keys(summary.tables).length} 张表，${dialectName(store)}）到 ${file}\n`);
}

async function restore(store: Store, checked: Awaited<ReturnType<typeof checkBackup>>, force: boolean, target: { url: string; config: Config }): Promise<void> {
  const [{ restoreBackup }, { verifyChain }, { anchorPaths, reanchor }] = await Promise.all([
    import('../store/restore.js'),
    import('../modules/audit/audit.service.js'),
    import('../modules/audit/audit-anchor.js'),
  ]);
  const bar = progressBar('恢复');
  let summary;
  try {
    summary = await refusing(() => restoreBackup(store, checked, { force, onProgress: (done, total) => bar.update(done, total) }));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`恢复失败，已全部回滚，数据未改动：${firstLine(err)}`, 1);
  } finally {
    bar.finish();
  }
  const from = checked.header.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const replaced = summary.replaced ? '，原有数据已清除' : '';
  process.stdout.write(`已恢复 ${summary.rows} 行到 ${dialectName(store)}（备份于 ${checked.header.createdAt}，来自 ${from}${replaced}）\n`);
  const chain = await verifyChain(store.db);
  if (chain.broken) throw new CliError(`数据已恢复，但审计日志校验未通过：${chain.broken.message}`, 1);
  process.stdout.write(`审计日志完整：共 ${chain.rows} 条记录，哈希链校验通过\n`);
  // The restored log is the truth from now on: a new era of checkpoints starts at its end (ADR 0015).
  const paths = anchorPaths(target.url, target.config.audit);
  if (paths === null) return;
  await reanchor(store.db, paths, 'restored', target.config.audit, (line) => void process.stderr.write(`${line}\n`));
  process.stdout.write(`审计检查点已按恢复后的记录重新锚定（${paths.checkpoints}）\n`);
}

/** A refusal (bad file, non-empty target, other version) is bad input: one line, exit code 2. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(err.message);
    throw err;
  }
}

async function withStore(url: string, options: StoreOptions, work: (store: Store) => Promise<void>): Promise<void> {
  const { openStore } = await import('../store/connection.js');
  let store: Store;
  try {
    store = openStore(url, options);
  } catch (err) {
    throw new CliError(firstLine(err));
  }
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

function checkNewFile(file: string): void {
  if (existsSync(file)) throw new CliError(`文件已存在：${file}（备份不会覆盖已有文件，请换一个文件名）`);
  const dir = dirname(resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`目录不存在：${dir}`);
}

const dialectName = (store: Store): string => (store.dialect === 'postgres' ? 'PostgreSQL' : `SQLite ${store.file ?? ''}`.trim());

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
