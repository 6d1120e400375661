/** `luoshi import FILE [--json] [--units DIRECTORY.json] [--commit [--db URL] [--government NAME]]` */
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { systemActor } from '../domain/actor.js';
import type { Plan } from '../domain/plan.js';
import type { UnitDirectory } from '../importer/index.js';
import { PlanImportError } from '../modules/plan/plan.errors.js';
import type { Store } from '../store/connection.js';
import { commandConfig } from './command-config.js';
import { dbUrl } from './db-option.js';
import { commandGovernment, governmentOption } from './government-command.js';
import { CliError } from './output.js';
import { formatPlanSummary } from './plan-summary.js';

interface ImportFlags {
  json?: boolean;
  units?: string;
  commit?: boolean;
  db?: string;
  government?: string;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('读取任务分解通知（.txt/.md/.docx/.xlsx/.pdf/.doc/.wps/.xls，扫描件与图片经文字识别），输出结构化的任务台账；加 --commit 写入数据库')
    .argument('<file>', '通知文件')
    .option('--json', '以 JSON 输出完整结果')
    .option('--units <directory.json>', '单位名录（规范名称、简称、单位组成员），用于统一单位名称并标出未知单位')
    .option('--commit', '把任务写入台账数据库（同一文件重复导入不会重复写入）')
    .option('--db <url>', '数据库：文件路径或 postgres:// 地址（默认取环境变量 LUOSHI_DB，或 ./data/luoshi.db）')
    .addOption(governmentOption())
    .action(async (file: string, flags: ImportFlags) => {
      const config = commandConfig();
      if (flags.db !== undefined && !flags.commit) throw new CliError('--db 只能与 --commit 一起使用');
      if (flags.government !== undefined && !flags.commit) throw new CliError('--government 只能与 --commit 一起使用');
      const [{ ImportError, importNotice }, { noticeConverter }, { readInputFile }] = await Promise.all([
        import('../importer/index.js'),
        import('../documents/notice-converter.js'),
        import('./read-input.js'),
      ]);
      const directory = flags.units ? await readDirectory(flags.units) : undefined;
      const bytes = await readInputFile(file, '通知文件');
      let plan;
      try {
        const converter = noticeConverter({ soffice: config.soffice });
        plan = await importNotice(bytes, directory ? { directory, converter } : { converter });
      } catch (err) {
        if (err instanceof ImportError) throw new CliError(`无法导入 ${file}：${err.message}`);
        throw new CliError(`无法导入 ${file}：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
      if (flags.commit) return commitPlan(file, bytes, plan, directory, flags, config);
      process.stdout.write(flags.json ? planJson(plan) : formatPlanSummary(plan));
    });
}

/** What `luoshi import FILE --json` prints: the plan as is (scripts/score-corpus.ts scores the same text). */
export const planJson = (plan: Plan): string => `${JSON.stringify(plan, null, 2)}\n`;

/** Stores the plan (and the unit directory, when given) in one transaction. */
async function commitPlan(
  file: string,
  bytes: Uint8Array,
  plan: Plan,
  directory: UnitDirectory | undefined,
  flags: ImportFlags,
  config: Config,
): Promise<void> {
  const url = dbUrl(flags, config);
  const [
    { ImportError },
    { openStore },
    { migrateToLatest },
    { ensureGovernment },
    { anchorStore },
    { storeNotice },
    { sourceOf },
    { describeImport },
    { keepDashboard },
  ] = await Promise.all([
    import('../importer/index.js'),
    import('../store/connection.js'),
    import('../store/migrate.js'),
    import('../modules/government/government.repository.js'),
    import('../startup/open.js'),
    import('../modules/plan/plan.service.js'),
    import('../modules/plan/plan-importer.js'),
    import('../modules/plan/plan.presenter.js'),
    import('../modules/dashboard/dashboard.service.js'),
  ]);
  let store: Store;
  try {
    store = openStore(url, config);
  } catch (err) {
    throw new CliError(`无法打开数据库：${firstLine(err)}`);
  }
  try {
    await migrateToLatest(store.db);
    await ensureGovernment(store.db, config.government);
    const government = await commandGovernment(store.db, flags.government);
    await anchorStore(store, url, config.audit, (line) => void process.stderr.write(`${line}\n`));
    const actor = systemActor(government.id, 'cli');
    const result = await storeNotice(store.db, actor, { plan, directory, source: sourceOf(basename(file), bytes) });
    await keepDashboard(store.db, government.id);
    process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${describeImport(result)}\n`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof PlanImportError || err instanceof ImportError) throw new CliError(`无法导入 ${file}：${err.message}`);
    throw new CliError(`写入数据库失败，未做任何更改：${firstLine(err)}`);
  } finally {
    await store.close();
  }
}

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

async function readDirectory(path: string): Promise<UnitDirectory> {
  const [{ parseUnitDirectory }, { readInputFile }] = await Promise.all([import('../importer/index.js'), import('./read-input.js')]);
  const bytes = await readInputFile(path, '单位名录');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`单位名录不是 UTF-8 编码的文本，无法读取：${path}`);
  }
  try {
    return parseUnitDirectory(text);
  } catch (err) {
    throw new CliError(err instanceof Error ? `${err.message}：${path}` : String(err));
  }
}
