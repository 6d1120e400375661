/**
 * Evidence files written by the tests go to a throwaway folder, not to the
 * repository's data/files: LUOSHI_FILES for the whole run (and for the
 * commands the tests start), removed at the end. PostgreSQL's audit
 * checkpoints likewise (LUOSHI_AUDIT_DIR; SQLite's lie beside each file).
 * per-file.ts then gives each test file a folder of its own below it
 * (LUOSHI_TEST_FILES_ROOT).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-test-files-'));
  process.env.LUOSHI_TEST_FILES_ROOT = dir;
  process.env.LUOSHI_FILES = dir;
  process.env.LUOSHI_AUDIT_DIR = join(dir, 'audit');
  return () => rmSync(dir, { recursive: true, force: true });
}
