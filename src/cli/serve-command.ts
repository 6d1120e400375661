/** `luoshi serve [--port 8080] [--host 127.0.0.1] [--db URL]` */
import type { Command } from 'commander';
import { createScheduler } from '../jobs/scheduler.js';
import { describeTick, tickDidSomething } from '../jobs/tick-summary.js';
import { buildApp } from '../server/app.js';
import { openDatabase } from '../startup/open.js';
import { dbOption, dbUrl } from './db-option.js';
import { CliError } from './output.js';

interface ServeFlags {
  port: string;
  host: string;
  db?: string;
  /** false with --no-jobs: no scheduled rounds, reminders or orders from this process. */
  jobs: boolean;
}

/** The flags every command that serves shares: port, listening address, database. */
export function withServeOptions(command: Command): Command {
  return command
    .option('-p, --port <port>', '端口', process.env.PORT ?? '8080')
    .option('--host <host>', '监听地址；局域网内使用请设为 0.0.0.0', process.env.HOST ?? '127.0.0.1')
    .addOption(dbOption());
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`端口无效：${value}`);
  return port;
}

export function registerServe(program: Command): void {
  withServeOptions(program.command('serve').description('启动 Luoshi 服务（网页与 API）'))
    .option('--no-jobs', '不运行督办作业（开启调度、催报、督办、推送）；多个服务进程共用数据库时也可都运行，每次作业只执行一次')
    .action(async (flags: ServeFlags) => {
      await serve(dbUrl(flags), flags.host, parsePort(flags.port), undefined, { jobs: flags.jobs });
    });
}

export async function serve(url: string | undefined, host: string, port: number, banner?: (address: string) => string, options: { jobs?: boolean } = {}): Promise<void> {
  const { store, governmentId } = await openDatabase(url);
  const app = await buildApp({ store, governmentId, secureCookies: process.env.LUOSHI_SECURE_COOKIES === '1', logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  const scheduler =
    options.jobs === false
      ? undefined
      : createScheduler({
          store,
          url,
          governmentId,
          onResult: (result) => {
            if (tickDidSomething(result)) process.stdout.write(`${describeTick(result).join('\n')}\n`);
          },
          onError: (err) => app.log.error(`督办作业失败：${err instanceof Error ? err.message : String(err)}`),
        });
  const shutdown = async (): Promise<void> => {
    await scheduler?.stop();
    await app.close();
    await store.close();
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  try {
    await app.listen({ host, port });
  } catch (err) {
    await shutdown();
    const code = (err as { code?: string }).code;
    throw new CliError(code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请用 --port 换一个端口` : `无法启动服务：${err instanceof Error ? err.message : String(err)}`);
  }
  await scheduler?.start();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const address = `http://${shown}:${port}`;
  process.stdout.write(banner ? banner(address) : `Luoshi 已启动：${address}（数据库：${store.dialect === 'sqlite' ? store.file ?? '' : 'PostgreSQL'}）\n`);
}
