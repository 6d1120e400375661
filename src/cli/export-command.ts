/**
 * `luoshi export ledger --out FILE.xlsx [--plan ID] [--by-section] [--as-of DATE] [--government NAME] [--db URL]`:
 * writes the ledger (任务台账) of the current plan, or of the plan named, as an
 * Excel workbook. An existing file is replaced.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../domain/actor.js';
import { AppError } from '../modules/errors.js';
import { requireExistingDatabase } from './db-exists.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { governmentOption, openGovernmentDatabase } from './government-command.js';
import { dateOption } from './date-option.js';
import { CliError } from './output.js';

interface LedgerFlags {
  out: string;
  plan?: string;
  bySection?: boolean;
  asOf?: string;
  db?: string;
  government?: string;
}

function planId(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliError(`方案编号无效：${value}（应为正整数）`);
  return Number(value);
}

export function registerExport(program: Command): void {
  const command = program.command('export').description('导出文件：luoshi export ledger 导出任务台账（Excel）');
  command
    .command('ledger')
    .description('导出任务台账（.xlsx）：每项任务和指标一行，含牵头领导、单位、计划值、最新完成值、红黄绿灯和最近报送日期')
    .requiredOption('--out <file>', '输出文件（.xlsx），已存在则覆盖')
    .option('--plan <id>', '方案编号，默认最新的方案')
    .option('--by-section', '为每个部分另建一张工作表（第一张仍为全部任务）')
    .option('--as-of <date>', '按此日期读取完成值和红黄绿灯（YYYY-MM-DD），默认今天')
    .addOption(dbOption())
    .addOption(governmentOption())
    .action(async (flags: LedgerFlags) => {
      const config = commandConfig();
      if (!/\.xlsx$/i.test(flags.out)) throw new CliError(`输出文件应以 .xlsx 结尾：${flags.out}`);
      const query = {
        ...(flags.plan === undefined ? {} : { planId: planId(flags.plan) }),
        ...(flags.asOf === undefined ? {} : { asOf: dateOption(flags.asOf) }),
        bySection: flags.bySection === true,
      };
      const url = dbUrl(flags, config);
      requireExistingDatabase(url);
      const { exportLedger } = await import('../modules/ledger/ledger-export.service.js');
      const { store, governmentId } = await openGovernmentDatabase(url, config, flags.government);
      try {
        if (process.stderr.isTTY) process.stderr.write('正在导出任务台账…\n');
        const file = await exportLedger(store.db, systemActor(governmentId, 'cli'), query).catch((err: unknown) => {
          if (err instanceof AppError) throw new CliError(err.message, err.status === 404 ? 2 : 1);
          throw err;
        });
        const path = resolve(flags.out);
        try {
          await writeFile(path, file.bytes);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? '';
          throw new CliError(`无法写入文件 ${path}（${code === 'ENOENT' ? '目录不存在' : code === 'EACCES' ? '没有写入权限' : code || '写入失败'}）`, 1);
        }
        process.stdout.write(`已导出任务台账：${file.tasks} 项任务，${file.rows} 行 → ${path}\n`);
      } finally {
        await store.close();
      }
    });
}
