/** `luoshi serve [--port 8080] [--host 127.0.0.1] [--db URL]` */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { Config, TlsFiles } from '../config.js';
import { describeTick, tickDidSomething } from '../jobs/tick-summary.js';
import { commandConfig } from './command-config.js';
import { dbOption, dbUrl } from './db-option.js';
import { CliError } from './output.js';

interface ServeFlags {
  port?: string;
  host?: string;
  db?: string;
  /** false with --no-jobs: no scheduled rounds, reminders or orders from this process. */
  jobs: boolean;
}

/** The flags every command that serves shares: port, listening address, database. */
export function withServeOptions(command: Command): Command {
  return command
    .option('-p, --port <port>', '端口；默认读取 PORT，否则为 8080')
    .option('--host <host>', '监听地址，局域网内使用请设为 0.0.0.0；默认读取 HOST，否则为 127.0.0.1')
    .addOption(dbOption());
}

/** Where to serve: the flags, else the configuration (PORT, HOST, LUOSHI_DB). */
export function serveTarget(flags: { port?: string; host?: string; db?: string }, config: Config): { url: string; host: string; port: number } {
  return { url: dbUrl(flags, config), host: flags.host ?? config.host, port: flags.port === undefined ? config.port : parsePort(flags.port) };
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
      const config = commandConfig();
      await serve(config, { ...serveTarget(flags, config), jobs: flags.jobs });
    });
}

export interface ServeOptions {
  url: string;
  host: string;
  port: number;
  banner?: (address: string) => string;
  /** false: no scheduled work from this process. */
  jobs?: boolean;
}

/** The certificate and key files, read before the database is opened so that a wrong path stops the start at once. */
function readTls(files: TlsFiles): { cert: Buffer; key: Buffer } {
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new CliError(
        `无法读取 TLS ${what}文件 ${path}：${(err as { code?: string }).code === 'ENOENT' ? '文件不存在' : err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
  const pair = { cert: read(files.cert, '证书'), key: read(files.key, '私钥') };
  try {
    createSecureContext(pair);
  } catch (err) {
    throw new CliError(`TLS 证书或私钥无效（${files.cert}、${files.key}）：${err instanceof Error ? err.message : String(err)}`);
  }
  return pair;
}

export async function serve(config: Config, options: ServeOptions): Promise<void> {
  const { url, host, port, banner } = options;
  const https = config.tls === undefined ? undefined : readTls(config.tls);
  const [{ openDatabase }, { buildApp }, { createScheduler }, { anchorPaths }, { fileStoreFor }, { setCacheBudget }] = await Promise.all([
    import('../startup/open.js'),
    import('../server/app.js'),
    import('../jobs/scheduler.js'),
    import('../modules/audit/audit-anchor.js'),
    import('../store/files.js'),
    import('../modules/audit/head-cache.js'),
  ]);
  setCacheBudget(config.cacheMb * 1024 * 1024);
  const { store, governmentId } = await openDatabase(url, config);
  const app = await buildApp({
    store,
    governmentId,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    ...(https === undefined ? {} : { https }),
    logger: { level: config.logLevel },
    files: fileStoreFor(store, config.files),
    delivery: config.delivery,
    soffice: config.soffice,
    auditAnchor: anchorPaths(url, config.audit),
  });
  const scheduler =
    options.jobs === false
      ? undefined
      : createScheduler({
          store,
          url,
          governmentId,
          delivery: config.delivery,
          onResult: (result, about) => {
            // Each government's tick; named where the deployment has several.
            const name = about !== undefined && about.of > 1 ? about.government.name : undefined;
            if (tickDidSomething(result)) process.stdout.write(`${describeTick(result, name).join('\n')}\n`);
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
    throw new CliError(
      code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请用 --port 换一个端口` : `无法启动服务：${err instanceof Error ? err.message : String(err)}`,
    );
  }
  try {
    await scheduler?.start();
  } catch (err) {
    await shutdown();
    throw err;
  }
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const address = `${https === undefined ? 'http' : 'https'}://${shown}:${port}`;
  process.stdout.write(banner ? banner(address) : `Luoshi 已启动：${address}（数据库：${store.dialect === 'sqlite' ? (store.file ?? '') : 'PostgreSQL'}）\n`);
}
