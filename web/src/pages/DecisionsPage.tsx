/**
 * The lead leader's desk: the work plans awaiting the user's decision, in one
 * request (GET /api/workplans?awaiting=me: the tasks the leader leads, or for
 * the office the tasks without a lead leader) to approve or return, pending
 * extension requests (GET /api/extensions?status=pending) to approve or
 * reject, target changes (指标调整, GET /api/target-changes?awaiting=me) to
 * approve or reject, and for a leader "my tasks" with their lights (GET /api/lights)
 * and a small trend of past lights (GET /api/tasks/:id/status `history`).
 * Buttons follow each object's own `actions`.
 */
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, Modal, Space, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../api';
import type { Extension, LightRecord, TargetChangeRequest, Task, WorkPlan } from '../api-types';
import { lightsQuery } from '../api/dashboard';
import { pendingExtensionsQuery, useExtensionStep } from '../api/extensions';
import { useMe } from '../api/session';
import { awaitingTargetChangesQuery, type TargetChangeStep } from '../api/targets';
import { lightHistoriesQuery, tasksQuery } from '../api/tasks';
import { useWorkflowLabels } from '../api/workflows';
import { awaitingPlansQuery, useWorkPlanStep } from '../api/workplans';
import { taskUnitRefs } from '../api/units';
import { ConflictNotice } from '../components/ConflictNotice';
import { LIGHT_COLORS, LightBadge } from '../components/Light';
import { EmptyState, QueryView } from '../components/States';
import { changeButtons, DecideChange } from '../components/TaskTargets';
import { useT, type MessageKey } from '../i18n';
import { useChosenPlanId } from '../api/plans';

/** What the user is deciding, on the plan or request as it was shown to them (its version goes with the decision). */
type Decision = { kind: 'plan-approve' | 'plan-return'; plan: WorkPlan } | { kind: 'ext-approve' | 'ext-reject'; extension: Extension };

export default function DecisionsPage() {
  const t = useT();
  const me = useMe();
  const leaderId = me.data?.user.leaderId ?? undefined;
  const tasks = useQuery({ ...tasksQuery(leaderId === undefined ? {} : { leaderId }), enabled: me.isSuccess });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('decide.title')}
      </Typography.Title>
      <QueryView query={tasks} notFound={<EmptyState title={t('state.noPlan')} hint={t('state.noPlan.hint')} />}>
        {(data) => <Desk tasks={data.items} mine={leaderId !== undefined} />}
      </QueryView>
    </Space>
  );
}

/** `mine`: the user is a lead leader, and `tasks` are the tasks they lead (for the office, every task: no list of its own). */
function Desk({ tasks, mine }: { tasks: Task[]; mine: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const labels = useWorkflowLabels();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const byId = useMemo(() => new Map(tasks.map((x) => [x.id, x])), [tasks]);
  const unitNames = useMemo(() => new Map(tasks.flatMap(taskUnitRefs).map((u) => [u.id, u.name])), [tasks]);
  // One request for every plan awaiting the user, whatever the number of tasks.
  const plans = useQuery(awaitingPlansQuery());
  const extensions = useQuery(pendingExtensionsQuery());
  // A decision on something changed meanwhile: the dialog closes, the list shows it as it now is, the notice says why.
  const decided = {
    onSuccess: () => {
      void message.success(t('common.done'));
      setDeciding(null);
    },
    onError: (e: Error) => void message.error(messageOf(e)),
    onConflict: () => setDeciding(null),
  };
  const planStep = useWorkPlanStep(decided);
  const extensionStep = useExtensionStep(decided);
  const pendingPlans = (plans.data?.items ?? []).filter((p) => p.actions.includes('workplan.decide'));
  const taskLink = (id: number) => {
    const task = byId.get(id);
    return <Link to={`/tasks/${id}`}>{task ? `${task.key} ${task.text.slice(0, 30)}${task.text.length > 30 ? '…' : ''}` : `#${id}`}</Link>;
  };
  const unitName = (id: number) => unitNames.get(id) ?? `#${id}`;
  return (
    <>
      <ConflictNotice conflict={planStep.conflict ?? extensionStep.conflict} />
      <Card size="small" title={t('decide.plans')} data-testid="pending-plans">
        {plans.isError ? (
          <Typography.Text type="danger">{messageOf(plans.error)}</Typography.Text>
        ) : (
          <Table
            size="small"
            rowKey="id"
            loading={plans.isPending}
            dataSource={pendingPlans}
            pagination={false}
            scroll={{ x: 760 }}
            locale={{ emptyText: <EmptyState title={t('decide.plans.none')} /> }}
            columns={[
              { title: t('decide.task'), key: 'task', render: (_: unknown, p: WorkPlan) => taskLink(p.taskId) },
              { title: t('decide.unit'), key: 'unit', width: 160, render: (_: unknown, p: WorkPlan) => unitName(p.unitId) },
              { title: t('decide.revision'), dataIndex: 'revision', key: 'revision', width: 60 },
              { title: t('decide.measures'), dataIndex: 'measures', key: 'measures', ellipsis: true },
              { title: t('decide.milestones'), key: 'ms', width: 70, render: (_: unknown, p: WorkPlan) => p.milestones.length },
              {
                title: t('common.actions'),
                key: 'actions',
                // Always in sight, also where the table scrolls inside its card (a phone).
                fixed: 'right',
                width: 150,
                render: (_: unknown, p: WorkPlan) => (
                  <Space size={4}>
                    <Button size="small" type="primary" onClick={() => setDeciding({ kind: 'plan-approve', plan: p })}>
                      {t('decide.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => setDeciding({ kind: 'plan-return', plan: p })}>
                      {labels.transition('workPlan', 'return')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('decide.extensions')} data-testid="pending-extensions">
        <QueryView query={extensions}>
          {(data) => {
            const pending = data.items.filter((e) => e.actions.includes('extension.decide'));
            return pending.length === 0 ? (
              <EmptyState title={t('decide.extensions.none')} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                dataSource={pending}
                pagination={false}
                scroll={{ x: 760 }}
                columns={[
                  { title: t('decide.task'), key: 'task', render: (_: unknown, e: Extension) => taskLink(e.taskId) },
                  { title: t('decide.unit'), key: 'unit', width: 160, render: (_: unknown, e: Extension) => unitName(e.unitId) },
                  { title: t('decide.reason'), dataIndex: 'reason', key: 'reason', ellipsis: true },
                  { title: t('decide.fromTo'), key: 'dates', width: 200, render: (_: unknown, e: Extension) => `${e.fromDeadline ?? '—'} → ${e.toDeadline}` },
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    fixed: 'right',
                    width: 150,
                    render: (_: unknown, e: Extension) => (
                      <Space size={4}>
                        <Button size="small" type="primary" onClick={() => setDeciding({ kind: 'ext-approve', extension: e })}>
                          {t('decide.approve')}
                        </Button>
                        <Button size="small" danger onClick={() => setDeciding({ kind: 'ext-reject', extension: e })}>
                          {t('decide.reject')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
            );
          }}
        </QueryView>
      </Card>
      <TargetChanges taskLink={taskLink} />
      {mine ? <MyTasks tasks={tasks} /> : null}
      {deciding ? (
        <DecisionModal
          decision={deciding}
          pending={planStep.isPending || extensionStep.isPending}
          onDecide={(comment) => {
            planStep.reset();
            extensionStep.reset();
            switch (deciding.kind) {
              case 'plan-approve':
                return planStep.mutate({ step: 'approve', plan: deciding.plan, comment });
              case 'plan-return':
                return planStep.mutate({ step: 'return', plan: deciding.plan, comment });
              case 'ext-approve':
                return extensionStep.mutate({ step: 'approve', extension: deciding.extension, comment });
              case 'ext-reject':
                return extensionStep.mutate({ step: 'reject', extension: deciding.extension, comment });
            }
          }}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </>
  );
}

/** The target changes (指标调整) awaiting the user, each with its task, its words and the office's reason. */
function TargetChanges({ taskLink }: { taskLink: (id: number) => ReactNode }) {
  const t = useT();
  const changes = useQuery(awaitingTargetChangesQuery());
  const [deciding, setDeciding] = useState<{ step: TargetChangeStep['step']; request: TargetChangeRequest } | null>(null);
  return (
    <Card size="small" title={t('decide.targets')} data-testid="pending-target-changes-desk">
      <QueryView query={changes}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('decide.targets.none')} />
          ) : (
            <Table
              size="small"
              rowKey="id"
              dataSource={data.items}
              pagination={false}
              scroll={{ x: 760 }}
              columns={[
                { title: t('decide.task'), key: 'task', render: (_: unknown, r: TargetChangeRequest) => taskLink(r.taskId) },
                { title: t('decide.targets.change'), dataIndex: 'summary', key: 'summary' },
                { title: t('decide.reason'), dataIndex: 'reason', key: 'reason', ellipsis: true },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right',
                  width: 150,
                  render: (_: unknown, r: TargetChangeRequest) => <Space size={4}>{changeButtons(t, r, (step) => setDeciding({ step, request: r }))}</Space>,
                },
              ]}
            />
          )
        }
      </QueryView>
      {deciding ? <DecideChange step={deciding.step} request={deciding.request} onClose={() => setDeciding(null)} /> : null}
    </Card>
  );
}

const DECISIONS: Record<Decision['kind'], { title: MessageKey; required: boolean }> = {
  'plan-approve': { title: 'decide.approveTitle', required: false },
  'plan-return': { title: 'decide.returnTitle', required: true },
  'ext-approve': { title: 'decide.approveTitle', required: false },
  'ext-reject': { title: 'decide.rejectTitle', required: true },
};

function DecisionModal({
  decision,
  pending,
  onDecide,
  onClose,
}: {
  decision: Decision;
  pending: boolean;
  onDecide: (comment: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ comment?: string }>();
  const spec = DECISIONS[decision.kind];
  return (
    <Modal
      open
      title={t(spec.title)}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onDecide((v.comment ?? '').trim())}>
        <Form.Item
          name="comment"
          label={t(spec.required ? 'common.comment' : 'decide.commentOptional')}
          rules={spec.required ? [{ required: true, whitespace: true, message: t('common.comment.required') }] : []}
        >
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Trend({ history }: { history: LightRecord[] | undefined }) {
  if (!history || history.length === 0) return <span>—</span>;
  return (
    <Space size={2} aria-label={history.map((h) => `${h.asOf} ${h.light}`).join('，')}>
      {history.slice(-8).map((h) => (
        <Tooltip key={h.asOf} title={h.asOf}>
          <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: LIGHT_COLORS[h.light] }} />
        </Tooltip>
      ))}
    </Space>
  );
}

function MyTasks({ tasks }: { tasks: Task[] }) {
  const t = useT();
  const lightList = useQuery(lightsQuery(useChosenPlanId()));
  const ids = tasks.map((task) => task.id);
  const histories = useQuery(lightHistoriesQuery(ids));
  const lights = new Map((lightList.data?.items ?? []).map((x) => [x.taskId, x.light]));
  const trends = new Map((histories.data ?? []).map((x) => [x.taskId, x.history]));
  const rows = tasks.map((task) => ({ task, light: lights.get(task.id) ?? 'none', history: trends.get(task.id) }));
  return (
    <Card size="small" title={t('mytasks.title')} data-testid="my-tasks">
      <Table
        size="small"
        rowKey={(r) => r.task.id}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <EmptyState title={t('mytasks.none')} /> }}
        columns={[
          {
            title: t('ledger.key'),
            key: 'key',
            width: 80,
            render: (_: unknown, r: (typeof rows)[number]) => <Link to={`/tasks/${r.task.id}`}>{r.task.key}</Link>,
          },
          { title: t('ledger.text'), key: 'text', ellipsis: true, render: (_: unknown, r: (typeof rows)[number]) => r.task.text },
          { title: t('ledger.hostUnits'), key: 'hosts', width: 180, render: (_: unknown, r: (typeof rows)[number]) => r.task.hostUnits.join('、') || '—' },
          { title: t('ledger.light'), key: 'light', width: 90, render: (_: unknown, r: (typeof rows)[number]) => <LightBadge light={r.light} /> },
          { title: t('mytasks.trend'), key: 'trend', width: 130, render: (_: unknown, r: (typeof rows)[number]) => <Trend history={r.history} /> },
        ]}
      />
    </Card>
  );
}
