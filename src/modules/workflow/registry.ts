/**
 * Every workflow of the system, and their tables as plain data: states with
 * their labels, transitions with what they start from, lead to and need. The
 * web app's copy is generated from here (npm run gen:api), so a label or a
 * transition is written once.
 */
import { bulletinWorkflow } from '../bulletin/bulletin.workflow.js';
import { extensionWorkflow } from '../extension/extension.workflow.js';
import { orderWorkflow } from '../order/order.workflow.js';
import { reportWorkflow } from '../report/report.workflow.js';
import { targetChangeWorkflow } from '../target/target.workflow.js';
import { taskWorkflow } from '../task/task.workflow.js';
import { workPlanWorkflow } from '../workplan/workplan.workflow.js';
import type { Action } from '../auth/actions.js';
import type { Label } from './workflow.js';

const WORKFLOWS = {
  report: reportWorkflow,
  workPlan: workPlanWorkflow,
  order: orderWorkflow,
  extension: extensionWorkflow,
  targetChange: targetChangeWorkflow,
  task: taskWorkflow,
  bulletin: bulletinWorkflow,
};

export type WorkflowName = keyof typeof WORKFLOWS;

export interface WorkflowTable {
  states: Record<string, Label>;
  transitions: Record<string, { from: string[]; to: string; may: Action; label: Label }>;
}

/** What a table says, without its functions. */
interface Table {
  states: Record<string, Label>;
  transitions: Record<string, { from: readonly string[]; to: string; may: Action; label: Label }>;
}

const plain = (w: Table): WorkflowTable => ({
  states: w.states,
  transitions: Object.fromEntries(Object.entries(w.transitions).map(([name, t]) => [name, { from: [...t.from], to: t.to, may: t.may, label: t.label }])),
});

/** The tables, without their functions. */
export function workflowTables(): Record<WorkflowName, WorkflowTable> {
  const tables: Record<WorkflowName, Table> = WORKFLOWS;
  return Object.fromEntries(Object.entries(tables).map(([name, w]) => [name, plain(w)])) as Record<WorkflowName, WorkflowTable>;
}
