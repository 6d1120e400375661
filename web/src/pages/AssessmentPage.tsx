/**
 * The assessment (考核排名, GET /api/assessment): the ranking as a table of
 * each unit's rates (reports on time of those due, returns of those sent, red
 * task-months, targets met, orders not answered in time) and a bar chart; a
 * unit's statement (GET /api/assessment/units/:id) shows each rule's rate and
 * points, then every item with its share and what it came from.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Drawer, Row, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import type { RankingRow, ScoreLine, ScoringBasis, ScoringRule, StatementItem } from '../api-types';
import { assessmentQuery, unitStatementQuery } from '../api/assessment';
import { EmptyState, Loading, QueryView } from '../components/States';
import { useT, type MessageKey, type Translate } from '../i18n';
import { useChosenPlanId } from '../api/plans';

const RankingBars = lazy(() => import('../charts/assessment-chart').then((m) => ({ default: m.RankingBars })));

const FROM: Record<StatementItem['objectType'], MessageKey> = {
  report: 'assess.from.report',
  task: 'assess.from.task',
  target: 'assess.from.target',
  order: 'assess.from.order',
};

const RULE: Record<ScoringRule, MessageKey> = {
  reportOnTime: 'assess.rule.reportOnTime',
  lateReport: 'assess.rule.lateReport',
  returned: 'assess.rule.returned',
  redMonth: 'assess.rule.redMonth',
  targetMet: 'assess.rule.targetMet',
  unmetTarget: 'assess.rule.unmetTarget',
  unansweredOrder: 'assess.rule.unansweredOrder',
};

const BASIS: Record<ScoringBasis, MessageKey> = {
  reportsDue: 'assess.basis.reportsDue',
  reportsSent: 'assess.basis.reportsSent',
  taskMonths: 'assess.basis.taskMonths',
  targets: 'assess.basis.targets',
  ordersDue: 'assess.basis.ordersDue',
};

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

/** A rule's rate as the ranking shows it: "15/18 · 83.3%", or — when the unit owed nothing of the kind. */
function rateText(row: RankingRow, rule: ScoringRule): string {
  const line = row.lines.find((l) => l.rule === rule);
  if (!line || line.rate === null) return '—';
  return `${line.count}/${line.of} · ${percent(line.rate)}`;
}

const rateColumn = (t: Translate, rule: ScoringRule, title: MessageKey, width = 120) => ({
  title: t(title),
  key: rule,
  width,
  render: (_: unknown, r: RankingRow) => rateText(r, rule),
});

export default function AssessmentPage() {
  const t = useT();
  const [unitId, setUnitId] = useState<number | null>(null);
  const ranking = useQuery(assessmentQuery(useChosenPlanId()));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="baseline" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('assess.title')}
        </Typography.Title>
        {ranking.data ? <Typography.Text type="secondary">{t('assess.asOf', { date: ranking.data.asOf })}</Typography.Text> : null}
      </Space>
      <QueryView query={ranking} notFound={<EmptyState title={t('state.noPlan')} hint={t('state.noPlan.hint')} />}>
        {(data) =>
          data.ranking.length === 0 ? (
            <EmptyState title={t('assess.none')} />
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card size="small">
                  <Table
                    size="small"
                    rowKey="unitId"
                    dataSource={data.ranking}
                    pagination={false}
                    scroll={{ x: 860 }}
                    data-testid="ranking-table"
                    columns={[
                      { title: t('assess.rank'), dataIndex: 'rank', key: 'rank', width: 64 },
                      {
                        title: t('assess.unit'),
                        key: 'unit',
                        render: (_: unknown, r: RankingRow) => (
                          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setUnitId(r.unitId)} data-testid="ranking-unit">
                            {r.unitName}
                          </Button>
                        ),
                      },
                      { title: t('assess.total'), dataIndex: 'total', key: 'total', width: 80 },
                      rateColumn(t, 'reportOnTime', 'assess.onTime'),
                      rateColumn(t, 'returned', 'assess.returned'),
                      rateColumn(t, 'redMonth', 'assess.redMonths'),
                      rateColumn(t, 'targetMet', 'assess.targetsMet'),
                      rateColumn(t, 'unansweredOrder', 'assess.unanswered'),
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={t('assess.chart')}>
                  <Suspense fallback={<Loading />}>
                    <RankingBars rows={data.ranking} />
                  </Suspense>
                </Card>
              </Col>
            </Row>
          )
        }
      </QueryView>
      <Typography.Text type="secondary">{t('assess.rule.hint')}</Typography.Text>
      <Drawer open={unitId !== null} onClose={() => setUnitId(null)} size="large" title={t('assess.detail')} destroyOnHidden>
        {unitId !== null ? <StatementView unitId={unitId} /> : null}
      </Drawer>
    </Space>
  );
}

function source(t: Translate, item: StatementItem) {
  const text = t(FROM[item.objectType], { id: item.objectId });
  if (item.objectType === 'order') return <Link to="/orders">{text}</Link>;
  if (item.taskId !== null) return <Link to={`/tasks/${item.taskId}`}>{text}</Link>;
  return text;
}

function StatementView({ unitId }: { unitId: number }) {
  const t = useT();
  const statement = useQuery(unitStatementQuery(unitId, useChosenPlanId()));
  return (
    <QueryView query={statement}>
      {(s) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="statement-title">
            {t('assess.statement', { unit: s.unitName, rank: s.rank ?? '—', total: s.total })}
          </Typography.Title>
          <Typography.Text>
            {t('assess.base')}：{s.base}
          </Typography.Text>
          <Table
            size="small"
            rowKey="rule"
            dataSource={s.lines}
            pagination={false}
            data-testid="statement-lines"
            columns={[
              { title: t('assess.line.rule'), key: 'rule', render: (_: unknown, l: ScoreLine) => t(RULE[l.rule]) },
              {
                title: t('assess.line.count'),
                key: 'count',
                render: (_: unknown, l: ScoreLine) => `${l.count} / ${l.of}（${t(BASIS[l.basis])}）`,
              },
              { title: t('assess.line.rate'), key: 'rate', width: 80, render: (_: unknown, l: ScoreLine) => (l.rate === null ? '—' : percent(l.rate)) },
              { title: t('assess.line.weight'), dataIndex: 'weight', key: 'weight', width: 80, render: (w: number) => signed(w) },
              {
                title: t('assess.line.points'),
                dataIndex: 'points',
                key: 'points',
                width: 80,
                render: (p: number) => <span style={{ color: p < 0 ? '#cf1322' : p > 0 ? '#389e0d' : undefined }}>{signed(p)}</span>,
              },
            ]}
          />
          {s.items.length === 0 ? (
            <EmptyState title={t('assess.items.none')} />
          ) : (
            <Table
              size="small"
              rowKey="i"
              dataSource={s.items.map((item, i) => ({ ...item, i }))}
              pagination={s.items.length > 50 ? { pageSize: 50 } : false}
              columns={[
                { title: t('assess.at'), dataIndex: 'at', key: 'at', width: 110, render: (at: string) => at.slice(0, 10) },
                { title: t('assess.item'), dataIndex: 'label', key: 'label' },
                {
                  title: t('assess.share'),
                  dataIndex: 'points',
                  key: 'points',
                  width: 70,
                  render: (p: number) => <span style={{ color: p < 0 ? '#cf1322' : '#389e0d' }}>{signed(p)}</span>,
                },
                { title: t('assess.from'), key: 'from', width: 120, render: (_: unknown, item: StatementItem) => source(t, item) },
              ]}
            />
          )}
        </Space>
      )}
    </QueryView>
  );
}
