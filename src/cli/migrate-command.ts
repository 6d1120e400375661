/**
 * `luoshi migrate [--db URL]`: creates or upgrades the database's schema and,
 * on PostgreSQL, the job queue's schema (`pgboss`) with its queue. Run as the
 * owner role at installation and after each upgrade; the application role
 * that runs `luoshi serve` then needs no right to change the schema
 * (docs/operations.md). Safe to repeat. On an empty database it also writes
 * the government and the first administrator, as any command that opens the
 * database does.
 */
import type { Command } from 'commander';
import { parseLocation } from '../store/location.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { CliError } from './output.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('建立或升级数据库结构（PostgreSQL 上还有定时作业队列 pgboss 模式）；请以数据库属主账号运行，安装和每次升级后各一次')
    .addOption(dbOption())
    .action(async (flags: { db?: string }) => {
      const config = commandConfig();
      const url = dbUrl(flags, config);
      let postgres: boolean;
      try {
        postgres = parseLocation(url).dialect === 'postgres';
      } catch (err) {
        throw new CliError((err as Error).message);
      }
      const [{ openStore }, { migrateToLatest }, { openDatabase }] = await Promise.all([
        import('../store/connection.js'),
        import('../store/migrate.js'),
        import('../startup/open.js'),
      ]);
      const store = openStore(url, config);
      let outcome;
      try {
        outcome = await migrateToLatest(store.db);
      } finally {
        await store.close();
      }
      const { store: opened, governmentId } = await openDatabase(url, config);
      await opened.close();
      const lines =
        outcome.applied.length === 0
          ? [`数据库结构已是最新（共 ${outcome.known} 项迁移）`]
          : [`已完成 ${outcome.applied.length} 项数据库迁移：${outcome.applied.join('、')}`];
      if (postgres) {
        const { prepareJobQueue } = await import('../jobs/scheduler.js');
        await prepareJobQueue(url, governmentId);
        lines.push('定时作业队列已就绪（pgboss 模式）');
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
