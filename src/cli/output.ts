import { colorDisabled } from '../config.js';

/** A failure the CLI reports in one line, with its exit code (2: bad input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const useColor = (): boolean => process.stdout.isTTY && !colorDisabled();

export const paint = (code: number, text: string): string => (useColor() ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = (t: string): string => paint(1, t);
export const dim = (t: string): string => paint(2, t);
export const yellow = (t: string): string => paint(33, t);
export const green = (t: string): string => paint(32, t);
