/** The mark of a task from above (上级交办), its tooltip naming the government that handed it down and its task there. */
import { Tag, Tooltip } from 'antd';
import type { Task } from '../api-types';
import { useT } from '../i18n';

export function FromAboveTag({ task }: { task: Pick<Task, 'id' | 'sourceTaskId' | 'sourceGovernmentName' | 'sourceKey'> }) {
  const t = useT();
  if (task.sourceTaskId === null) return null;
  return (
    <Tooltip title={t('gov.fromAbove.source', { government: task.sourceGovernmentName ?? '—', key: task.sourceKey ?? '—' })}>
      <Tag color="purple" style={{ marginInlineEnd: 6 }} data-testid={`from-above-${task.id}`}>
        {t('gov.fromAbove')}
      </Tag>
    </Tooltip>
  );
}
