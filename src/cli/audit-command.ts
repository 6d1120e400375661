/**
 * `luoshi audit verify [--db URL]`: walks the audit log's SM3 hash chain.
 * A broken chain is a finding, not bad input: it exits with code 1, and the
 * message names the first row that does not hold.
 */
import type { Command } from 'commander';
import { verifyChain } from '../modules/audit/audit.service.js';
import { openDatabase } from '../startup/open.js';
import { requireExistingDatabase } from './db-exists.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { CliError } from './output.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计日志的哈希链：记录被改动、删除或调换顺序都会被发现')
    .addOption(dbOption())
    .action(async (flags: { db?: string }) => {
      const config = commandConfig();
      const url = dbUrl(flags, config);
      requireExistingDatabase(url);
      const { store } = await openDatabase(url, config);
      try {
        const report = await verifyChain(store.db);
        if (report.broken) {
          const { governmentId, id, seq, reason, message } = report.broken;
          throw new CliError(`审计日志校验未通过：${message}（政府 ${governmentId}，记录 #${id}，序号 ${seq}，${reason}）`, 1);
        }
        process.stdout.write(`审计日志完整：共 ${report.rows} 条记录，哈希链校验通过\n`);
      } finally {
        await store.close();
      }
    });
}
