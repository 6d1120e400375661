/**
 * A task handed down (下达, ADR 0031), on the upper government's task page: the office's assignment dialog (lower
 * governments to hand it to, and per target an optional split of its value among them: a target whose units'
 * figures add up must be split to the whole, a rate takes a value per government) and, once it has assignments,
 * the roll-up card (汇总): per lower government its light, completion, last accepted report and status, and per
 * split target its shares, the accepted values combined and a chart, as known on a chosen date.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, DatePicker, InputNumber, Modal, Progress, Space, Switch, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { messageOf } from '../api';
import type { Rollup, RollupItem, Target, Task } from '../api-types';
import { assignmentsQuery, taskRollupQuery, useAssignTask } from '../api/assignments';
import { governmentsBelow, governmentsQuery } from '../api/governments';
import { can, useMe } from '../api/session';
import { useWorkflowLabels } from '../api/workflows';
import { formatTime } from '../format';
import { useI18n, useT } from '../i18n';
import { LightBadge } from './Light';
import { EmptyState, Loading, QueryView } from './States';

const RollupChart = lazy(() => import('../charts/rollup-chart'));

const figure = (n: number): number => Math.round(n * 1e9) / 1e9;
const amount = (value: number | null, unit: string | null): string => (value === null ? '—' : `${figure(value).toLocaleString('zh-CN')}${unit ?? ''}`);

export function TaskAssignments({ task }: { task: Task }) {
  const me = useMe().data;
  const readable = can(me, 'assignment.read') && task.sourceTaskId === null;
  const assignments = useQuery({ ...assignmentsQuery(task.id), enabled: readable });
  const governments = useQuery({ ...governmentsQuery(), enabled: readable });
  const [open, setOpen] = useState(false);
  if (!readable || !me || !assignments.data || !governments.data) return null;
  const below = governmentsBelow(governments.data.items, me.governmentId);
  const taken = new Set(assignments.data.items.map((a) => a.governmentId));
  const assignable = can(me, 'task.assign') && task.status === 'active' && below.some((g) => !taken.has(g.id));
  const button = assignable ? <AssignButton onClick={() => setOpen(true)} /> : null;
  return (
    <>
      {assignments.data.items.length > 0 ? <RollupCard task={task} extra={button} /> : button ? <AssignCard button={button} /> : null}
      {open ? (
        <AssignDialog task={task} governments={below.map((g) => ({ id: g.id, name: g.name, taken: taken.has(g.id) }))} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

function AssignButton({ onClick }: { onClick: () => void }) {
  const t = useT();
  return (
    <Button size="small" type="primary" onClick={onClick} data-testid="assign-open">
      {t('assign.open')}
    </Button>
  );
}

function AssignCard({ button }: { button: ReactNode }) {
  const t = useT();
  return (
    <Card size="small" title={t('assign.title')} extra={button} data-testid="assign-card">
      <Typography.Text type="secondary">{t('assign.hint')}</Typography.Text>
    </Card>
  );
}

interface Choice {
  id: number;
  name: string;
  taken: boolean;
}

type Values = Record<string, number | null>;
const cell = (targetId: number, governmentId: number): string => `${targetId}:${governmentId}`;

/** A split target's state: every chosen government given a value, and for a target that adds up, the total against the whole. */
function splitState(target: Target, chosen: number[], values: Values): { filled: boolean; total: number; difference: number | null } {
  const given = chosen.map((g) => values[cell(target.id, g)]).filter((v): v is number => typeof v === 'number');
  const total = figure(given.reduce((s, v) => s + v, 0));
  const difference = target.combine === 'sum' && target.value !== null ? figure(target.value - total) : null;
  return { filled: given.length === chosen.length, total, difference };
}

function AssignDialog({ task, governments, onClose }: { task: Task; governments: Choice[]; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [chosen, setChosen] = useState<number[]>([]);
  const [split, setSplit] = useState<number[]>([]);
  const [values, setValues] = useState<Values>({});
  const assign = useAssignTask({
    onSuccess: (list) => {
      void message.success(t('assign.done', { n: list.items.length }));
      onClose();
    },
  });
  const splittable = task.targets.filter((x) => x.value !== null);
  const splitTargets = splittable.filter((x) => split.includes(x.id));
  const states = new Map(splitTargets.map((x) => [x.id, splitState(x, chosen, values)]));
  const ready = chosen.length > 0 && [...states.values()].every((s) => s.filled && (s.difference === null || s.difference === 0));
  const names = new Map(governments.map((g) => [g.id, g.name]));
  const submit = () =>
    assign.mutate({
      taskId: task.id,
      governmentIds: chosen,
      shares: splitTargets.flatMap((x) => chosen.map((g) => ({ targetId: x.id, governmentId: g, value: values[cell(x.id, g)] ?? 0 }))),
    });
  return (
    <Modal
      open
      width={720}
      title={t('assign.dialog', { key: task.key })}
      onCancel={onClose}
      onOk={submit}
      okText={t('assign.submit')}
      okButtonProps={{ disabled: !ready, loading: assign.isPending, 'data-testid': 'assign-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="assign-dialog">
        {assign.error ? <Alert type="error" showIcon title={messageOf(assign.error)} data-testid="assign-error" /> : null}
        <div>
          <Typography.Text strong>{t('assign.governments')}</Typography.Text>
          <Checkbox.Group
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}
            value={chosen}
            onChange={(next) => setChosen(governments.filter((g) => next.includes(g.id)).map((g) => g.id))}
            options={governments.map((g) => ({
              value: g.id,
              disabled: g.taken,
              label: (
                <span data-testid={`assign-gov-${g.id}`}>
                  {g.name}
                  {g.taken ? <Tag style={{ marginInlineStart: 4 }}>{t('assign.taken')}</Tag> : null}
                </span>
              ),
            }))}
          />
        </div>
        {splittable.length > 0 ? (
          <div>
            <Typography.Text strong>{t('assign.split')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
              {t('assign.split.hint')}
            </Typography.Paragraph>
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              {splittable.map((x) => (
                <Card
                  key={x.id}
                  size="small"
                  data-testid={`split-${x.id}`}
                  title={
                    <Space wrap>
                      <Switch
                        size="small"
                        checked={split.includes(x.id)}
                        onChange={(on) => setSplit(on ? [...split, x.id] : split.filter((id) => id !== x.id))}
                        aria-label={t('assign.split.toggle', { metric: x.metric || x.text })}
                        data-testid={`split-toggle-${x.id}`}
                      />
                      <span style={{ whiteSpace: 'normal' }}>
                        {x.metric || x.text}：{amount(x.value, x.unit)}
                      </span>
                      <Tag>{t(x.combine === 'sum' ? 'assign.split.sum' : 'assign.split.perUnit')}</Tag>
                    </Space>
                  }
                >
                  {split.includes(x.id) ? (
                    chosen.length === 0 ? (
                      <Typography.Text type="secondary">{t('assign.split.chooseFirst')}</Typography.Text>
                    ) : (
                      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
                        <Space wrap size="middle">
                          {chosen.map((g) => (
                            <Space key={g} size={4}>
                              <span>{names.get(g)}</span>
                              <InputNumber
                                size="small"
                                style={{ width: 130 }}
                                value={values[cell(x.id, g)] ?? null}
                                onChange={(v) => setValues({ ...values, [cell(x.id, g)]: typeof v === 'number' ? v : null })}
                                aria-label={t('assign.split.value', { government: names.get(g) ?? '', metric: x.metric || x.text })}
                                data-testid={`share-${x.id}-${g}`}
                                {...(x.unit ? { suffix: x.unit } : {})}
                              />
                            </Space>
                          ))}
                        </Space>
                        <SplitTotal target={x} state={states.get(x.id)} />
                      </Space>
                    )
                  ) : (
                    <Typography.Text type="secondary">{t('assign.split.whole')}</Typography.Text>
                  )}
                </Card>
              ))}
            </Space>
          </div>
        ) : null}
      </Space>
    </Modal>
  );
}

function SplitTotal({ target, state }: { target: Target; state: ReturnType<typeof splitState> | undefined }) {
  const t = useT();
  if (!state || state.difference === null) return null;
  const equal = state.difference === 0;
  return (
    <Typography.Text type={equal ? 'success' : 'danger'} data-testid={`share-total-${target.id}`} data-equal={equal ? 'yes' : 'no'}>
      {t('assign.split.total', { total: amount(state.total, target.unit), whole: amount(target.value, target.unit) })}
      {equal ? ` ✓ ${t('assign.split.equal')}` : ` ${t('assign.split.difference', { n: amount(state.difference, target.unit) })}`}
    </Typography.Text>
  );
}

/** A lower government's last accepted report: when it was accepted (the user's time) and a line of its progress. */
export function LastReport({ item }: { item: RollupItem }) {
  const { t, locale } = useI18n();
  if (item.lastReport === null) return <Typography.Text type="secondary">{t('rollup.noReport')}</Typography.Text>;
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text type="secondary">{t('rollup.acceptedAt', { at: formatTime(item.lastReport.acceptedAt, locale, 'short') })}</Typography.Text>
      <Typography.Paragraph ellipsis={{ rows: 1, tooltip: item.lastReport.progress }} style={{ margin: 0 }}>
        {item.lastReport.progress || '—'}
      </Typography.Paragraph>
    </div>
  );
}

function RollupCard({ task, extra }: { task: Task; extra: ReactNode }) {
  const t = useT();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const rollup = useQuery(taskRollupQuery(task.id, asOf));
  return (
    <Card
      size="small"
      title={t('rollup.title')}
      data-testid="rollup-card"
      extra={
        <Space wrap>
          <DatePicker
            size="small"
            placeholder={t('rollup.asOf.today')}
            aria-label={t('rollup.asOf')}
            onChange={(_, text) => setAsOf(typeof text === 'string' && text !== '' ? text : undefined)}
            data-testid="rollup-as-of"
          />
          {extra}
        </Space>
      }
    >
      <QueryView query={rollup}>{(data) => <RollupBody data={data} />}</QueryView>
    </Card>
  );
}

export function RollupBody({ data }: { data: Rollup }) {
  const t = useT();
  const labels = useWorkflowLabels();
  // A target handed down whole gives each government the whole value; a split one gives some government another.
  const split = data.targets.filter((x) =>
    data.items.some((i) => i.targets.some((v) => v.sourceTargetId === x.targetId && v.share !== null && v.share !== x.value)),
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('rollup.asOfDate', { date: data.asOf })}</Typography.Text>
      <Table
        size="small"
        rowKey="governmentId"
        pagination={false}
        dataSource={data.items}
        scroll={{ x: 720 }}
        data-testid="rollup-table"
        locale={{ emptyText: <EmptyState title={t('rollup.none')} /> }}
        columns={[
          { title: t('rollup.government'), dataIndex: 'governmentName', key: 'government', width: 150 },
          { title: t('ledger.light'), key: 'light', width: 96, render: (_: unknown, r) => <LightBadge light={r.light} /> },
          {
            title: t('rollup.completion'),
            key: 'completion',
            width: 150,
            render: (_: unknown, r) =>
              r.completion === null ? '—' : <Progress size="small" percent={Math.round(r.completion * 1000) / 10} status="normal" style={{ margin: 0 }} />,
          },
          { title: t('rollup.lastReport'), key: 'report', render: (_: unknown, r) => <LastReport item={r} /> },
          { title: t('task.status'), key: 'status', width: 90, render: (_: unknown, r) => labels.state('task', r.status as Task['status']) },
        ]}
      />
      {split.map((x) => {
        const bars = data.items.map((i) => {
          const v = i.targets.find((y) => y.sourceTargetId === x.targetId);
          return { government: i.governmentName, share: v?.share ?? null, accepted: v?.value ?? null };
        });
        return (
          <Card key={x.targetId} size="small" type="inner" title={x.metric || x.text} data-testid={`rollup-target-${x.targetId}`}>
            <Space wrap size="large">
              <span>{t('rollup.target.value', { n: amount(x.value, x.unit) })}</span>
              {x.sharesTotal !== null ? <span>{t('rollup.target.shares', { n: amount(x.sharesTotal, x.unit) })}</span> : null}
              {x.combine === 'sum' ? <span>{t('rollup.target.combined', { n: amount(x.combined, x.unit) })}</span> : null}
            </Space>
            <Suspense fallback={<Loading />}>
              <RollupChart label={x.metric || x.text} unit={x.unit} bars={bars} />
            </Suspense>
          </Card>
        );
      })}
    </Space>
  );
}
