/**
 * `luoshi simulate --until YYYY-MM-DD [--seed N] [--plan ID] [--government NAME] [--db URL]`:
 * fills the current plan with a plausible, deterministic year of supervision
 * from the notice's date up to a date (for demos and tests), through the same
 * services users act through. The same seed tells the same story, and a story
 * told to a later date is the same up to the earlier one. Refuses a plan
 * whose supervision has already begun.
 */
import type { Command } from 'commander';
import { MAX_LOWER_GOVERNMENTS } from '../simulate/cascade-limits.js';
import { requireExistingDatabase } from './db-exists.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { governmentOption, openGovernmentDatabase } from './government-command.js';
import { dateOption } from './date-option.js';
import { CliError } from './output.js';
import { progressBar } from './progress.js';

interface SimulateFlags {
  until: string;
  seed: string;
  plan?: string;
  counties?: string;
  db?: string;
  government?: string;
}

function wholeNumber(value: string, what: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new CliError(`${what}应为非负整数：${value}`);
  return Number(value);
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('模拟：从通知发文之日起，为当前方案生成截至某日的督查过程（工作方案、月度调度、报送与审核、提醒与督办），用于演示和测试')
    .requiredOption('--until <date>', '模拟截至日期 YYYY-MM-DD，不早于通知的发文日期')
    .option('--seed <n>', '随机种子：相同的种子得到相同的过程，模拟到更晚的日期时此前的过程不变', '1')
    .option('--plan <id>', '方案编号，默认最新的方案')
    .option('--counties <n>', `同时模拟的下级政府数量（1–${MAX_LOWER_GOVERNMENTS}）：本级交办任务、下级承接并报送，上级可看汇总；默认不模拟下级`)
    .addOption(dbOption())
    .addOption(governmentOption())
    .action(async (flags: SimulateFlags) => {
      const config = commandConfig();
      const until = dateOption(flags.until);
      const seed = wholeNumber(flags.seed, '随机种子');
      const planId = flags.plan === undefined ? undefined : wholeNumber(flags.plan, '方案编号');
      const counties = flags.counties === undefined ? 0 : wholeNumber(flags.counties, '下级政府数量');
      const url = dbUrl(flags, config);
      requireExistingDatabase(url);
      const [{ SimulationError, simulate }, { simulateCascade, cascadeLines }] = await Promise.all([
        import('../simulate/simulator.js'),
        import('../simulate/cascade.js'),
      ]);
      const { store, governmentId } = await openGovernmentDatabase(url, config, flags.government);
      const bar = progressBar('模拟', process.stderr, () => Date.now(), '天');
      try {
        const options = { until, seed, ...(planId === undefined ? {} : { planId }), onProgress: (done: number, total: number) => bar.update(done, total) };
        const cascade = counties === 0 ? undefined : await simulateCascade(store.db, governmentId, { ...options, counties });
        const s = cascade?.city ?? (await simulate(store.db, governmentId, options));
        bar.finish();
        process.stdout.write(
          [
            `已模拟 ${s.from} 至 ${s.until}（${s.days} 天，种子 ${seed}）：`,
            `  调度 ${s.rounds} 期（已结束 ${s.closedRounds} 期），报送 ${s.reportsSent} 份（逾期 ${s.reportsLate} 份），退回 ${s.returns} 次`,
            `  工作方案 ${s.workPlans} 份，延期申请 ${s.extensions} 件，督办单 ${s.orders} 件（已答复 ${s.ordersAnswered} 件），销号 ${s.completed} 项`,
            s.accounts > 0 ? `  新建模拟账号 ${s.accounts} 个（密码未保存，需要时由管理员重置）` : '',
            ...(cascade ? cascadeLines(cascade) : []),
          ]
            .filter((l) => l !== '')
            .join('\n') + '\n',
        );
      } catch (err) {
        bar.finish();
        if (err instanceof SimulationError) throw new CliError(err.message);
        throw err;
      } finally {
        await store.close();
      }
    });
}
