/**
 * The one runner of workflow transitions. A step is one transaction (the
 * government's writers queued first, see store/locks.ts): load the entity,
 * ask the chokepoint, check the state it starts from, the version the actor
 * saw and the step's own conditions, do the step's further writes, write the
 * entity at its version together with the audit row (audit/audited-update.ts),
 * record its timeline event and tell people. Any refusal or failure rolls all
 * of it back.
 */
import { nowIso } from '../../store/tx.js';
import { changing, type Clock } from '../../store/unit-of-work.js';
import type { Tx } from '../../store/tx.js';
import type { Action } from '../auth/actions.js';
import { can, type AuthActor } from '../auth/authorize.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import type { Subject } from '../auth/subjects.js';
import { AppError, versionConflict } from '../errors.js';
import {
  stateLabel,
  type StepContext,
  type Transition,
  type TransitionHead,
  type VersionInput,
  type Workable,
  type Workflow,
  type WorkflowHead,
} from './workflow.js';
import { refuseIfArchived } from '../plan/plan-archive.service.js';
import { isPlanOwned } from '../plan/plan.repository.js';

/** The entity as the actor sees it: the answer to a step, and what a version conflict (409) carries. */
export type View<V> = (db: Tx, actor: AuthActor, id: number) => Promise<V>;

/**
 * The steps of a workflow as one function: runs the named transition and
 * answers with the entity's view, read after the transaction.
 */
export function stepper<E extends Workable, Ctx, Inputs, Change extends { status?: E['status'] }, V>(
  workflow: Workflow<E, Ctx, Inputs, Change>,
  view: View<V>,
) {
  return async <N extends keyof Inputs & string>(db: Tx, actor: AuthActor, id: number, name: N, input: Inputs[N] & VersionInput, clock?: Clock): Promise<V> => {
    await runTransition(db, actor, workflow, id, name, input, view, clock);
    return view(db, actor, id);
  };
}

/** Applies the named transition to the entity. */
export async function runTransition<E extends Workable, Ctx, Inputs, Change extends { status?: E['status'] }, N extends keyof Inputs & string>(
  db: Tx,
  actor: AuthActor,
  workflow: Workflow<E, Ctx, Inputs, Change>,
  id: number,
  name: N,
  input: Inputs[N] & VersionInput,
  current: View<unknown>,
  clock?: Clock,
): Promise<void> {
  const step: Transition<E, Ctx, Inputs[N], Change> = workflow.transitions[name];
  await changing(db, actor.governmentId, async (trx) => {
    const { entity, ctx } = await workflow.load(trx, actor, id);
    if (isPlanOwned(workflow.entity)) await refuseIfArchived(trx, actor.governmentId, workflow.entity, id);
    if (!can(actor, step.may, workflow.subject(entity, ctx))) throw new ForbiddenError(step.may);
    refuseUnlessApplies(workflow, step, entity);
    if (input.version !== undefined && input.version !== entity.version) throw versionConflict(await current(trx, actor, id));
    const c: StepContext<E, Ctx, Inputs[N]> = { trx, actor, entity, ctx, input, now: nowIso(clock) };
    await step.guard?.(c);
    const before = { status: entity.status, version: entity.version, ...(await step.auditBefore?.(c)) };
    const change = { ...(await step.set?.(c)), status: step.to } as Change;
    const extra = await step.effect?.(c);
    const comment = commentOf(input);
    const after = { ...(step.auditAfter ? step.auditAfter(c, change) : change), ...extra, ...(comment ? { comment } : {}) };
    const audit = { actor, change: { action: step.audit, objectType: workflow.entity, objectId: id, before, after } };
    if (!(await workflow.write(trx, entity, change, c.now, audit))) throw versionConflict(await current(trx, actor, id));
    if (step.event !== undefined && workflow.timeline) await workflow.timeline(c, step.event, comment);
    await step.then?.(c);
  });
}

function refuseUnlessApplies<E extends Workable>(workflow: WorkflowHead<E>, step: TransitionHead<E>, entity: E): void {
  if (!step.from.includes(entity.status)) {
    throw new AppError(409, 'invalid_state', `${workflow.describe(entity)}当前为“${stateLabel(workflow, entity.status)}”，不能${step.label.zh}`, {
      status: entity.status,
    });
  }
  const reason = step.unless?.(entity);
  if (reason) throw new AppError(409, 'invalid_state', reason, { status: entity.status });
}

/** What the step says in words: its comment, or the reason a step such as voiding asks for. */
const commentOf = (input: unknown): string | null => {
  const said = input as { comment?: unknown; reason?: unknown } | null;
  const comment = said?.comment ?? said?.reason;
  return typeof comment === 'string' && comment.trim() !== '' ? comment.trim() : null;
};

/**
 * The actions the actor may take on the entity now, for the client's buttons:
 * the authorization action of each transition that starts from the entity's
 * state, applies to it, and that the chokepoint allows; in the table's order.
 */
export function allowedActions<E extends Workable>(actor: AuthActor, workflow: WorkflowHead<E>, entity: E, subject: Subject): Action[] {
  const out: Action[] = [];
  for (const step of Object.values(workflow.transitions)) {
    if (out.includes(step.may) || !step.from.includes(entity.status) || step.unless?.(entity)) continue;
    if (can(actor, step.may, subject)) out.push(step.may);
  }
  return out;
}
