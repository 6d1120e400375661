/** The file store a government's documents go to: its own area (store/files.ts governmentArea, ADR 0031). */
import { governmentArea, type FileStore } from '../../store/files.js';
import type { Tx } from '../../store/tx.js';
import { firstGovernmentId } from './government.repository.js';

export async function filesOfGovernment(db: Tx, files: FileStore, governmentId: number): Promise<FileStore> {
  return governmentArea(files, governmentId, (await firstGovernmentId(db)) ?? governmentId);
}
