/**
 * `luoshi tick [--as-of YYYY-MM-DD] [--government NAME] [--db URL]`: runs one
 * supervision tick now (open scheduled rounds, remind, issue orders by rule,
 * send e-mail and webhook posts) for every government of the deployment, or
 * for the one named, and says what it did (per government where there are
 * several). `luoshi serve` runs the same tick every ten minutes.
 */
import { governmentDay } from '../domain/calendar.js';
import type { Command } from 'commander';
import { describeTick } from '../jobs/tick-summary.js';
import { requireExistingDatabase } from './db-exists.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { dateOption } from './date-option.js';
import { commandGovernment } from './government-command.js';

interface TickFlags {
  asOf?: string;
  db?: string;
  government?: string;
}

export function registerTick(program: Command): void {
  program
    .command('tick')
    .description('立即运行一次督办作业：按调度安排开启期次、催报、按规则下发督办单、发送邮件和消息（luoshi serve 每 10 分钟自动运行）')
    .option('--as-of <date>', '按此日期运行（YYYY-MM-DD），默认今天')
    .addOption(dbOption())
    .option('--government <名称>', '只为这个政府运行；默认为本系统中的每个政府各运行一次')
    .action(async (flags: TickFlags) => {
      const config = commandConfig();
      const asOf = flags.asOf === undefined ? governmentDay(new Date()) : dateOption(flags.asOf);
      const url = dbUrl(flags, config);
      requireExistingDatabase(url);
      const [{ openDatabase }, { listGovernments }, { tickGovernments }] = await Promise.all([
        import('../startup/open.js'),
        import('../modules/government/government.repository.js'),
        import('../jobs/tick.js'),
      ]);
      const { store } = await openDatabase(url, config);
      try {
        const all = await listGovernments(store.db);
        const only = flags.government === undefined ? all : [await commandGovernment(store.db, flags.government)];
        const ticks = await tickGovernments(store.db, asOf, { delivery: config.delivery, only });
        const several = all.length > 1;
        process.stdout.write(`${ticks.map(({ government, result }) => describeTick(result, several ? government.name : undefined).join('\n')).join('\n')}\n`);
        if (ticks.some((t) => t.result.errors.length > 0)) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
