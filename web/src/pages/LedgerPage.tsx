/**
 * The ledger (任务台账): every task of the newest plan with its owners, its
 * light (from the dashboard's `tasks`, joined by task id) and its deadline.
 * Filters by section, leader, unit and light live in the address, so a
 * filtered ledger can be bookmarked or sent. The table scrolls virtually, so
 * thousands of tasks stay responsive.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Grid, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { LIGHTS, type Dashboard, type Items, type Light, type Plan, type Section, type Task } from '../api-types';
import { LightBadge } from '../components/Light';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useT } from '../i18n';

type Row = Task & { light: Light | null };
type FilterName = 'section' | 'leader' | 'unit' | 'light';

/** The narrowest the task's text column gets before the table scrolls sideways. */
const TEXT_MIN = 200;

/** The plan shown: the newest year's, the latest imported among equals. */
const newest = (plans: Plan[]): Plan | undefined => [...plans].sort((a, b) => b.year - a.year || b.id - a.id)[0];

function useViewportHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = (): void => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

export default function LedgerPage() {
  const t = useT();
  const plans = useQuery({ queryKey: ['plans'], queryFn: ({ signal }) => api.get<Items<Plan>>('/api/plans', undefined, signal) });
  const plan = plans.data ? newest(plans.data.items) : undefined;
  let body;
  if (plans.isPending) body = <Loading />;
  else if (plans.isError) body = <ErrorState error={plans.error} retry={() => void plans.refetch()} />;
  else if (!plan) body = <EmptyState title={t('state.noPlan')} hint={t('state.noPlan.hint')} />;
  else body = <PlanLedger plan={plan} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ledger.title')}
      </Typography.Title>
      {plan ? <Typography.Text type="secondary">{[plan.title, plan.docNumber].filter(Boolean).join(' · ')}</Typography.Text> : null}
      {body}
    </Space>
  );
}

function PlanLedger({ plan }: { plan: Plan }) {
  const t = useT();
  const tasks = useQuery({ queryKey: ['tasks', plan.id], queryFn: ({ signal }) => api.get<Items<Task> & { total: number }>('/api/tasks', { planId: plan.id }, signal) });
  const sections = useQuery({ queryKey: ['sections', plan.id], queryFn: ({ signal }) => api.get<Items<Section>>('/api/sections', { planId: plan.id }, signal) });
  const dashboard = useQuery({ queryKey: ['dashboard', plan.id], queryFn: ({ signal }) => api.get<Dashboard>('/api/dashboard', { planId: plan.id }, signal) });
  const [params, setParams] = useSearchParams();
  const filter = (name: FilterName): string | undefined => params.get(name) ?? undefined;
  const setFilter = (name: FilterName, value: string | undefined): void =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  const rows = useMemo<Row[]>(() => {
    const lights = new Map(dashboard.data?.tasks.map((x) => [x.taskId, x.light]) ?? []);
    return (tasks.data?.items ?? []).map((task) => ({ ...task, light: lights.get(task.id) ?? null }));
  }, [tasks.data, dashboard.data]);

  const options = useMemo(() => {
    const leaders = new Map<number, string>();
    const units = new Map<number, string>();
    for (const task of rows) {
      for (const l of task.leaderRefs) leaders.set(l.id, l.name);
      for (const u of [...task.hostUnitRefs, ...task.coUnitRefs]) units.set(u.id, u.name);
    }
    const sorted = (m: Map<number, string>) => [...m].map(([value, label]) => ({ value: String(value), label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
    return {
      section: (sections.data?.items ?? []).map((s) => ({ value: String(s.id), label: `${s.number}、${s.title}` })),
      leader: sorted(leaders),
      unit: sorted(units),
      light: LIGHTS.map((light) => ({ value: light, label: t(`light.${light}`) })),
    };
  }, [rows, sections.data, t]);

  const section = filter('section');
  const leader = filter('leader');
  const unit = filter('unit');
  const light = filter('light');
  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          (section === undefined || String(r.sectionId) === section) &&
          (leader === undefined || r.leaderRefs.some((l) => String(l.id) === leader)) &&
          (unit === undefined || [...r.hostUnitRefs, ...r.coUnitRefs].some((u) => String(u.id) === unit)) &&
          (light === undefined || (r.light ?? 'none') === light),
      ),
    [rows, section, leader, unit, light],
  );

  if (tasks.isPending) return <Loading />;
  if (tasks.isError) return <ErrorState error={tasks.error} retry={() => void tasks.refetch()} />;
  if (rows.length === 0) return <EmptyState title={t('state.empty')} />;

  const filters: { name: FilterName; label: string; width: number }[] = [
    { name: 'section', label: t('ledger.filter.section'), width: 220 },
    { name: 'leader', label: t('ledger.filter.leader'), width: 140 },
    { name: 'unit', label: t('ledger.filter.unit'), width: 200 },
    { name: 'light', label: t('ledger.filter.light'), width: 120 },
  ];
  const filtered = filters.some((f) => filter(f.name) !== undefined);
  return (
    <Card size="small">
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        {filters.map((f) => (
          <Select
            key={f.name}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={f.label}
            aria-label={f.label}
            data-testid={`filter-${f.name}`}
            style={{ width: f.width, maxWidth: '100%' }}
            value={filter(f.name)}
            options={options[f.name]}
            onChange={(value: string | undefined) => setFilter(f.name, value)}
          />
        ))}
        {filtered ? (
          <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('ledger.filter.clear')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }} data-testid="ledger-count">
          {filtered ? t('ledger.shown', { shown: shown.length, total: rows.length }) : t('ledger.count', { n: rows.length })}
        </Typography.Text>
      </Flex>
      <LedgerTable rows={shown} />
    </Card>
  );
}

function LedgerTable({ rows }: { rows: Row[] }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const height = useViewportHeight();
  const wide = screens.xl === true;
  const medium = screens.lg === true;
  const list = (names: string[]) => names.join('、');
  // Fixed widths for every column but the task's text, which takes the rest (at least TEXT_MIN):
  // at 1280 px all columns fit; below 1200 px the co-units, below 992 px the leaders give way.
  const columns: ColumnsType<Row> = [
    { title: t('ledger.key'), dataIndex: 'key', key: 'key', width: 76, fixed: 'left', render: (key: string, row) => <Link to={`/tasks/${row.id}`}>{key}</Link> },
    { title: t('ledger.text'), dataIndex: 'text', key: 'text', ellipsis: true },
    ...(medium ? [{ title: t('ledger.leaders'), dataIndex: 'leaders', key: 'leaders', width: 110, ellipsis: true, render: list }] : []),
    { title: t('ledger.hostUnits'), dataIndex: 'hostUnits', key: 'hostUnits', width: wide ? 180 : 150, ellipsis: true, render: list },
    ...(wide ? [{ title: t('ledger.coUnits'), dataIndex: 'coUnits', key: 'coUnits', width: 180, ellipsis: true, render: list }] : []),
    { title: t('ledger.light'), dataIndex: 'light', key: 'light', width: 96, render: (light: Light | null) => (light ? <LightBadge light={light} /> : '—') },
    { title: t('ledger.deadline'), dataIndex: 'deadline', key: 'deadline', width: 100, render: (deadline: string | null, row) => deadline ?? row.deadlineText ?? '—' },
  ];
  const fixedWidth = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
  return (
    <Table<Row>
      virtual
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: fixedWidth + TEXT_MIN, y: Math.max(320, height - 300) }}
      locale={{ emptyText: <EmptyState title={t('ledger.noMatch')} /> }}
    />
  );
}
