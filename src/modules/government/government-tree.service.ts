/**
 * The governments of a deployment (ADR 0031): added at the command line (`luoshi government add`), listed, found
 * by name for the commands' `--government`, and the ones a signed-in user may see (GET /api/governments).
 */
import type { Actor } from '../../domain/actor.js';
import { ancestorIds, descendantIds } from '../../domain/government-tree.js';
import { cleanName, TextRuleError } from '../../domain/text.js';
import { atomically } from '../../store/unit-of-work.js';
import type { Tx } from '../../store/tx.js';
import { lockForChange } from '../../store/locks.js';
import { appendAudit } from '../audit/audit.repository.js';
import { hasRole } from '../auth/policy-helpers.js';
import { badRequest } from '../errors.js';
import { createGovernment, listGovernments, setGovernmentNode, type GovernmentNode } from './government.repository.js';

export const GOVERNMENT_NAME_MAX = 60;

/** A name as the commands and routes take it: cleaned, non-empty, at most GOVERNMENT_NAME_MAX characters. */
export function checkGovernmentName(value: string): string {
  let name: string;
  try {
    name = cleanName(value, '政府名称');
  } catch (err) {
    if (err instanceof TextRuleError) throw badRequest(err.message);
    throw err;
  }
  if (name === '') throw badRequest('政府名称不能为空');
  if ([...name].length > GOVERNMENT_NAME_MAX) throw badRequest(`政府名称不能超过 ${GOVERNMENT_NAME_MAX} 个字`);
  return name;
}

const namesOf = (all: readonly GovernmentNode[]): string =>
  all
    .filter((g) => g.name !== '')
    .map((g) => g.name)
    .join('、') || '（尚无命名的政府）';

/**
 * Adds a government under `parentName` (none: at the top). The unnamed government a new install starts with
 * takes the first name given instead of standing beside it, so that `government add` on a fresh database does
 * not leave a nameless government behind. Names are unique in the deployment. Audited in the new government's
 * chain and in its parent's.
 */
export async function addGovernment(db: Tx, actor: Actor, input: { name: string; parentName?: string | undefined }): Promise<GovernmentNode> {
  const name = checkGovernmentName(input.name);
  const parentName = input.parentName === undefined ? undefined : checkGovernmentName(input.parentName);
  return atomically(db, async (trx) => {
    const all = await listGovernments(trx);
    for (const g of all) await lockForChange(trx, g.id);
    if (all.some((g) => g.name === name)) throw badRequest(`已有名为“${name}”的政府`, 'government_exists');
    let parentId: number | null = null;
    if (parentName !== undefined) {
      const parent = all.find((g) => g.name === parentName);
      if (!parent) throw badRequest(`没有名为“${parentName}”的上级政府（已有：${namesOf(all)}）`, 'government_not_found');
      parentId = parent.id;
    }
    const unnamed = all.length === 1 && all[0]?.name === '' ? all[0] : undefined;
    let created: GovernmentNode;
    if (unnamed) {
      await setGovernmentNode(trx, unnamed.id, name, parentId);
      created = { id: unnamed.id, name, parentId };
    } else {
      created = await createGovernment(trx, name, parentId);
    }
    const after = { name, parentId, parentName: parentName ?? null };
    await appendAudit(
      trx,
      { ...actor, governmentId: created.id },
      { action: 'government.create', objectType: 'government', objectId: created.id, before: null, after },
    );
    if (parentId !== null) {
      await appendAudit(
        trx,
        { ...actor, governmentId: parentId },
        { action: 'government.add_lower', objectType: 'government', objectId: created.id, before: null, after },
      );
    }
    return created;
  });
}

/**
 * The government a command works on: the one named, else the only one (as a single-government install has
 * always done). Several and none named is an error that lists them.
 */
export async function resolveGovernment(db: Tx, name: string | undefined): Promise<GovernmentNode> {
  const all = await listGovernments(db);
  if (name !== undefined) {
    const found = all.find((g) => g.name === name.normalize('NFC').trim());
    if (!found) throw badRequest(`没有名为“${name}”的政府（已有：${namesOf(all)}）`, 'government_not_found');
    return found;
  }
  if (all.length === 1 && all[0]) return all[0];
  if (all.length === 0) throw badRequest('数据库中还没有政府，请先用 luoshi government add --name 名称 添加', 'government_not_found');
  throw badRequest(`本系统有多个政府，请用 --government 指明是哪一个（已有：${namesOf(all)}）`, 'government_required');
}

/**
 * The governments a user may see: their own and those above it (the source of the tasks handed down to it);
 * the office and the leaders also see those below it, whose assigned tasks they follow. Never a sibling's.
 */
export async function visibleGovernments(db: Tx, actor: Actor): Promise<GovernmentNode[]> {
  const all = await listGovernments(db);
  const seen = new Set([actor.governmentId, ...ancestorIds(all, actor.governmentId)]);
  if (hasRole(actor, 'office') || hasRole(actor, 'leader')) for (const id of descendantIds(all, actor.governmentId)) seen.add(id);
  return all.filter((g) => seen.has(g.id));
}
