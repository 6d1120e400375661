/**
 * One task: its text, owners and targets (GET /api/tasks/:id), its light now
 * with the reasons for it under it (亮灯原因), each target's figures and
 * milestones, and its lights at past rounds
 * (GET /api/tasks/:id/status), a chart of its targets against time progress,
 * its targets as the office sets and changes them (TaskTargets: after the
 * first round a change is a 指标调整 the lead leader decides on this page),
 * the office's correction of its text or deadline (with a reason), its
 * reporting schedule (the office may give it its own), and its timeline
 * of reports, reviews, decisions and orders (GET /api/events?taskId=).
 */
import { useQuery } from '@tanstack/react-query';
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, ConfigProvider, Descriptions, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Task, TaskStatus } from '../api-types';
import { taskQuery, taskStatusQuery } from '../api/tasks';
import { useWorkflowLabels } from '../api/workflows';
import { LIGHT_COLORS, LightBadge } from '../components/Light';
import { LightReasons } from '../components/LightReasons';
import { RecentEvents } from '../components/RecentEvents';
import { FromAboveTag } from '../components/FromAboveTag';
import { TaskEdit } from '../components/TaskEdit';
import { TaskOwnersCard } from '../components/TaskOwnersCard';
import { TaskTargets } from '../components/TaskTargets';
import { TaskSchedule } from '../components/TaskSchedule';
import { EmptyState, ErrorState, Loading, NotFoundState, QueryView } from '../components/States';
import { useT } from '../i18n';
import { plansQuery } from '../api/plans';
import { can, useMe } from '../api/session';
import { ArchivedPlanBanner } from '../components/PlanSwitcher';

const TargetChart = lazy(() => import('../charts/target-chart'));
const TargetTrendChart = lazy(() => import('../charts/target-trend-chart'));
// Handing down and the roll-up (dialog, date picker, chart) load only for those who read roll-ups.
const TaskAssignments = lazy(() => import('../components/TaskAssignments').then((m) => ({ default: m.TaskAssignments })));

/**
 * The task's text with each target's words marked where they occur, so the
 * reader sees which promises are measured. Targets come in the order of the
 * text; one phrase may stand for several targets ("新增营收10亿元" for each of
 * several firms), and one target may hold another ("新增营收10亿元、突破100亿元"
 * holds its increment): each target takes its own occurrence at or after the
 * previous target's start, and overlapping marks are joined. A target whose
 * words are not found verbatim (a reworded clause) is simply not marked.
 */
function markTargets(text: string, targets: readonly { text: string }[]): ReactNode[] {
  const found: { start: number; end: number }[] = [];
  const taken = (start: number, end: number): boolean => found.some((s) => s.start === start && s.end === end);
  const find = (phrase: string, from: number): number => {
    for (let at = text.indexOf(phrase, from); at >= 0; at = text.indexOf(phrase, at + 1)) if (!taken(at, at + phrase.length)) return at;
    return -1;
  };
  let cursor = 0;
  for (const { text: phrase } of targets) {
    if (phrase === '') continue;
    const after = find(phrase, cursor);
    const start = after >= 0 ? after : find(phrase, 0);
    if (start < 0) continue;
    found.push({ start, end: start + phrase.length });
    cursor = start;
  }
  found.sort((a, b) => a.start - b.start);
  const spans: { start: number; end: number }[] = [];
  for (const f of found) {
    const last = spans[spans.length - 1];
    if (last !== undefined && f.start < last.end) last.end = Math.max(last.end, f.end);
    else spans.push({ ...f });
  }
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of spans) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="target-mark" style={{ background: '#fff1b8', padding: '0 2px', borderRadius: 2 }}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const amount = (value: number | null, unit: string | null): string => (value === null ? '—' : `${value.toLocaleString('zh-CN')}${unit ?? ''}`);

export default function TaskPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const task = useQuery({ ...taskQuery(id), enabled: valid });
  const plans = useQuery(plansQuery());
  if (!valid) return <NotFoundState />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/ledger">← {t('task.back')}</Link>
      <QueryView query={task} notFound={<EmptyState title={t('task.notFound')} />}>
        {(data) => {
          // A task of an archived plan is read only: its banner, and its buttons off.
          const archived = plans.data?.items.find((p) => p.id === data.planId && p.archived !== null);
          return (
            <>
              <ArchivedPlanBanner plan={archived} />
              <ConfigProvider componentDisabled={archived !== undefined}>
                <TaskBody task={data} />
              </ConfigProvider>
            </>
          );
        }}
      </QueryView>
    </Space>
  );
}

function TaskBody({ task }: { task: Task }) {
  const t = useT();
  const labels = useWorkflowLabels();
  const status = useQuery(taskStatusQuery(task.id));
  const fromAbove = task.sourceTaskId !== null;
  const me = useMe().data;
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
        <FromAboveTag task={task} />
        {status.data ? <LightBadge light={status.data.light} /> : null}
        <Link to={`/tasks/${task.id}/workplan`} data-testid="task-workplan-link">
          {t('uw.plan.open')}
        </Link>
        <Link to={`/tasks/${task.id}/print`} data-testid="task-print">
          <Button size="small" icon={<PrinterOutlined />}>
            {t('print.print')}
          </Button>
        </Link>
      </Space>
      {status.data && status.data.reasons.length > 0 ? (
        <Card size="small" title={t('reasons.title')}>
          <LightReasons reasons={status.data.reasons} testId="task-reasons" />
        </Card>
      ) : null}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('task.section')}>{task.section ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('task.status')}>{labels.state('task', task.status)}</Descriptions.Item>
          <Descriptions.Item label={t('task.deadline')}>{task.deadline ?? task.deadlineText ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('task.timeProgress')}>{status.data ? percent(status.data.timeProgress) : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('task.text')}>
        <Typography.Paragraph style={{ fontSize: 15, lineHeight: 1.8, margin: 0 }} data-testid="task-text">
          {markTargets(task.text, task.targets)}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('task.owners')}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('ledger.leaders')}>{names(task.leaders)}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.hostUnits')}>{names(task.hostUnits, 'red')}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.coUnits')}>{names(task.coUnits)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <ErrorState error={status.error} retry={() => void status.refetch()} />
      ) : (
        <StatusCards task={task} status={status.data} />
      )}
      <TaskOwnersCard task={task} />
      {can(me, 'assignment.read') && !fromAbove ? (
        <Suspense fallback={null}>
          <TaskAssignments task={task} />
        </Suspense>
      ) : null}
      {/* A task from above keeps the upper government's text, deadline and targets (the server refuses: from_above). */}
      <TaskTargets taskId={task.id} readOnly={fromAbove} />
      {fromAbove ? null : <TaskEdit task={task} />}
      <TaskSchedule task={task} />
      <Card size="small" title={t('task.timeline')} data-testid="task-timeline">
        <RecentEvents taskId={task.id} limit={50} />
      </Card>
    </Space>
  );
}

function StatusCards({ task, status }: { task: Task; status: TaskStatus }) {
  const t = useT();
  const figures = new Map(status.targets.map((s) => [s.targetId, s]));
  return (
    <>
      {status.dataError !== null ? (
        <Alert type="error" showIcon title={t('task.dataError')} description={t('task.dataError.hint')} data-testid="task-data-error" />
      ) : null}
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
            expandable={{
              rowExpandable: (target) => (figures.get(target.id)?.units.length ?? 0) > 1,
              expandedRowRender: (target) => <UnitParts status={figures.get(target.id)} unit={target.unit} />,
            }}
            columns={[
              {
                title: t('task.target.text'),
                dataIndex: 'text',
                key: 'text',
                render: (text: string, target) => (
                  <span>
                    {text}
                    {target.measured ? null : (
                      <Tag style={{ marginLeft: 8 }} data-testid="target-not-measured">
                        {t('task.target.notMeasured', { scope: t(`task.scope.${target.scope}`) })}
                      </Tag>
                    )}
                    {(figures.get(target.id)?.units.length ?? 0) > 1 ? (
                      <Tag style={{ marginLeft: 8 }} color="blue">
                        {t(target.combine === 'sum' ? 'task.combine.sum' : 'task.combine.per_unit', { n: figures.get(target.id)?.units.length ?? 0 })}
                      </Tag>
                    ) : null}
                  </span>
                ),
              },
              { title: t('task.target.value'), key: 'value', width: 120, render: (_: unknown, target) => amount(target.value, target.unit) },
              {
                title: t('task.target.actual'),
                key: 'actual',
                width: 120,
                render: (_: unknown, target) =>
                  figures.get(target.id)?.reason === 'data_error' ? (
                    <Tag color="red">{t('task.target.dataError')}</Tag>
                  ) : (
                    amount(figures.get(target.id)?.actual ?? null, target.unit)
                  ),
              },
              {
                title: t('task.target.completion'),
                key: 'completion',
                width: 100,
                render: (_: unknown, target) => percent(figures.get(target.id)?.completion ?? null),
              },
              {
                title: t('task.target.expected'),
                key: 'expected',
                width: 100,
                render: (_: unknown, target) => percent(figures.get(target.id)?.expected ?? null),
              },
              {
                title: t('ledger.light'),
                key: 'light',
                width: 100,
                render: (_: unknown, target) => <LightBadge light={figures.get(target.id)?.light ?? 'none'} />,
              },
            ]}
          />
        )}
      </Card>
      {status.targets.some((s) => s.completion !== null || s.expected !== null) ? (
        <Card size="small" title={t('task.chart.title')}>
          <Suspense fallback={<Loading />}>
            <TargetChart
              rows={status.targets.map((s) => ({ label: s.text, completion: s.completion, expected: s.expected }))}
              timeProgress={status.timeProgress}
            />
          </Suspense>
        </Card>
      ) : null}
      <TargetTrends status={status} />
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
          <Timeline
            items={status.history.map((h) => ({
              key: `${h.roundId}-${h.asOf}`,
              color: LIGHT_COLORS[h.light],
              content: (
                <span>
                  {h.asOf} <LightBadge light={h.light} />
                </span>
              ),
            }))}
          />
        )}
      </Card>
    </>
  );
}

type TargetFigures = TaskStatus['targets'][number];

/** Each owner unit's part of a target: its figure, and its own light when each unit is judged on its own. */
function UnitParts({ status, unit }: { status: TargetFigures | undefined; unit: string | null }) {
  const t = useT();
  if (!status) return null;
  return (
    <Table
      size="small"
      rowKey="unitId"
      pagination={false}
      dataSource={status.units}
      data-testid="target-unit-parts"
      columns={[
        { title: t('task.part.unit'), dataIndex: 'name', key: 'name' },
        {
          title: t('task.part.actual'),
          key: 'actual',
          width: 140,
          render: (_: unknown, u) => (u.actual === null ? t('task.part.none') : amount(u.actual, unit)),
        },
        { title: t('task.part.period'), key: 'period', width: 120, render: (_: unknown, u) => u.periodEnd ?? '—' },
        { title: t('ledger.light'), key: 'light', width: 100, render: (_: unknown, u) => (u.light === null ? '—' : <LightBadge light={u.light} />) },
      ]}
    />
  );
}

/** Each target's figures over time against its planned path, one target at a time. */
function TargetTrends({ status }: { status: TaskStatus }) {
  const t = useT();
  const charted = status.targets.filter((s) => s.series.length > 0 || s.planned.length > 0);
  const [chosen, setChosen] = useState<number | null>(null);
  const shown = charted.find((s) => s.targetId === chosen) ?? charted[0];
  if (!shown) return null;
  const unitNames = new Map<number, string>(status.targets.flatMap((s) => s.units.map((u): [number, string] => [u.unitId, u.name])));
  return (
    <Card
      size="small"
      title={t('task.trend.title')}
      extra={
        charted.length > 1 ? (
          <Select
            size="small"
            style={{ width: 260, maxWidth: '55vw' }}
            value={shown.targetId}
            onChange={setChosen}
            options={charted.map((s) => ({ value: s.targetId, label: s.metric || s.text }))}
            aria-label={t('task.trend.choose')}
          />
        ) : null
      }
    >
      {shown.series.length === 0 ? <Typography.Text type="secondary">{t('task.trend.noFigures')}</Typography.Text> : null}
      <Suspense fallback={<Loading />}>
        <TargetTrendChart
          label={shown.metric || shown.text}
          unit={shown.unit}
          combine={shown.combine}
          series={shown.series}
          planned={shown.planned}
          unitNames={unitNames}
        />
      </Suspense>
    </Card>
  );
}
