/** A workflow state as a coloured tag, named by the workflow's table (api/workflows.ts); `data-status` carries the state. */
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useWorkflowLabels, type StateOf, type WorkflowName } from '../api/workflows';

const COLORS: { [W in WorkflowName]?: Record<StateOf<W>, string> } = {
  report: { draft: 'default', approved: 'blue', submitted: 'cyan', accepted: 'green', returned: 'red', voided: 'default' },
  workPlan: { draft: 'blue', submitted: 'blue', returned: 'red', approved: 'green', superseded: 'blue' },
  order: { issued: 'orange', signed: 'processing', answered: 'cyan', closed: 'default' },
  bulletin: { draft: 'orange', issued: 'green' },
  targetChange: { pending: 'orange', approved: 'green', rejected: 'red', withdrawn: 'default' },
};

export function StateTag<W extends WorkflowName>({
  workflow,
  state,
  children,
  testId,
}: {
  workflow: W;
  state: StateOf<W>;
  /** The screen's own wording, where it says more than the state's name. */ children?: ReactNode;
  testId?: string;
}) {
  const labels = useWorkflowLabels();
  const colors: Partial<Record<string, string>> | undefined = COLORS[workflow];
  return (
    <Tag color={colors?.[state]} data-status={state} {...(testId ? { 'data-testid': testId } : {})}>
      {children ?? labels.state(workflow, state)}
    </Tag>
  );
}
