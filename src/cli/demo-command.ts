/**
 * `luoshi demo`: what `npm start` runs. On first start it loads the project's
 * sample notice (the fictional 临河区) as a demo plan, creates one demo
 * account per role and keeps their passwords beside the database, and
 * simulates the plan year up to today (work plans, monthly rounds, reviews,
 * reminders, orders) so that a new user sees a living system; then it
 * serves the system. Later starts reuse the same data and print the accounts again.
 *
 * `--government NAME` puts the demo into that government, added at the top of the tree when missing (the unnamed
 * government of a new database takes the name). Usernames are unique in a deployment, so the demo accounts of a
 * government other than the first end in its number (leader-2…), with an office account admin-2 of its own.
 * With --counties N (first start only) governments below the sample's take up its tasks and report
 * (simulate/cascade.ts); their offices' accounts are printed with the others.
 */
import type { Command } from 'commander';
import { ROLE_LABELS, type Role } from '../domain/roles.js';
import { MAX_LOWER_GOVERNMENTS } from '../simulate/cascade-limits.js';
import { commandConfig } from './command-config.js';
import type { DemoReady } from './demo-data.js';
import { bold, CliError, dim } from './output.js';
import { serve, serveTarget, withServeOptions } from './serve-command.js';

interface DemoFlags {
  port?: string;
  host?: string;
  db?: string;
  government?: string;
  /** false (--no-simulate): the sample plan and the accounts only, no simulated year. */
  simulate?: boolean;
  /** Governments below the demo's that take up its tasks (--counties N); none by default. */
  counties?: string;
}

export function registerDemo(program: Command): void {
  const command = program.command('demo').description('演示：导入自带的示例通知（虚构的临河区），为每个角色创建演示账号，并启动服务');
  withServeOptions(command)
    .option('--no-simulate', '不模拟计划年度的督查过程，只导入示例计划并创建演示账号')
    .option('--government <名称>', '把演示数据放进这个政府（没有则作为最上级政府添加，新数据库中尚未命名的政府取此名称）；只有一个政府时可省略')
    .option('--counties <n>', `首次启动时同时模拟的下级政府数量（1–${MAX_LOWER_GOVERNMENTS}）：任务下达、下级承接报送、上级汇总；默认不模拟下级`)
    .action(async (flags: DemoFlags) => {
      const config = commandConfig();
      const target = serveTarget(flags, config);
      const counties = demoCounties(flags.counties);
      const { prepareDemo } = await import('./demo-data.js');
      const demo = await prepareDemo(target.url, config, { simulate: flags.simulate !== false, government: flags.government, counties });
      await serve(config, { ...target, banner: (address) => banner(address, demo) });
    });
}

function demoCounties(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,2}$/.test(value) || Number(value) > MAX_LOWER_GOVERNMENTS) throw new CliError(`下级政府数量应为 0 至 ${MAX_LOWER_GOVERNMENTS} 的整数：${value}`);
  return Number(value);
}

function banner(address: string, { credentials, file, suffix, lower }: DemoReady): string {
  const roles: Record<string, Role> = {
    admin: 'office',
    leader: 'leader',
    head: 'head',
    liaison: 'liaison',
    observer: 'observer',
    sysadmin: 'sysadmin',
    secadmin: 'secadmin',
    auditor: 'auditor',
  };
  const lines = Object.entries(roles).map(([base, role]) => {
    const username = `${base}${suffix}`;
    const password = credentials[username] ?? dim('（沿用已有密码）');
    return `  ${ROLE_LABELS[role].padEnd(8, '　')} ${username.padEnd(9 + suffix.length)} ${password}`;
  });
  return [
    '',
    bold(`落实 Luoshi 演示已启动：${address}`),
    `示例计划：青川市临河区（虚构）2026 年政府工作报告任务分解。演示账号（密码另存于 ${file}）：`,
    ...lines,
    ...(lower.length === 0
      ? []
      : [
          '下级政府督查室账号（承接上级交办的任务并报送，上级查看汇总）：',
          ...lower.map(({ name, username }) => `  ${name.padEnd(12, '　')} ${username.padEnd(16)} ${credentials[username] ?? dim('（沿用已有密码）')}`),
        ]),
    dim('按 Ctrl+C 停止。'),
    '',
  ].join('\n');
}
