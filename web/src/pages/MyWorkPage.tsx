/**
 * My work (本单位工作): the unit's tasks with their lights (GET /api/tasks?unitId,
 * GET /api/dashboard) and the unit's reports to do (GET /api/reports?unitId):
 * drafts, returned ones with the office's comment, approved ones to submit.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { Light } from '../api-types';
import { dashboardQuery } from '../api/dashboard';
import { reportQuery, reportsQuery } from '../api/reports';
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
      <ReportsCard unitId={unitId} />
      <TasksCard unitId={unitId} />
    </Space>
  );
}

function ReportsCard({ unitId }: { unitId: number }) {
  const t = useT();
  const reports = useQuery(reportsQuery({ unitId }));
  const tasks = useQuery(tasksQuery({ unitId }));
  const keyOf = new Map((tasks.data?.items ?? []).map((task) => [task.id, task.key]));
  return (
    <Card size="small" title={t('uw.my.reports')}>
      <QueryView query={reports}>
        {(data) => {
          const todo = data.items.filter((r) => r.status === 'draft' || r.status === 'returned' || r.status === 'approved');
          if (todo.length === 0) return <EmptyState title={t('uw.my.reports.none')} />;
          return (
            <Table
              size="small"
              rowKey="id"
              dataSource={todo}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 640 }}
              columns={[
                {
                  title: t('uw.report.task'),
                  key: 'task',
                  width: 120,
                  render: (_: unknown, r) => <Link to={`/tasks/${r.taskId}`}>{keyOf.get(r.taskId) ?? `#${r.taskId}`}</Link>,
                },
                { title: t('uw.report.role'), key: 'role', width: 90, render: (_: unknown, r) => (r.role === 'host' ? t('uw.role.host') : t('uw.role.co')) },
                { title: t('uw.report.status'), key: 'status', width: 100, render: (_: unknown, r) => <StateTag workflow="report" state={r.status} /> },
                {
                  title: t('uw.report.comment'),
                  key: 'comment',
                  render: (_: unknown, r) => (r.status === 'returned' ? <ReturnComment reportId={r.id} /> : '—'),
                },
                {
                  title: t('uw.report.open'),
                  key: 'open',
                  width: 120,
                  render: (_: unknown, r) => (
                    <Link to={`/reports/${r.id}`} data-testid={`open-report-${r.id}`}>
                      {r.status === 'approved' ? t('uw.my.toSubmit') : t('uw.my.fill')}
                    </Link>
                  ),
                },
              ]}
            />
          );
        }}
      </QueryView>
    </Card>
  );
}

/** The office's comment on a returned report: the last return event's. */
function ReturnComment({ reportId }: { reportId: number }) {
  const report = useQuery(reportQuery(reportId));
  const events = report.data?.events ?? [];
  const last = [...events].reverse().find((e) => e.action === 'return');
  return <Typography.Text type="danger">{last?.comment ?? '—'}</Typography.Text>;
}

function TasksCard({ unitId }: { unitId: number }) {
  const t = useT();
  const tasks = useQuery(tasksQuery({ unitId }));
  const dashboard = useQuery({ ...dashboardQuery(useChosenPlanId()), retry: false });
  const lights = new Map<number, Light>((dashboard.data?.tasks ?? []).map((x) => [x.taskId, x.light]));
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
