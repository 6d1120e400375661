/**
 * The government's profile (ADR 0023): the names its documents print. Read
 * by anyone who reads the ledger; set or confirmed by the office (a versioned
 * write with its audit row). Until a person has set it, each notice stored
 * reads it again from its issuer (storeNotice), so that the first plan
 * imported names its government; a person's profile is never overwritten.
 */
import type { Static } from 'typebox';
import type { Actor } from '../../domain/actor.js';
import { checkProfile, completeProfile, EMPTY_PROFILE, profileFromIssuer, type GovernmentProfile } from '../../domain/government-profile.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import { appendAudit } from '../audit/audit.repository.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import { badRequest, versionConflict } from '../errors.js';
import { listPlans } from '../plan/plan.repository.js';
import { findGovernment, loadProfile, saveProfile } from './government.repository.js';
import type { GovernmentProfileChange, GovernmentViewSchema } from './government.schema.js';

export type GovernmentView = Static<typeof GovernmentViewSchema>;
export type ProfileChange = Static<typeof GovernmentProfileChange>;

/**
 * The profile the documents print: the stored one, else one made from the government's name (LUOSHI_GOVERNMENT),
 * its empty fields filled (completeProfile); neutral words (督查通报, 督查室) when nothing names the government.
 */
export async function documentProfile(db: Tx, governmentId: number): Promise<GovernmentProfile> {
  const stored = await loadProfile(db, governmentId);
  if (stored) return completeProfile(stored.profile);
  return completeProfile({ name: (await findGovernment(db, governmentId))?.name ?? '' });
}

/** What the newest plan's notice says of its issuer, and that plan's title; null when no plan names one. */
async function fromNewestNotice(db: Tx, governmentId: number): Promise<{ profile: GovernmentProfile; title: string } | null> {
  for (const plan of await listPlans(db, governmentId)) {
    const profile = profileFromIssuer(plan.issuer, plan.docNumber) ?? profileFromIssuer(plan.title.split('关于')[0] ?? null, plan.docNumber);
    if (profile) return { profile, title: plan.title };
  }
  return null;
}

async function view(db: Tx, governmentId: number): Promise<GovernmentView> {
  const stored = await loadProfile(db, governmentId);
  const notice = await fromNewestNotice(db, governmentId);
  const suggestion = { fromNotice: notice?.profile ?? null, noticeTitle: notice?.title ?? null };
  if (stored) {
    const confirmed = stored.source === 'person';
    return {
      profile: completeProfile(stored.profile),
      source: stored.source,
      confirmed,
      confirmedAt: stored.confirmedAt,
      version: stored.version,
      ...suggestion,
    };
  }
  const name = (await findGovernment(db, governmentId))?.name ?? '';
  const profile = name === '' ? { ...EMPTY_PROFILE } : completeProfile({ name });
  return { profile, source: name === '' ? 'none' : 'config', confirmed: false, confirmedAt: null, version: 0, ...suggestion };
}

export async function getGovernment(db: Tx, actor: AuthActor): Promise<GovernmentView> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  return view(db, actor.governmentId);
}

/** Sets (and so confirms) the profile if it is still at `version`; 409 with the current view otherwise. */
export async function changeGovernment(db: Tx, actor: AuthActor, change: ProfileChange, clock?: Clock): Promise<GovernmentView> {
  authorize(actor, 'plan.configure', governmentSubject(actor.governmentId));
  const { version, ...given } = change;
  let profile: GovernmentProfile;
  try {
    profile = checkProfile(completeProfile(checkProfile({ ...EMPTY_PROFILE, ...given })));
  } catch (err) {
    if (err instanceof RangeError) throw badRequest(err.message, 'invalid_profile');
    throw err;
  }
  return changing(db, actor.governmentId, async (trx) => {
    const stored = await loadProfile(trx, actor.governmentId);
    if ((stored?.version ?? 0) !== version) throw versionConflict(await view(trx, actor.governmentId));
    const now = nowIso(clock);
    if (!(await saveProfile(trx, actor.governmentId, profile, { source: 'person', userId: actor.userId }, version, now))) {
      throw versionConflict(await view(trx, actor.governmentId));
    }
    await appendAudit(
      trx,
      actor,
      {
        action: 'government.configure',
        objectType: 'government_profile',
        objectId: actor.governmentId,
        before: stored ? { version, source: stored.source, profile: stored.profile } : { version: 0 },
        after: { version: version + 1, source: 'person', profile },
      },
      clock,
    );
    return view(trx, actor.governmentId);
  });
}

/**
 * After a notice is stored: while no person has set the profile, it is read from the notice's issuer (and its
 * number's organ code), in the import's transaction, with its audit row. An issuer that names no government
 * changes nothing.
 */
export async function profileFromNotice(
  trx: Tx,
  actor: Actor,
  notice: { issuer: string | null; docNumber: string | null; title: string | null },
): Promise<void> {
  const read = profileFromIssuer(notice.issuer, notice.docNumber) ?? profileFromIssuer(notice.title?.split('关于')[0] ?? null, notice.docNumber);
  if (read === null) return;
  const stored = await loadProfile(trx, actor.governmentId);
  if (stored?.source === 'person') return;
  // A name the operator gave at first start (LUOSHI_GOVERNMENT) is a person's too: the notice's is only offered (fromNotice).
  if (!stored && ((await findGovernment(trx, actor.governmentId))?.name ?? '') !== '') return;
  if (stored && JSON.stringify(stored.profile) === JSON.stringify(read)) return;
  const version = stored?.version ?? 0;
  if (!(await saveProfile(trx, actor.governmentId, read, { source: 'notice', userId: null }, version, nowIso()))) return;
  await appendAudit(trx, actor, {
    action: 'government.read_from_notice',
    objectType: 'government_profile',
    objectId: actor.governmentId,
    before: stored ? { version, profile: stored.profile } : { version: 0 },
    after: { version: version + 1, source: 'notice', profile: read, issuer: notice.issuer },
  });
}
