/** `luoshi demo`: what `npm start` runs: reads the project's sample notice and shows the plan. */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { importNotice, parseUnitDirectory } from '../importer/index.js';
import { bold, dim } from './output.js';
import { formatPlanSummary } from './plan-summary.js';

/** samples/ sits two levels above both src/cli and dist/cli. */
const sample = (name: string): URL => new URL(`../../samples/${name}`, import.meta.url);

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('导入项目自带的示例通知（虚构的临河区），展示导入结果')
    .action(async () => {
      const directory = parseUnitDirectory(await readFile(sample('units.json'), 'utf8'));
      const plan = await importNotice(new Uint8Array(await readFile(sample('notice.txt'))), { directory });
      process.stdout.write(formatPlanSummary(plan));
      process.stdout.write(
        `\n${bold('试一试：')}\n` +
          dim('  npx luoshi import samples/notice.docx --units samples/units.json\n') +
          dim('  npx luoshi import samples/notice.xlsx --json\n'),
      );
    });
}
