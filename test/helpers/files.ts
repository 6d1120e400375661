/**
 * The run's folder for evidence files (LUOSHI_FILES, set by test/setup/files.ts),
 * given to the app and the services as `luoshi serve` gives them its
 * configuration: tests never write to the repository's data/files.
 */
import type { Store } from '../../src/store/connection.js';
import { fileStoreFor, type FileStore } from '../../src/store/files.js';

export const testFiles = (store: Pick<Store, 'file'>): FileStore => fileStoreFor(store, process.env.LUOSHI_FILES);
