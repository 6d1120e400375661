/**
 * The user manual's screenshots (docs/manual/images/), each taken by test/web/manual.test.ts on every run: this list
 * is what that test writes, and what the manual may show.
 */
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

export const MANUAL_DIR = join(repoRoot, 'docs', 'manual');
export const MANUAL_IMAGES = join(MANUAL_DIR, 'images');

export const MANUAL_SHOTS = [
  'login',
  'office-dashboard',
  'office-ledger',
  'office-task',
  'office-import',
  'office-rounds',
  'office-review',
  'office-orders',
  'office-bulletins',
  'office-assessment',
  'office-settings',
  'liaison-my-work',
  'liaison-report',
  'head-my-work',
  'leader-decisions',
  'notifications',
  'help-drawer',
  'sysadmin-users',
  'auditor-audit',
] as const;

export type ManualShot = (typeof MANUAL_SHOTS)[number];
