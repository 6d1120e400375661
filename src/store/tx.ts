import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** What a repository function takes: the database, or the transaction opened at the edge. */
export type Tx = Kysely<Database> | Transaction<Database>;

/** ISO-8601 UTC timestamp, the one format stored for times on both databases. */
export const nowIso = (clock: () => Date = () => new Date()): string => clock().toISOString();
