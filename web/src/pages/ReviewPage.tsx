/**
 * The review queue (督查室): the reports submitted to the office
 * (GET /api/reports, status submitted), each opened in a drawer with its
 * values per target, milestones, confidence, attachments and, for a host
 * unit's report, the co-units' inputs (GET /api/reports/:id/inputs); accept
 * it or return it with a comment. Buttons follow each report's
 * `allowedActions`.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, List, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../api';
import type { Confidence, ReportInput, Task } from '../api-types';
import { reportInputsQuery, reportQuery, reportsQuery, useReportStep } from '../api/reports';
import { roundsQuery } from '../api/rounds';
import { tasksQuery } from '../api/tasks';
import { useWorkflowLabels } from '../api/workflows';
import { taskUnitRefs } from '../api/units';
import { ConflictNotice } from '../components/ConflictNotice';
import { EmptyState, ErrorState, Loading, QueryView } from '../components/States';
import { formatTime } from '../format';
import { useI18n, useT, type MessageKey } from '../i18n';

const CONFIDENCE: Record<Confidence, MessageKey> = {
  on_track: 'review.confidence.on_track',
  at_risk: 'review.confidence.at_risk',
  off_track: 'review.confidence.off_track',
};
const CONFIDENCE_COLOR: Record<Confidence, string> = { on_track: 'green', at_risk: 'gold', off_track: 'red' };

function unitName(task: Task | undefined, unitId: number): string {
  return (task ? taskUnitRefs(task) : []).find((u) => u.id === unitId)?.name ?? `#${unitId}`;
}

export default function ReviewPage() {
  const { t, locale } = useI18n();
  const reports = useQuery(reportsQuery());
  const tasks = useQuery(tasksQuery());
  const rounds = useQuery(roundsQuery());
  const [open, setOpen] = useState<number | null>(null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('review.title')}
      </Typography.Title>
      <QueryView query={reports}>
        {(data) => {
          const taskMap = new Map((tasks.data?.items ?? []).map((x) => [x.id, x]));
          const roundMap = new Map((rounds.data?.items ?? []).map((r) => [r.id, r.label]));
          // As the desk counts it (GET /api/desk): a closed round's report is no longer reviewed.
          const closed = new Set((rounds.data?.items ?? []).filter((r) => r.status === 'closed').map((r) => r.id));
          const queue = data.items.filter((r) => r.status === 'submitted' && !closed.has(r.roundId));
          if (queue.length === 0) return <EmptyState title={t('review.empty')} hint={t('review.empty.hint')} />;
          return (
            <Card size="small">
              <Typography.Text data-testid="review-count">{t('review.count', { n: queue.length })}</Typography.Text>
              <Table
                size="small"
                rowKey="id"
                dataSource={queue}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 800 }}
                columns={[
                  { title: t('review.col.round'), key: 'round', width: 110, render: (_: unknown, r) => roundMap.get(r.roundId) ?? '—' },
                  { title: t('review.col.task'), key: 'task', width: 90, render: (_: unknown, r) => taskMap.get(r.taskId)?.key ?? `#${r.taskId}` },
                  {
                    title: t('review.col.text'),
                    key: 'text',
                    render: (_: unknown, r) => (
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                        {taskMap.get(r.taskId)?.text ?? '—'}
                      </Typography.Paragraph>
                    ),
                  },
                  { title: t('review.col.unit'), key: 'unit', width: 160, render: (_: unknown, r) => unitName(taskMap.get(r.taskId), r.unitId) },
                  { title: t('review.col.submittedAt'), key: 'at', width: 150, render: (_: unknown, r) => formatTime(r.submittedAt, locale) },
                  {
                    title: t('review.col.open'),
                    key: 'open',
                    width: 90,
                    render: (_: unknown, r) => (
                      <Button size="small" type="link" onClick={() => setOpen(r.id)} aria-label={t('review.open.label', { id: r.id })}>
                        {t('review.open')}
                      </Button>
                    ),
                  },
                ]}
              />
            </Card>
          );
        }}
      </QueryView>
      <Drawer open={open !== null} onClose={() => setOpen(null)} size="large" title={t('review.drawer')} destroyOnHidden>
        {open !== null ? <ReportDrawer id={open} tasks={tasks.data?.items ?? []} onDone={() => setOpen(null)} /> : null}
      </Drawer>
    </Space>
  );
}

function ReportDrawer({ id, tasks, onDone }: { id: number; tasks: Task[]; onDone: () => void }) {
  const t = useT();
  const labels = useWorkflowLabels();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const detail = useQuery(reportQuery(id));
  const host = detail.data?.role === 'host';
  const inputs = useQuery({ ...reportInputsQuery(id), enabled: host });
  // A conflict shows the report as it now is in the drawer, and closes the return dialog.
  const review = useReportStep({
    onSuccess: (_, vars) => {
      setReturning(false);
      void message.success(t(vars.step === 'return' ? 'review.returned' : 'review.accepted'));
      onDone();
    },
    onConflict: () => setReturning(false),
  });
  const accepting = review.isPending && review.variables.step === 'accept';
  const giving = review.isPending && review.variables.step === 'return';
  // A refusal shows where it was asked for: the accept's in the drawer, the return's in its dialog.
  const refused = (step: 'accept' | 'return') => (review.problem && review.variables?.step === step ? messageOf(review.problem) : null);

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => void detail.refetch()} />;
  const report = detail.data;
  const task = tasks.find((x) => x.id === report.taskId);
  const mayReview = report.allowedActions.includes('report.review');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ReportBody report={report} task={task} />
      {host ? (
        <Card size="small" title={t('review.inputs')}>
          {inputs.isPending ? (
            <Loading />
          ) : inputs.isError ? (
            <ErrorState error={inputs.error} retry={() => void inputs.refetch()} />
          ) : inputs.data.items.length === 0 ? (
            <EmptyState title={t('review.inputs.none')} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {inputs.data.items.map((input) => (
                <Card key={input.id} size="small" type="inner" title={unitName(task, input.unitId)}>
                  <ReportBody report={input} task={task} compact />
                </Card>
              ))}
            </Space>
          )}
        </Card>
      ) : null}
      <ConflictNotice conflict={review.conflict} />
      {refused('accept') ? <Alert type="error" showIcon title={refused('accept')} /> : null}
      {mayReview ? (
        <Space wrap>
          <Button type="primary" loading={accepting} onClick={() => review.mutate({ step: 'accept', report })}>
            {labels.transition('report', 'accept')}
          </Button>
          <Button danger onClick={() => setReturning(true)}>
            {labels.transition('report', 'return')}
          </Button>
        </Space>
      ) : (
        <Alert type="info" showIcon title={t('review.notReviewable')} />
      )}
      <Modal
        open={returning}
        title={t('review.return.title')}
        okText={t('review.return.ok')}
        cancelText={t('review.return.cancel')}
        okButtonProps={{ danger: true, loading: giving }}
        onCancel={() => setReturning(false)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => review.mutate({ step: 'return', report, comment: v.comment.trim() }))
            // The form shows what is missing; nothing else to do.
            .catch(() => undefined)
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="comment" label={t('review.return.comment')} rules={[{ required: true, whitespace: true, message: t('review.return.required') }]}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        </Form>
        {refused('return') ? <Alert type="error" showIcon title={refused('return')} /> : null}
      </Modal>
    </Space>
  );
}

function ReportBody({ report, task, compact }: { report: ReportInput; task: Task | undefined; compact?: boolean }) {
  const t = useT();
  const values = new Map(report.values.map((v) => [v.targetId, v.value]));
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {!compact ? (
        <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('review.col.task')}>{task ? <Link to={`/tasks/${task.id}`}>{task.key}</Link> : `#${report.taskId}`}</Descriptions.Item>
          <Descriptions.Item label={t('review.col.text')}>{task?.text ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('review.col.unit')}>
            {unitName(task, report.unitId)} {report.role === 'host' ? <Tag color="red">{t('review.role.host')}</Tag> : <Tag>{t('review.role.co')}</Tag>}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('review.progress')}>{report.progress || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('review.problems')}>{report.problems || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('review.nextSteps')}>{report.nextSteps || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('review.confidence')}>
          {report.confidence ? <Tag color={CONFIDENCE_COLOR[report.confidence]}>{t(CONFIDENCE[report.confidence])}</Tag> : '—'}
          {report.confidenceReason ? ` ${report.confidenceReason}` : ''}
        </Descriptions.Item>
        {report.proposeComplete ? <Descriptions.Item label={t('review.proposeComplete')}>{t('review.proposeComplete.yes')}</Descriptions.Item> : null}
      </Descriptions>
      {task && task.targets.length > 0 ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={task.targets}
          columns={[
            { title: t('review.target'), dataIndex: 'text', key: 'text' },
            { title: t('review.target.plan'), key: 'plan', width: 110, render: (_: unknown, x) => (x.value === null ? '—' : `${x.value}${x.unit ?? ''}`) },
            {
              title: t('review.target.actual'),
              key: 'actual',
              width: 110,
              render: (_: unknown, x) => {
                const v = values.get(x.id);
                return v === undefined ? '—' : `${v}${x.unit ?? ''}`;
              },
            },
          ]}
        />
      ) : null}
      {report.milestones.length > 0 ? (
        <List
          size="small"
          header={t('review.milestones')}
          dataSource={report.milestones}
          renderItem={(m) => <List.Item key={m.milestoneId}>{t('review.milestone', { title: m.title, due: m.dueOn, reached: m.reachedOn })}</List.Item>}
        />
      ) : null}
      <List
        size="small"
        header={t('review.attachments')}
        locale={{ emptyText: t('review.attachments.none') }}
        dataSource={report.attachments}
        renderItem={(a) => (
          <List.Item key={a.id}>
            <a href={`/api/attachments/${a.id}`} download={a.fileName}>
              {a.fileName}
            </a>{' '}
            <Typography.Text type="secondary">{`${Math.max(1, Math.round(a.size / 1024))} KB`}</Typography.Text>
          </List.Item>
        )}
      />
    </Space>
  );
}
