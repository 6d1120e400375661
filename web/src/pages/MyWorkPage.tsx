/**
 * My work (本单位工作) as the desk (GET /api/desk): what awaits me in the open
 * rounds, returned reports first with the office's comment, then by due date,
 * each with its task, round, period, due date and one action; the history
 * (closed rounds, reports already sent) in its own tab; the unit's tasks with
 * their lights below (GET /api/tasks?unitId, GET /api/lights).
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { DeskItem, Light } from '../api-types';
import { lightsQuery } from '../api/dashboard';
import { deskQuery } from '../api/desk';
import { useMe } from '../api/session';
import { tasksQuery } from '../api/tasks';
import { LightBadge } from '../components/Light';
import { StateTag } from '../components/StateTag';
import { EmptyState, ErrorState, Loading, QueryView } from '../components/States';
import { useT } from '../i18n';
import { useChosenPlanId } from '../api/plans';

export default function MyWorkPage() {
  const t = useT();
  const me = useMe();
  const unitId = me.data?.user.unitId ?? null;
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (unitId === null) return <EmptyState title={t('uw.my.noUnit')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('uw.my.title')}
      </Typography.Title>
      <DeskCard />
      <TasksCard unitId={unitId} />
    </Space>
  );
}

function DeskCard() {
  const t = useT();
  const desk = useQuery(deskQuery());
  return (
    <Card size="small">
      <QueryView query={desk}>
        {(data) => (
          <Tabs
            items={[
              {
                key: 'desk',
                label: `${t('uw.my.desk')}（${data.counts.my}）`,
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Typography.Text type="secondary" data-testid="desk-counts">
                      {t('uw.my.counts', { total: data.counts.my, returned: data.counts.returned, overdue: data.counts.overdue })}
                    </Typography.Text>
                    {data.items.length === 0 ? <EmptyState title={t('uw.my.desk.none')} /> : <DeskTable items={data.items} testId="desk-items" />}
                  </Space>
                ),
              },
              {
                key: 'history',
                label: t('uw.my.history'),
                children:
                  data.history.length === 0 ? <EmptyState title={t('uw.my.history.none')} /> : <DeskTable items={data.history} testId="desk-history" paged />,
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

function DeskTable({ items, testId, paged = false }: { items: DeskItem[]; testId: string; paged?: boolean }) {
  const t = useT();
  return (
    <Table
      size="small"
      rowKey={(i) => `${i.kind}-${i.id}`}
      dataSource={items}
      data-testid={testId}
      pagination={paged ? { pageSize: 20, hideOnSinglePage: true } : false}
      scroll={{ x: 760 }}
      onRow={(i) => ({ 'data-testid': `desk-row-${i.kind}-${i.id}`, 'data-state': i.state }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('uw.report.task'),
          key: 'task',
          render: (_: unknown, i) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/tasks/${i.taskId}`}>{i.taskKey}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.taskText}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('uw.my.col.round'), key: 'round', width: 120, render: (_: unknown, i) => i.round ?? '—' },
        { title: t('uw.my.col.period'), key: 'period', width: 100, render: (_: unknown, i) => i.periodEnd ?? '—' },
        {
          title: t('uw.my.col.due'),
          key: 'due',
          width: 130,
          render: (_: unknown, i) => (
            <Space size={4} wrap>
              <span>{i.dueOn ?? '—'}</span>
              {i.overdueDays > 0 ? <Tag color="red">{t('uw.my.overdue', { n: i.overdueDays })}</Tag> : null}
            </Space>
          ),
        },
        {
          title: t('uw.report.status'),
          key: 'state',
          width: 90,
          render: (_: unknown, i) => (i.kind === 'report' ? <StateTag workflow="report" state={i.state as 'draft'} /> : i.state),
        },
        {
          title: t('uw.report.comment'),
          key: 'comment',
          render: (_: unknown, i) => (i.comment ? <Typography.Text type="danger">{i.comment}</Typography.Text> : '—'),
        },
        {
          title: t('uw.my.col.action'),
          key: 'action',
          width: 130,
          render: (_: unknown, i) => (
            <Link to={i.action.link} data-testid={`open-${i.kind}-${i.id}`}>
              {i.action.label}
            </Link>
          ),
        },
      ]}
    />
  );
}

function TasksCard({ unitId }: { unitId: number }) {
  const t = useT();
  const tasks = useQuery(tasksQuery({ unitId }));
  const lightList = useQuery({ ...lightsQuery(useChosenPlanId()), retry: false });
  const lights = new Map<number, Light>((lightList.data?.items ?? []).map((x) => [x.taskId, x.light]));
  return (
    <Card size="small" title={t('uw.my.tasks')}>
      <QueryView query={tasks}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('uw.my.tasks.none')} />
          ) : (
            <Table
              size="small"
              rowKey="id"
              dataSource={data.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 640 }}
              columns={[
                { title: t('uw.report.task'), key: 'key', width: 100, render: (_: unknown, task) => <Link to={`/tasks/${task.id}`}>{task.key}</Link> },
                { title: t('task.text'), dataIndex: 'text', key: 'text', ellipsis: true },
                { title: t('ledger.light'), key: 'light', width: 100, render: (_: unknown, task) => <LightBadge light={lights.get(task.id) ?? 'none'} /> },
                {
                  title: t('uw.plan.title'),
                  key: 'plan',
                  width: 110,
                  render: (_: unknown, task) => <Link to={`/tasks/${task.id}/workplan`}>{t('uw.plan.open')}</Link>,
                },
              ]}
            />
          )
        }
      </QueryView>
    </Card>
  );
}
