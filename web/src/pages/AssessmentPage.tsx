/**
 * The assessment (考核排名, GET /api/assessment): the ranking as a table and
 * a bar chart; a unit's statement (GET /api/assessment/units/:id) lists every
 * item with its points and what it came from.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Drawer, Row, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import type { RankingRow, StatementItem } from '../api-types';
import { assessmentQuery, unitStatementQuery } from '../api/assessment';
import { EmptyState, Loading, QueryView } from '../components/States';
import { useT, type MessageKey, type Translate } from '../i18n';

const RankingBars = lazy(() => import('../charts/assessment-chart').then((m) => ({ default: m.RankingBars })));

const FROM: Record<StatementItem['objectType'], MessageKey> = {
  report: 'assess.from.report',
  task: 'assess.from.task',
  target: 'assess.from.target',
  order: 'assess.from.order',
};

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

export default function AssessmentPage() {
  const t = useT();
  const [unitId, setUnitId] = useState<number | null>(null);
  const ranking = useQuery(assessmentQuery());
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
                    scroll={{ x: 760 }}
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
                      { title: t('assess.onTime'), dataIndex: 'onTime', key: 'onTime', width: 80 },
                      { title: t('assess.late'), dataIndex: 'late', key: 'late', width: 80 },
                      { title: t('assess.returned'), dataIndex: 'returned', key: 'returned', width: 70 },
                      { title: t('assess.redMonths'), dataIndex: 'redMonths', key: 'redMonths', width: 80 },
                      { title: t('assess.unanswered'), dataIndex: 'unansweredOrders', key: 'unanswered', width: 90 },
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
  const statement = useQuery(unitStatementQuery(unitId));
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
                  title: t('assess.points'),
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
