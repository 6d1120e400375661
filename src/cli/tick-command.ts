/**
 * `luoshi tick [--as-of YYYY-MM-DD] [--db URL]`: runs one supervision tick
 * now (open scheduled rounds, remind, issue orders by rule, send e-mail and
 * webhook posts) and says what it did. `luoshi serve` runs the same tick
 * every ten minutes.
 */
import { governmentDay } from '../domain/calendar.js';
import type { Command } from 'commander';

import { supervisionTick } from '../jobs/tick.js';
import { describeTick } from '../jobs/tick-summary.js';
import { openDatabase } from '../startup/open.js';
import { requireExistingDatabase } from './db-exists.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { dateOption } from './date-option.js';

interface TickFlags {
  asOf?: string;
  db?: string;
}

export function registerTick(program: Command): void {
  program
    .command('tick')
    .description('立即运行一次督办作业：按调度安排开启期次、催报、按规则下发督办单、发送邮件和消息（luoshi serve 每 10 分钟自动运行）')
    .option('--as-of <date>', '按此日期运行（YYYY-MM-DD），默认今天')
    .addOption(dbOption())
    .action(async (flags: TickFlags) => {
      const config = commandConfig();
      const asOf = flags.asOf === undefined ? governmentDay(new Date()) : dateOption(flags.asOf);
      const url = dbUrl(flags, config);
      requireExistingDatabase(url);
      const { store, governmentId } = await openDatabase(url, config);
      try {
        const result = await supervisionTick(store.db, governmentId, asOf, { delivery: config.delivery });
        process.stdout.write(`${describeTick(result).join('\n')}\n`);
        if (result.errors.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
