/**
 * A one-line progress bar on stderr, redrawn in place. Only on a terminal:
 * in a log file or a pipe the carriage returns would be noise.
 */

export interface ProgressBar {
  update(done: number, total: number): void;
  /** Ends the bar's line, if one was drawn. */
  finish(): void;
}

interface Terminal {
  isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 30;
/** Redraws at most this often, except for the last one: a terminal is slower than a fast restore. */
const INTERVAL_MS = 100;

export function progressBar(label: string, stream: Terminal = process.stderr, now: () => number = () => Date.now(), unit = '行'): ProgressBar {
  if (stream.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  let drawnAt = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const t = now();
      if (done < total && t - drawnAt < INTERVAL_MS) return;
      drawnAt = t;
      drawn = true;
      stream.write(`\r${renderBar(label, done, total, WIDTH, unit)}`);
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** `备份 [##########....................] 1234/3702 行 33%` */
export function renderBar(label: string, done: number, total: number, width = WIDTH, unit = '行'): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(ratio * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${unit} ${Math.floor(ratio * 100)}%`;
}
