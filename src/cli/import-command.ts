/** `luoshi import FILE [--json] [--units DIRECTORY.json]` */
import type { Command } from 'commander';
import { ImportError, importNotice, parseUnitDirectory, type UnitDirectory } from '../importer/index.js';
import { CliError } from './output.js';
import { formatPlanSummary } from './plan-summary.js';
import { readInputFile } from './read-input.js';

interface ImportFlags {
  json?: boolean;
  units?: string;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('读取任务分解通知（.txt/.md/.docx/.xlsx），输出结构化的任务台账')
    .argument('<file>', '通知文件')
    .option('--json', '以 JSON 输出完整结果')
    .option('--units <directory.json>', '单位名录（规范名称、简称、单位组成员），用于统一单位名称并标出未知单位')
    .action(async (file: string, flags: ImportFlags) => {
      const directory = flags.units ? await readDirectory(flags.units) : undefined;
      const bytes = await readInputFile(file, '通知文件');
      let plan;
      try {
        plan = await importNotice(bytes, directory ? { directory } : {});
      } catch (err) {
        if (err instanceof ImportError) throw new CliError(`无法导入 ${file}：${err.message}`);
        throw new CliError(`无法导入 ${file}：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
      process.stdout.write(flags.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanSummary(plan));
    });
}

async function readDirectory(path: string): Promise<UnitDirectory> {
  const bytes = await readInputFile(path, '单位名录');
  try {
    return parseUnitDirectory(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new CliError(err instanceof Error ? `${err.message}：${path}` : String(err));
  }
}
