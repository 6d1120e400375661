/**
 * The `luoshi` command. Each subcommand is a thin door to a service: it
 * parses flags, calls the service and prints; failures print one line.
 */
import { Command, CommanderError } from 'commander';
import { registerAudit } from './audit-command.js';
import { registerBackup } from './backup-command.js';
import { registerBulletin } from './bulletin-command.js';
import { registerDemo } from './demo-command.js';
import { registerExport } from './export-command.js';
import { registerGovernment } from './government-command.js';
import { registerImport } from './import-command.js';
import { registerMigrate } from './migrate-command.js';
import { registerServe } from './serve-command.js';
import { registerSimulate } from './simulate-command.js';
import { registerTick } from './tick-command.js';
import { CliError } from './output.js';
import { registerUser } from './user-command.js';

const program = new Command();
program
  .name('luoshi')
  .description('落实：把政府工作报告任务分解通知导入为任务台账，并督查每项任务直至办结')
  .version('0.1.0', '-v, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .helpCommand('help [command]', '显示某个命令的帮助')
  .showHelpAfterError('（运行 luoshi --help 查看用法）')
  .exitOverride();

registerMigrate(program);
registerImport(program);
registerDemo(program);
registerServe(program);
registerSimulate(program);
registerTick(program);
registerUser(program);
registerAudit(program);
registerBackup(program);
registerBulletin(program);
registerExport(program);
registerGovernment(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version end here too, with code 0.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof CliError) {
    process.stderr.write(`luoshi: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else if (err instanceof (await import('../store/migrate.js')).SchemaNotReadyError) {
    // The database is there but its schema is not (yet) this version's: the owner's job, not an internal fault.
    // (Loaded here: a command that never opened a database need not load the store for its errors.)
    process.stderr.write(`luoshi: ${err.message}\n`);
    process.exitCode = 1;
  } else {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`luoshi: 内部错误：${message.split('\n')[0] ?? ''}\n`);
    process.exitCode = 1;
  }
}
