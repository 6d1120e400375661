/**
 * `luoshi audit verify [--db URL] [--verbose]`: walks the audit log's SM3 hash
 * chain and holds its end against the latest signed checkpoint (ADR 0015). A broken
 * chain, a truncated log or a missing or forged checkpoint is a finding, not
 * bad input: it exits with code 1, and the message names what does not hold.
 *
 * `luoshi audit anchor [--db URL]`: accepts the log as it stands and starts
 * the checkpoints anew (after an upgrade, or after an incident once the log
 * has been looked at). It refuses a log whose chain is broken.
 */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import type { AnchorPaths } from '../modules/audit/audit-anchor.js';
import type { Store } from '../store/connection.js';
import { requireExistingDatabase } from './db-exists.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { CliError } from './output.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计日志：记录被改动、删除、调换顺序或从末尾截断都会被发现')
    .addOption(dbOption())
    .option('-v, --verbose', '另起一行说明检查点的校验结果（检查点文件、最新检查点的时刻）')
    .action(async (flags: { db?: string; verbose?: boolean }) => {
      await withAuditedStore(flags, async (store, paths) => {
        const [{ verifyChain }, { verifyAnchor }] = await Promise.all([
          import('../modules/audit/audit.service.js'),
          import('../modules/audit/audit-anchor.js'),
        ]);
        const report = await verifyChain(store.db);
        if (report.broken) {
          const { governmentId, id, seq, reason, message } = report.broken;
          throw new CliError(`审计日志校验未通过：${message}（政府 ${governmentId}，记录 #${id}，序号 ${seq}，${reason}）`, 1);
        }
        if (paths === null) {
          process.stdout.write(`审计日志完整：共 ${report.rows} 条记录，哈希链校验通过（内存数据库没有检查点）\n`);
          return;
        }
        const anchor = await verifyAnchor(store.db, paths);
        if (!anchor.ok) throw new CliError(`审计日志校验未通过：${anchor.message}（${anchor.reason}）`, 1);
        // The first line is what the command has always said when the log holds; the checkpoint's details on request.
        process.stdout.write(`审计日志完整：共 ${report.rows} 条记录，哈希链校验通过\n`);
        if (flags.verbose !== true) return;
        process.stdout.write(
          anchor.latestAt === null
            ? `检查点校验通过：库中没有审计记录（检查点文件 ${paths.checkpoints}）\n`
            : `检查点校验通过：记录数与最新检查点（${anchor.latestAt}）相符（检查点文件 ${paths.checkpoints}）\n`,
        );
      });
    });
  audit
    .command('anchor')
    .description('以审计日志的现状重新锚定检查点（升级后，或核查事故之后）；哈希链断裂时拒绝')
    .addOption(dbOption())
    .action(async (flags: { db?: string }) => {
      await withAuditedStore(flags, async (store, paths, config) => {
        if (paths === null) throw new CliError('内存数据库没有检查点');
        const [{ verifyChain }, { reanchor }] = await Promise.all([import('../modules/audit/audit.service.js'), import('../modules/audit/audit-anchor.js')]);
        const report = await verifyChain(store.db);
        if (report.broken) throw new CliError(`审计日志校验未通过，不重新锚定：${report.broken.message}`, 1);
        const governments = await reanchor(store.db, paths, 'reanchored', config.audit, (line) => void process.stderr.write(`${line}\n`));
        process.stdout.write(`已重新锚定审计日志：${report.rows} 条记录，${governments} 个政府的检查点写入 ${paths.checkpoints}\n`);
      });
    });
}

/** Opens the database without an anchor of its own: verifying never writes a checkpoint. */
async function withAuditedStore(flags: { db?: string }, work: (store: Store, paths: AnchorPaths | null, config: Config) => Promise<void>): Promise<void> {
  const config = commandConfig();
  const url = dbUrl(flags, config);
  requireExistingDatabase(url);
  const [{ openDatabase }, { anchorPaths }] = await Promise.all([import('../startup/open.js'), import('../modules/audit/audit-anchor.js')]);
  const { store } = await openDatabase(url, { ...config, audit: undefined });
  try {
    await work(store, anchorPaths(url, config.audit), config);
  } finally {
    await store.close();
  }
}
