/**
 * One task: its text, owners and targets (GET /api/tasks/:id), its light now
 * with each target's figures and milestones, and its lights at past rounds
 * (GET /api/tasks/:id/status).
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import type { Task, TaskStatus } from '../api-types';
import { LIGHT_COLORS, LightBadge } from '../components/Light';
import { EmptyState, ErrorState, Loading, NotFoundState, QueryView } from '../components/States';
import { useT } from '../i18n';

const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const amount = (value: number | null, unit: string | null): string => (value === null ? '—' : `${value.toLocaleString('zh-CN')}${unit ?? ''}`);

export default function TaskPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const task = useQuery({ queryKey: ['task', id], queryFn: ({ signal }) => api.get<Task>(`/api/tasks/${id}`, undefined, signal), enabled: valid });
  if (!valid) return <NotFoundState />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/ledger">← {t('task.back')}</Link>
      <QueryView query={task} notFound={<EmptyState title={t('task.notFound')} />}>
        {(data) => <TaskBody task={data} />}
      </QueryView>
    </Space>
  );
}

function TaskBody({ task }: { task: Task }) {
  const t = useT();
  const status = useQuery({ queryKey: ['task-status', task.id], queryFn: ({ signal }) => api.get<TaskStatus>(`/api/tasks/${task.id}/status`, undefined, signal) });
  const names = (list: string[], color?: string) =>
    list.length === 0 ? (
      t('task.none')
    ) : (
      <Space size={[4, 4]} wrap>
        {list.map((n) => (
          <Tag key={n} color={color}>
            {n}
          </Tag>
        ))}
      </Space>
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('task.title', { key: task.key })}
        </Typography.Title>
        {status.data ? <LightBadge light={status.data.light} /> : null}
        <Link to={`/tasks/${task.id}/workplan`} data-testid="task-workplan-link">{t('uw.plan.open')}</Link>
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('task.section')}>{task.section ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('task.status')}>{task.status === 'completed' ? t('task.status.completed') : t('task.status.active')}</Descriptions.Item>
          <Descriptions.Item label={t('task.deadline')}>{task.deadline ?? task.deadlineText ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('task.timeProgress')}>{status.data ? percent(status.data.timeProgress) : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('task.text')}>
        <Typography.Paragraph style={{ fontSize: 15, lineHeight: 1.8, margin: 0 }} data-testid="task-text">
          {task.text}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('task.owners')}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('ledger.leaders')}>{names(task.leaders)}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.hostUnits')}>{names(task.hostUnits, 'red')}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.coUnits')}>{names(task.coUnits)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {status.isPending ? <Loading /> : status.isError ? <ErrorState error={status.error} retry={() => void status.refetch()} /> : <StatusCards task={task} status={status.data} />}
    </Space>
  );
}

function StatusCards({ task, status }: { task: Task; status: TaskStatus }) {
  const t = useT();
  const figures = new Map(status.targets.map((s) => [s.targetId, s]));
  return (
    <>
      <Card size="small" title={t('task.targets')}>
        {task.targets.length === 0 ? (
          <EmptyState title={t('task.none')} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={task.targets}
            scroll={{ x: 640 }}
            columns={[
              { title: t('task.target.text'), dataIndex: 'text', key: 'text' },
              { title: t('task.target.value'), key: 'value', width: 120, render: (_: unknown, target) => amount(target.value, target.unit) },
              { title: t('task.target.actual'), key: 'actual', width: 120, render: (_: unknown, target) => amount(figures.get(target.id)?.actual ?? null, target.unit) },
              { title: t('task.target.completion'), key: 'completion', width: 100, render: (_: unknown, target) => percent(figures.get(target.id)?.completion ?? null) },
              { title: t('task.target.expected'), key: 'expected', width: 100, render: (_: unknown, target) => percent(figures.get(target.id)?.expected ?? null) },
              { title: t('ledger.light'), key: 'light', width: 100, render: (_: unknown, target) => <LightBadge light={figures.get(target.id)?.light ?? 'none'} /> },
            ]}
          />
        )}
      </Card>
      {status.milestones.length > 0 ? (
        <Card size="small" title={t('task.milestones')}>
          <Timeline
            items={status.milestones.map((m) => ({
              key: m.milestoneId,
              color: LIGHT_COLORS[m.light],
              content: `${m.dueOn} ${m.title}${m.reachedOn ? `（${m.reachedOn}）` : ''}`,
            }))}
          />
        </Card>
      ) : null}
      <Card size="small" title={t('task.history')}>
        {status.history.length === 0 ? (
          <EmptyState title={t('task.history.none')} />
        ) : (
          <Timeline items={status.history.map((h) => ({ key: `${h.roundId}-${h.asOf}`, color: LIGHT_COLORS[h.light], content: <span>{h.asOf} <LightBadge light={h.light} /></span> }))} />
        )}
      </Card>
    </>
  );
}
