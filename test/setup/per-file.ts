/**
 * Each test file its own evidence folder and its own PostgreSQL audit key and
 * checkpoints, below the run's folder (files.ts): files run two at a time, and
 * a file that deletes the audit key or a stored file must not pull it from
 * under another file's feet. Runs before each file is imported (setupFiles).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const root = process.env.LUOSHI_TEST_FILES_ROOT;
if (root) {
  const dir = join(root, randomUUID());
  process.env.LUOSHI_FILES = dir;
  process.env.LUOSHI_AUDIT_DIR = join(dir, 'audit');
}
