/**
 * Every command's first step: the configuration, read once from the
 * environment. A bad variable stops the command before it does anything,
 * with one line naming the variable and exit code 2 (bad input).
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { CliError } from './output.js';

export function commandConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}
