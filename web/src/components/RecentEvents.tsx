/**
 * The dashboard's recent events (最新动态), from GET /api/events: what happened
 * lately in the cycle that the user may see, newest first, each linking to its
 * task. A plain list, like the lagging tasks: the first route stays small.
 * Given a task, the same list is that task's timeline of reports, reviews,
 * decisions and orders (the task page), with the unit each event concerns.
 */
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { Link } from 'react-router';
import { eventsQuery } from '../api/events';
import { formatTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { EmptyState, QueryView } from './States';

const GROUPS: Record<string, { label: MessageKey; color: string }> = {
  report: { label: 'event.report', color: 'blue' },
  workplan: { label: 'event.workplan', color: 'purple' },
  extension: { label: 'event.extension', color: 'orange' },
  order: { label: 'event.order', color: 'red' },
  task: { label: 'event.task', color: 'green' },
};

export function RecentEvents({ planId, taskId, limit = 20 }: { planId?: number; taskId?: number; limit?: number }) {
  const { t, locale } = useI18n();
  const query = useQuery(eventsQuery({ ...(planId === undefined ? {} : { planId }), ...(taskId === undefined ? {} : { taskId }), limit }));
  return (
    <QueryView query={query}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState title={t('dashboard.events.none')} />
        ) : (
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="recent-events">
            {data.items.map((e, i) => {
              const group = GROUPS[e.kind.split('.')[0] ?? ''];
              return (
                <li
                  key={`${e.at}-${e.kind}-${e.taskId}-${i}`}
                  style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                >
                  <time dateTime={e.at} style={{ color: 'rgba(0, 0, 0, 0.45)', minWidth: 96 }}>
                    {formatTime(e.at, locale, 'short')}
                  </time>
                  {group ? <Tag color={group.color}>{t(group.label)}</Tag> : null}
                  <Link to={`/tasks/${e.taskId}`} style={{ minWidth: 56 }}>
                    {t('dashboard.events.task', { n: e.taskNumber })}
                  </Link>
                  {taskId !== undefined && e.unit ? <span>{e.unit}</span> : null}
                  <span style={{ flex: '1 1 320px', minWidth: 0 }}>{e.text}</span>
                  {e.actor ? <span style={{ color: 'rgba(0, 0, 0, 0.45)' }}>{e.actor}</span> : null}
                </li>
              );
            })}
          </ol>
        )
      }
    </QueryView>
  );
}
