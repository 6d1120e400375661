/**
 * A lower government as the upper office or leader sees it (/governments/:id, GET /api/governments/:id/assigned):
 * the tasks handed down to it from this government, each with its light, completion and last accepted report there,
 * and a link to our own task. Read only; opened from the government switcher and the dashboard's 下级政府 card.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Progress, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AssignedTasks, Task } from '../api-types';
import { assignedTasksQuery } from '../api/governments';
import { useWorkflowLabels } from '../api/workflows';
import { LightBadge } from '../components/Light';
import { LastReport } from '../components/TaskAssignments';
import { EmptyState, NotFoundState, QueryView } from '../components/States';
import { useT } from '../i18n';

export default function GovernmentPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const query = useQuery({ ...assignedTasksQuery(id, asOf), enabled: valid });
  if (!valid) return <NotFoundState />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/dashboard">← {t('gov.page.back')}</Link>
      <QueryView query={query} notFound={<EmptyState title={t('gov.page.notFound')} />}>
        {(data) => (
          <>
            <Space align="center" wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="government-title">
                {data.governmentName}
              </Typography.Title>
              <DatePicker
                size="small"
                placeholder={t('rollup.asOf.today')}
                aria-label={t('rollup.asOf')}
                onChange={(_, text) => setAsOf(typeof text === 'string' && text !== '' ? text : undefined)}
              />
              <Typography.Text type="secondary">{t('rollup.asOfDate', { date: data.asOf })}</Typography.Text>
            </Space>
            <Card size="small" title={t('gov.page.tasks', { n: data.items.length })}>
              <AssignedTable data={data} />
            </Card>
          </>
        )}
      </QueryView>
    </Space>
  );
}

function AssignedTable({ data }: { data: AssignedTasks }) {
  const t = useT();
  const labels = useWorkflowLabels();
  return (
    <Table
      size="small"
      rowKey="sourceTaskId"
      pagination={false}
      dataSource={data.items}
      scroll={{ x: 860 }}
      data-testid="government-tasks"
      locale={{ emptyText: <EmptyState title={t('gov.page.none')} /> }}
      columns={[
        {
          title: t('ledger.key'),
          key: 'key',
          width: 76,
          render: (_: unknown, r) => <Link to={`/tasks/${r.sourceTaskId}`}>{r.sourceKey}</Link>,
        },
        { title: t('ledger.text'), dataIndex: 'text', key: 'text', ellipsis: true },
        { title: t('ledger.light'), key: 'light', width: 96, render: (_: unknown, r) => <LightBadge light={r.rollup.light} /> },
        {
          title: t('rollup.completion'),
          key: 'completion',
          width: 150,
          render: (_: unknown, r) =>
            r.rollup.completion === null ? '—' : <Progress size="small" percent={Math.round(r.rollup.completion * 1000) / 10} status="normal" />,
        },
        { title: t('rollup.lastReport'), key: 'report', width: 280, render: (_: unknown, r) => <LastReport item={r.rollup} /> },
        { title: t('task.status'), key: 'status', width: 90, render: (_: unknown, r) => labels.state('task', r.rollup.status as Task['status']) },
      ]}
    />
  );
}
