/**
 * The dashboard (驾驶舱), first version: the plan's lights counted (a donut),
 * the lights of each section (stacked bars) and the lagging tasks, all from
 * GET /api/dashboard.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { LIGHTS, type Dashboard } from '../api-types';
import { LIGHT_COLORS, LightBadge } from '../components/Light';
import { GovernmentProfileCard } from '../components/GovernmentProfileCard';
import { LightReasons } from '../components/LightReasons';
import { LowerGovernmentsCard } from '../components/LowerGovernmentsCard';
import { RecentEvents } from '../components/RecentEvents';
import { EmptyState, Loading, QueryView } from '../components/States';
import { useT } from '../i18n';
import { dashboardQuery } from '../api/dashboard';
import { useChosenPlanId, useCurrentPlan } from '../api/plans';
import { ArchivedPlanBanner } from '../components/PlanSwitcher';

// ECharts is the largest part of this screen, in code and in work: the figures and the lists are
// painted first, the charts right after (useAfterPaint). Their chunk starts loading with this
// module, beside the dashboard's data.
const loadCharts = () => import('../charts/dashboard-charts');
void loadCharts();
const LightsDonut = lazy(() => loadCharts().then((m) => ({ default: m.LightsDonut })));
const SectionBars = lazy(() => loadCharts().then((m) => ({ default: m.SectionBars })));

/**
 * False until the browser has painted what the component rendered: the next frame, then a task
 * after it (or 200 ms, should frames be held back, as in a hidden tab).
 */
function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer = 0;
    const done = () => setPainted(true);
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(done, 0);
    });
    const fallback = window.setTimeout(done, 200);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      window.clearTimeout(fallback);
    };
  }, []);
  return painted;
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

export default function DashboardPage() {
  const t = useT();
  const query = useQuery(dashboardQuery(useChosenPlanId()));
  const { plans } = useCurrentPlan();
  const shown = plans.data?.items.find((p) => p.id === query.data?.planId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dashboard.title')}
      </Typography.Title>
      {/* The first-run step: the office confirms the government's name and the bulletin's head (ADR 0023). */}
      <GovernmentProfileCard firstRun />
      <ArchivedPlanBanner plan={shown} />
      <QueryView query={query} notFound={<EmptyState title={t('state.noPlan')} hint={t('state.noPlan.hint')} />}>
        {(data) => <DashboardBody data={data} />}
      </QueryView>
    </Space>
  );
}

function DashboardBody({ data }: { data: Dashboard }) {
  const t = useT();
  const charts = useAfterPaint();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('dashboard.total')} value={data.total} data-testid="dashboard-total" />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('dashboard.timeProgress')} value={percent(data.timeProgress)} />
            <Typography.Text type="secondary">{t('dashboard.asOf', { date: data.asOf })}</Typography.Text>
          </Card>
        </Col>
        {LIGHTS.map((light) => (
          <Col xs={12} md={8} xl={4} key={light}>
            <Card size="small">
              <Statistic
                title={<LightBadge light={light} />}
                value={data.lights[light]}
                styles={{ content: { color: LIGHT_COLORS[light] } }}
                data-testid={`light-count-${light}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('dashboard.lights')} size="small">
            <Suspense fallback={<Loading />}>{charts ? <LightsDonut data={data} /> : <Loading />}</Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('dashboard.bySection')} size="small">
            <Suspense fallback={<Loading />}>{charts ? <SectionBars data={data} /> : <Loading />}</Suspense>
          </Card>
        </Col>
      </Row>
      <LowerGovernmentsCard />
      <Card title={t('dashboard.lagging')} size="small">
        <LaggingTasks data={data} />
      </Card>
      <Card title={t('dashboard.events')} size="small">
        <RecentEvents planId={data.planId} />
      </Card>
    </Space>
  );
}

/** Reasons shown under a lagging task before 另有 N 条原因. */
const REASONS_SHOWN = 3;

/** A plain list, not a Table: the table and its pagination would double what this screen loads. Each task's reasons under it. */
function LaggingTasks({ data }: { data: Dashboard }) {
  const t = useT();
  if (data.lagging.length === 0) return <EmptyState title={t('dashboard.lagging.none')} />;
  return (
    <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="lagging-tasks">
      {data.lagging.map((row) => (
        <li key={row.taskId} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Link to={`/tasks/${row.taskId}`} style={{ minWidth: 56 }}>
            {row.key}
          </Link>
          <LightBadge light={row.light} />
          <span style={{ flex: '1 1 320px', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={row.text}>
            {row.text}
          </span>
          <Typography.Text type="secondary">{row.hostUnits.join('、')}</Typography.Text>
          {row.reportOverdue ? <Tag color="red">{t('dashboard.overdue')}</Tag> : null}
          {row.behindPoints !== null ? <Tag>{t('dashboard.behind', { n: Math.round(row.behindPoints) })}</Tag> : null}
          <div style={{ flex: '1 0 100%', paddingLeft: 64 }}>
            <LightReasons reasons={row.reasons} limit={REASONS_SHOWN} testId={`lagging-reasons-${row.taskId}`} />
          </div>
        </li>
      ))}
      {data.pages.lagging.total > data.lagging.length ? (
        <li style={{ padding: '8px 0' }} data-testid="lagging-more">
          <Link to="/ledger?light=red">{t('dashboard.lagging.more', { n: data.lagging.length, total: data.pages.lagging.total })}</Link>
        </li>
      ) : null}
    </ol>
  );
}
