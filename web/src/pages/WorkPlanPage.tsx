/**
 * The work plan editor (细化分解): the task's revisions (GET /api/tasks/:id/workplans),
 * a new draft (POST), measures, milestones, monthly planned values per target,
 * the co-units' parts; save with the version read (PATCH), submit; the
 * leader's return comment. Buttons follow the plan's own `actions`.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, message as antMessage, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../api';
import type { Target, Task, WorkPlan, WorkPlanMilestone } from '../api-types';
import { can, useMe } from '../api/session';
import { taskQuery } from '../api/tasks';
import type { Conflict } from '../api/versioned';
import { useWorkflowLabels } from '../api/workflows';
import { taskWorkPlansQuery, useCreateWorkPlan, useSaveWorkPlan, useWorkPlanStep, type WorkPlanDraft } from '../api/workplans';
import { ConflictNotice } from '../components/ConflictNotice';
import { StateTag } from '../components/StateTag';
import { EmptyState, NotFoundState, QueryView } from '../components/States';
import { useT } from '../i18n';

/** Targets with a number to plan values for. */
const numericTargets = (targets: Target[]): Target[] => targets.filter((t) => t.value !== null);

/** The month ends of the plan year up to the task's deadline. */
function monthEnds(task: Task): string[] {
  const year = Number((task.deadline ?? '').slice(0, 4)) || new Date().getFullYear();
  const out: string[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    const day = `${year}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
    if (task.deadline && day > task.deadline) break;
    out.push(day);
  }
  return out;
}

export default function WorkPlanPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const task = useQuery({ ...taskQuery(id), enabled: valid });
  const plans = useQuery({ ...taskWorkPlansQuery(id), enabled: valid });
  if (!valid) return <NotFoundState />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={`/tasks/${id}`}>← {t('uw.back.task')}</Link>
      <QueryView query={task} notFound={<EmptyState title={t('task.notFound')} />}>
        {(taskData) => <QueryView query={plans}>{(planData) => <PlanScreen task={taskData} plans={planData.items} />}</QueryView>}
      </QueryView>
    </Space>
  );
}

/** The plan's changes live here, above the editor: the editor starts again from each new version, the conflict notice stays. */
function PlanScreen({ task, plans }: { task: Task; plans: WorkPlan[] }) {
  const t = useT();
  const me = useMe();
  const labels = useWorkflowLabels();
  const [message, messageHolder] = antMessage.useMessage();
  const current = plans[0] ?? null;
  const open = current && (current.status === 'draft' || current.status === 'returned' || current.status === 'submitted');
  const onError = (error: Error) => void message.error(messageOf(error));
  const create = useCreateWorkPlan(task.id, { onError });
  const save = useSaveWorkPlan({ onSuccess: () => void message.success(t('uw.saved')), onError });
  const submit = useWorkPlanStep({ onSuccess: () => void message.success(t('uw.plan.submittedOk')), onError });
  const changes: Changes = {
    save: (plan, draft) => {
      submit.reset();
      save.mutate({ plan, draft });
    },
    submit: (plan) => {
      save.reset();
      submit.mutate({ step: 'submit', plan });
    },
    saving: save.isPending,
    submitting: submit.isPending,
    conflict: save.conflict ?? submit.conflict,
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {messageHolder}
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('uw.plan.heading', { key: task.key })}
        </Typography.Title>
        {!open && can(me.data, 'workplan.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => create.mutate()} loading={create.isPending}>
            {current ? t('uw.plan.revise') : t('uw.plan.create')}
          </Button>
        ) : null}
      </Space>
      <Card size="small" title={t('task.text')}>
        <Typography.Paragraph style={{ margin: 0 }}>{task.text}</Typography.Paragraph>
      </Card>
      {current ? (
        <PlanEditor key={`${current.id}-${current.version}`} task={task} plan={current} changes={changes} />
      ) : (
        <EmptyState title={t('uw.plan.none')} />
      )}
      {plans.length > 1 ? (
        <Card size="small" title={t('uw.plan.revisions')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={plans.slice(1)}
            columns={[
              { title: t('uw.plan.revision'), dataIndex: 'revision', key: 'revision', width: 90 },
              { title: t('uw.report.status'), key: 'status', width: 110, render: (_: unknown, p) => <Tag>{labels.state('workPlan', p.status)}</Tag> },
              { title: t('uw.plan.measures'), dataIndex: 'measures', key: 'measures', ellipsis: true },
              { title: t('uw.plan.comment'), key: 'comment', render: (_: unknown, p) => p.decisionComment ?? '—' },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}

/** A milestone as the editor holds it: a row key in place of the stored id. */
type Milestone = Omit<WorkPlanMilestone, 'id'> & { key: number };

interface Changes {
  save: (plan: WorkPlan, draft: WorkPlanDraft) => void;
  submit: (plan: WorkPlan) => void;
  saving: boolean;
  submitting: boolean;
  conflict: Conflict | null;
}

function PlanEditor({ task, plan, changes }: { task: Task; plan: WorkPlan; changes: Changes }) {
  const t = useT();
  const editable = plan.actions.includes('workplan.write');
  const [measures, setMeasures] = useState(plan.measures);
  const [milestones, setMilestones] = useState<Milestone[]>(() =>
    plan.milestones.map((m, i) => ({ key: i, dueOn: m.dueOn, title: m.title, unitId: m.unitId })),
  );
  const [values, setValues] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(plan.values.map((v) => [`${v.targetId}/${v.periodEnd}`, v.value])),
  );
  const [parts, setParts] = useState<Record<number, string>>(() => Object.fromEntries(plan.coParts.map((p) => [p.unitId, p.part])));
  const targets = numericTargets(task.targets);
  const months = monthEnds(task);
  const units = [{ value: 0, label: t('uw.plan.hostUnit') }, ...task.coUnitRefs.map((u) => ({ value: u.id, label: u.name }))];
  const draft = (): WorkPlanDraft => ({
    measures,
    milestones: milestones.map((m) => ({ dueOn: m.dueOn, title: m.title, unitId: m.unitId })),
    values: Object.entries(values).flatMap(([key, value]) => {
      const [targetId, periodEnd] = key.split('/');
      return value === null || value === undefined ? [] : [{ targetId: Number(targetId), periodEnd: periodEnd ?? '', value }];
    }),
    coParts: Object.entries(parts).flatMap(([unitId, part]) => (part.trim() ? [{ unitId: Number(unitId), part }] : [])),
  });
  const busy = changes.saving || changes.submitting;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('uw.plan.revisionN', { n: plan.revision })}</span>
        {/* A submitted plan is, for the unit that wrote it, waiting for the leader: the screen says so. */}
        <StateTag workflow="workPlan" state={plan.status} testId="plan-status">
          {plan.status === 'submitted' ? t('uw.plan.awaitingApproval') : undefined}
        </StateTag>
      </Space>
      <ConflictNotice conflict={changes.conflict} />
      {plan.decisionComment ? (
        <Alert type={plan.status === 'returned' ? 'error' : 'info'} showIcon title={t('uw.plan.comment')} description={plan.decisionComment} />
      ) : null}
      <Form layout="vertical" disabled={!editable}>
        <Card size="small" title={t('uw.plan.measures')}>
          <Form.Item label={t('uw.plan.measures')} htmlFor="plan-measures">
            <Input.TextArea id="plan-measures" rows={5} value={measures} onChange={(e) => setMeasures(e.target.value)} maxLength={20000} />
          </Form.Item>
        </Card>
        <Card
          size="small"
          title={t('uw.plan.milestones')}
          style={{ marginTop: 16 }}
          extra={
            editable ? (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setMilestones((list) => [...list, { key: Date.now(), dueOn: '', title: '', unitId: null }])}
              >
                {t('uw.plan.addMilestone')}
              </Button>
            ) : null
          }
        >
          {milestones.length === 0 ? <EmptyState title={t('uw.plan.milestones.none')} /> : null}
          {milestones.map((m, i) => {
            const change = (patch: Partial<Milestone>) => setMilestones((list) => list.map((x) => (x.key === m.key ? { ...x, ...patch } : x)));
            return (
              <Space key={m.key} wrap align="start" style={{ marginBottom: 8 }}>
                <Input
                  type="date"
                  aria-label={t('uw.plan.dueOn', { n: i + 1 })}
                  style={{ width: 170 }}
                  value={m.dueOn}
                  onChange={(e) => change({ dueOn: e.target.value })}
                />
                <Input
                  aria-label={t('uw.plan.milestoneTitle', { n: i + 1 })}
                  placeholder={t('uw.plan.milestoneTitlePh')}
                  style={{ width: 320 }}
                  value={m.title}
                  onChange={(e) => change({ title: e.target.value })}
                  maxLength={500}
                />
                <Select
                  aria-label={t('uw.plan.unit')}
                  style={{ width: 200 }}
                  options={units}
                  value={m.unitId ?? 0}
                  onChange={(v: number) => change({ unitId: v === 0 ? null : v })}
                />
                {editable ? (
                  <Button aria-label={t('uw.delete')} icon={<DeleteOutlined />} onClick={() => setMilestones((list) => list.filter((x) => x.key !== m.key))} />
                ) : null}
              </Space>
            );
          })}
        </Card>
        <Card size="small" title={t('uw.plan.values')} style={{ marginTop: 16 }}>
          {targets.length === 0 ? (
            <EmptyState title={t('uw.plan.values.none')} />
          ) : (
            <Table
              size="small"
              rowKey={(month) => month}
              pagination={false}
              dataSource={months}
              scroll={{ x: 200 + targets.length * 180 }}
              columns={[
                { title: t('uw.plan.month'), key: 'month', width: 120, fixed: 'left', render: (_: unknown, month: string) => month.slice(0, 7) },
                ...targets.map((target) => ({
                  title: `${target.text}（${t('uw.plan.targetIs', { value: `${target.value ?? ''}${target.unit ?? ''}` })}）`,
                  key: `target-${target.id}`,
                  width: 180,
                  render: (_: unknown, month: string) => (
                    <InputNumber
                      aria-label={`${target.text} ${month.slice(0, 7)}`}
                      style={{ width: 150 }}
                      suffix={target.unit ?? undefined}
                      value={values[`${target.id}/${month}`] ?? null}
                      onChange={(v) => setValues((all) => ({ ...all, [`${target.id}/${month}`]: typeof v === 'number' ? v : null }))}
                    />
                  ),
                })),
              ]}
            />
          )}
        </Card>
        {task.coUnitRefs.length > 0 ? (
          <Card size="small" title={t('uw.plan.coParts')} style={{ marginTop: 16 }}>
            {task.coUnitRefs.map((u) => (
              <Form.Item key={u.id} label={u.name} htmlFor={`part-${u.id}`}>
                <Input.TextArea
                  id={`part-${u.id}`}
                  rows={2}
                  value={parts[u.id] ?? ''}
                  onChange={(e) => setParts((all) => ({ ...all, [u.id]: e.target.value }))}
                  maxLength={2000}
                />
              </Form.Item>
            ))}
          </Card>
        ) : null}
      </Form>
      <Space wrap>
        {editable ? (
          <Button type="primary" onClick={() => changes.save(plan, draft())} loading={changes.saving} disabled={busy}>
            {t('uw.save')}
          </Button>
        ) : null}
        {plan.actions.includes('workplan.submit') ? (
          <Button onClick={() => changes.submit(plan)} loading={changes.submitting} disabled={busy}>
            {t('uw.plan.submit')}
          </Button>
        ) : null}
      </Space>
    </Space>
  );
}
