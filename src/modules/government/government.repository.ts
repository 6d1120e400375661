/** The governments (tenants). A single-government install has exactly one row. */
import type { GovernmentProfile } from '../../domain/government-profile.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { updateAtVersion } from '../../store/versioned.js';

export interface Government {
  id: number;
  name: string;
}

/** A government in the deployment's tree (province → city → county → town). */
export interface GovernmentNode extends Government {
  /** The government above; null at the top. */
  parentId: number | null;
}

/** No name until one is given (LUOSHI_GOVERNMENT), read from a notice or set by the office (ADR 0023). */
export const DEFAULT_GOVERNMENT_NAME = '';

/**
 * The first government, created on first use with the given name (the
 * configuration's LUOSHI_GOVERNMENT). Re-reading the first row after inserting
 * means two processes racing on an empty store still agree on one government.
 */
export async function ensureGovernment(db: Tx, name: string = DEFAULT_GOVERNMENT_NAME): Promise<Government> {
  const first = await firstGovernment(db);
  if (first) return first;
  await db.insertInto('governments').values({ name, created_at: nowIso() }).execute();
  const created = await firstGovernment(db);
  if (!created) throw new Error('无法创建政府记录');
  return created;
}

export async function createGovernment(db: Tx, name: string, parentId: number | null = null): Promise<GovernmentNode> {
  const row = await db
    .insertInto('governments')
    .values({ name, created_at: nowIso(), parent_id: parentId })
    .returning(['id', 'name', 'parent_id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, parentId: row.parent_id };
}

/** Every government of the deployment, in the order they were created. */
export async function listGovernments(db: Tx): Promise<GovernmentNode[]> {
  const rows = await db.selectFrom('governments').select(['id', 'name', 'parent_id']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
}

/** Names and places a government in the tree (the unnamed government of a new install taking its first name). */
export async function setGovernmentNode(db: Tx, id: number, name: string, parentId: number | null): Promise<void> {
  await db.updateTable('governments').set({ name, parent_id: parentId }).where('id', '=', id).execute();
}

/** The install's first government (the one a single-government install has always had). */
export async function firstGovernmentId(db: Tx): Promise<number | null> {
  return (await firstGovernment(db))?.id ?? null;
}

async function firstGovernment(db: Tx): Promise<Government | null> {
  const row = await db.selectFrom('governments').select(['id', 'name']).orderBy('id').limit(1).executeTakeFirst();
  return row ? { id: row.id, name: row.name } : null;
}

export async function findGovernment(db: Tx, id: number): Promise<Government | null> {
  const row = await db.selectFrom('governments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, name: row.name } : null;
}

/** One trivial read: the database answers (the health check). */
export async function pingDatabase(db: Tx): Promise<void> {
  await db.selectFrom('governments').select('id').limit(1).execute();
}

/** The profile as stored (government_profiles), with its source and version. */
export interface StoredProfile {
  profile: GovernmentProfile;
  source: 'notice' | 'person';
  confirmedBy: number | null;
  confirmedAt: string | null;
  version: number;
}

export async function loadProfile(db: Tx, governmentId: number): Promise<StoredProfile | null> {
  const row = await db.selectFrom('government_profiles').selectAll().where('government_id', '=', governmentId).executeTakeFirst();
  if (!row) return null;
  return {
    profile: {
      name: row.name,
      region: row.region,
      office: row.office,
      bulletinMark: row.bulletin_mark,
      numberPrefix: row.number_prefix,
      signature: row.signature,
    },
    source: row.source === 'person' ? 'person' : 'notice',
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at,
    version: row.version,
  };
}

/**
 * Writes the profile if the stored version is still `version` (0: none stored yet), and the government's name
 * with it; false when someone wrote it first. A person's write is the confirmation.
 */
export async function saveProfile(
  trx: Tx,
  governmentId: number,
  profile: GovernmentProfile,
  by: { source: 'notice' | 'person'; userId: number | null },
  version: number,
  now: string,
): Promise<boolean> {
  const values = {
    name: profile.name,
    region: profile.region,
    office: profile.office,
    bulletin_mark: profile.bulletinMark,
    number_prefix: profile.numberPrefix,
    signature: profile.signature,
    source: by.source,
    confirmed_by: by.source === 'person' ? by.userId : null,
    confirmed_at: by.source === 'person' ? now : null,
  };
  let written: boolean;
  if (version === 0) {
    const inserted = await trx
      .insertInto('government_profiles')
      .values({ government_id: governmentId, ...values, updated_at: now })
      .onConflict((oc) => oc.column('government_id').doNothing())
      .executeTakeFirst();
    written = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  } else {
    written = await updateAtVersion(trx, 'government_profiles', { key: { government_id: governmentId }, version }, values, now);
  }
  if (written && profile.name !== '') await trx.updateTable('governments').set({ name: profile.name }).where('id', '=', governmentId).execute();
  return written;
}
