/**
 * A task's targets as the office sets them (GET /api/tasks/:id/targets): what
 * each is (kind, value, scope), whether it is measured (and so lit), how its
 * units' values combine and who owns it. The office edits, splits, deletes,
 * adds and merges them with a reason (TargetForms.tsx); after the task's first
 * round a change is a 指标调整 its lead leader decides here or at /decisions.
 * The history lists every change applied and every request
 * (GET /api/tasks/:id/targets/history).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, List, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState, type Key } from 'react';
import { messageOf } from '../api';
import type { LedgerTarget, TargetChangeRequest, TargetRevision, TaskTargets as TaskTargetsView } from '../api-types';
import { targetHistoryQuery, targetLabels, taskTargetsQuery, useChangeTargets, useTargetChangeStep, type TargetChangeStep } from '../api/targets';
import { formatTime } from '../format';
import { useI18n, useT, type MessageKey } from '../i18n';
import { ConflictNotice } from './ConflictNotice';
import { StateTag } from './StateTag';
import { EmptyState, QueryView } from './States';
import { TargetChangeModal, type TargetDialog } from './TargetForms';

const amount = (t: Pick<LedgerTarget, 'value' | 'unit' | 'qualifiers'>): string =>
  t.value === null ? '—' : `${t.value.toLocaleString('zh-CN')}${t.unit ?? ''}${t.qualifiers.length > 0 ? `（${t.qualifiers.join('、')}）` : ''}`;

/** `readOnly`: a task from above, whose targets are the upper government's: shown, never changed here. */
export function TaskTargets({ taskId, readOnly = false }: { taskId: number; readOnly?: boolean }) {
  const t = useT();
  const query = useQuery(taskTargetsQuery(taskId));
  return (
    <Card size="small" title={t('targets.title')} data-testid="task-targets">
      <QueryView query={query}>{(data) => <TargetsBody view={data} readOnly={readOnly} />}</QueryView>
    </Card>
  );
}

function TargetsBody({ view, readOnly }: { view: TaskTargetsView; readOnly: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<TargetDialog | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const office = !readOnly && view.actions.includes('target.change');
  const change = useChangeTargets({
    onSuccess: (outcome) => {
      setDialog(null);
      setSelected([]);
      void message.success(t(outcome.outcome === 'applied' ? 'targets.applied' : 'targets.requested'));
    },
    onConflict: () => setDialog(null),
  });
  const chosen = view.targets.filter((x) => selected.includes(x.id));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ConflictNotice conflict={change.conflict} />
      {office ? (
        <Space wrap>
          <Typography.Text type="secondary">{t(view.changesNeedApproval ? 'targets.needApproval' : 'targets.atOnce')}</Typography.Text>
          <Button size="small" onClick={() => setDialog({ op: 'add' })}>
            {t('targets.add')}
          </Button>
          <Button size="small" disabled={chosen.length < 2} onClick={() => setDialog({ op: 'merge', targets: chosen })}>
            {t('targets.merge', { n: chosen.length })}
          </Button>
        </Space>
      ) : null}
      <PendingChanges view={view} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={view.targets}
        scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyState title={t('targets.none')} /> }}
        {...(office ? { rowSelection: { selectedRowKeys: selected, onChange: (keys: Key[]) => setSelected(keys.map(Number)) } } : {})}
        columns={[
          {
            title: t('targets.field.metric'),
            key: 'metric',
            render: (_: unknown, x: LedgerTarget) => (
              <Space orientation="vertical" size={0}>
                <span>{x.metric}</span>
                {x.text !== x.metric ? <Typography.Text type="secondary">{x.text}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: t('targets.field.kind'), key: 'kind', width: 70, render: (_: unknown, x: LedgerTarget) => targetLabels.kind(x.kind) },
          { title: t('targets.field.value'), key: 'value', width: 130, render: (_: unknown, x: LedgerTarget) => amount(x) },
          { title: t('targets.field.scope'), key: 'scope', width: 90, render: (_: unknown, x: LedgerTarget) => targetLabels.scope(x.scope) },
          {
            title: t('targets.field.measured'),
            key: 'measured',
            width: 120,
            render: (_: unknown, x: LedgerTarget) => <Tag color={x.measured ? 'blue' : 'default'}>{targetLabels.measured(x.measured)}</Tag>,
          },
          { title: t('targets.field.combine'), key: 'combine', width: 100, render: (_: unknown, x: LedgerTarget) => targetLabels.combine(x.combine) },
          {
            title: t('targets.field.owners'),
            key: 'owners',
            width: 160,
            render: (_: unknown, x: LedgerTarget) => (x.owners.length === 0 ? t('targets.owners.shared') : x.owners.map((o) => o.name).join('、')),
          },
          ...(office
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 170,
                  render: (_: unknown, x: LedgerTarget) =>
                    x.pendingRequestId !== null ? (
                      <Tag color="orange">{t('targets.pending')}</Tag>
                    ) : (
                      <Space size={4}>
                        <Button size="small" aria-label={t('targets.edit.label', { metric: x.metric })} onClick={() => setDialog({ op: 'edit', target: x })}>
                          {t('targets.edit')}
                        </Button>
                        <Button size="small" aria-label={t('targets.split.label', { metric: x.metric })} onClick={() => setDialog({ op: 'split', target: x })}>
                          {t('targets.split')}
                        </Button>
                        <Button
                          size="small"
                          danger
                          aria-label={t('targets.retire.label', { metric: x.metric })}
                          onClick={() => setDialog({ op: 'retire', target: x })}
                        >
                          {t('targets.retire')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      <TargetHistory taskId={view.taskId} />
      {dialog ? (
        <TargetChangeModal
          dialog={dialog}
          taskId={view.taskId}
          ownerChoices={view.ownerChoices}
          needsApproval={view.changesNeedApproval}
          pending={change.isPending}
          problem={change.problem ? messageOf(change.problem) : null}
          onSubmit={(vars) => change.mutate(vars)}
          onClose={() => {
            change.reset();
            setDialog(null);
          }}
        />
      ) : null}
    </Space>
  );
}

/** The pending 指标调整 of the task, with the steps the user may take on each. */
function PendingChanges({ view }: { view: TaskTargetsView }) {
  const { t, locale } = useI18n();
  const [deciding, setDeciding] = useState<{ step: TargetChangeStep['step']; request: TargetChangeRequest } | null>(null);
  if (view.pending.length === 0) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="pending-target-changes"
        title={t('targets.pending.title', { n: view.pending.length })}
        description={
          <List
            size="small"
            dataSource={view.pending}
            renderItem={(r) => (
              <List.Item actions={changeButtons(t, r, (step) => setDeciding({ step, request: r }))}>
                <List.Item.Meta
                  title={r.summary}
                  description={t('targets.pending.by', { who: r.proposer ?? '—', at: formatTime(r.createdAt, locale), reason: r.reason })}
                />
              </List.Item>
            )}
          />
        }
      />
      {deciding ? <DecideChange step={deciding.step} request={deciding.request} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}

/** The buttons of a request: 批准 and 不予批准 for its decider, 撤回 for the office. */
export function changeButtons(t: (key: MessageKey) => string, r: TargetChangeRequest, open: (step: TargetChangeStep['step']) => void) {
  const buttons = [];
  if (r.actions.includes('target.decide')) {
    buttons.push(
      <Button key="approve" size="small" type="primary" onClick={() => open('approve')}>
        {t('decide.approve')}
      </Button>,
      <Button key="reject" size="small" danger onClick={() => open('reject')}>
        {t('decide.reject')}
      </Button>,
    );
  }
  if (r.actions.includes('target.change')) {
    buttons.push(
      <Button key="withdraw" size="small" onClick={() => open('withdraw')}>
        {t('targets.withdraw')}
      </Button>,
    );
  }
  return buttons;
}

const STEP_TITLES: Record<TargetChangeStep['step'], MessageKey> = {
  approve: 'targets.decide.approve',
  reject: 'targets.decide.reject',
  withdraw: 'targets.decide.withdraw',
};

/** The decision on a request, with the comment a refusal must carry. */
export function DecideChange({ step, request, onClose }: { step: TargetChangeStep['step']; request: TargetChangeRequest; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const decide = useTargetChangeStep({
    onSuccess: () => {
      void message.success(t('common.done'));
      onClose();
    },
    onConflict: onClose,
  });
  const required = step === 'reject';
  return (
    <Modal
      open
      title={t(STEP_TITLES[step])}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{request.summary}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('targets.pending.reason', { reason: request.reason })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const comment = (v.comment ?? '').trim();
          decide.mutate(step === 'reject' ? { step, request, comment } : { step, request, ...(comment ? { comment } : {}) });
        }}
      >
        <Form.Item
          name="comment"
          label={t(required ? 'common.comment' : 'decide.commentOptional')}
          rules={required ? [{ required: true, whitespace: true, message: t('common.comment.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
      {decide.problem ? <Alert type="error" showIcon title={messageOf(decide.problem)} /> : null}
    </Modal>
  );
}

const REVISION_LABELS: Record<TargetRevision['change'], MessageKey> = {
  retype: 'targets.revision.retype',
  rename: 'targets.revision.rename',
  measure: 'targets.revision.measure',
  exclude: 'targets.revision.exclude',
  split: 'targets.revision.split',
  merge: 'targets.revision.merge',
  add: 'targets.revision.add',
  retire: 'targets.revision.retire',
  owners: 'targets.revision.owners',
  edit: 'targets.revision.edit',
};

/** The changes applied, newest first, and the requests decided or withdrawn. */
function TargetHistory({ taskId }: { taskId: number }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const history = useQuery({ ...targetHistoryQuery(taskId), enabled: open });
  if (!open) {
    return (
      <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="target-history-open">
        {t('targets.history.open')}
      </Button>
    );
  }
  return (
    <div data-testid="target-history">
      <Typography.Title level={5}>{t('targets.history')}</Typography.Title>
      <QueryView query={history}>
        {(data) =>
          data.revisions.length === 0 && data.requests.length === 0 ? (
            <EmptyState title={t('targets.history.none')} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Timeline
                items={data.revisions.map((r) => ({
                  key: r.id,
                  content: (
                    <span>
                      {formatTime(r.at, locale)} {r.actor ?? ''} <Tag>{t(REVISION_LABELS[r.change])}</Tag>
                      {(r.after ?? r.before)?.metric}
                      {r.before && r.after && (r.before.value !== r.after.value || r.before.unit !== r.after.unit)
                        ? `（${amount(r.before)} → ${amount(r.after)}）`
                        : ''}
                      {r.reason ? <Typography.Text type="secondary">{` ${t('targets.history.reason', { reason: r.reason })}`}</Typography.Text> : null}
                    </span>
                  ),
                }))}
              />
              {data.requests.length > 0 ? (
                <List
                  size="small"
                  header={t('targets.history.requests')}
                  dataSource={data.requests}
                  renderItem={(r) => (
                    <List.Item>
                      <Space wrap>
                        <StateTag workflow="targetChange" state={r.status} />
                        <span>{r.summary}</span>
                        <Typography.Text type="secondary">{r.decisionComment ?? ''}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              ) : null}
            </Space>
          )
        }
      </QueryView>
    </div>
  );
}
