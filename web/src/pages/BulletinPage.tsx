/**
 * One bulletin (通报, GET /api/bulletins/:id) previewed as the document will
 * read: letterhead, number and title, the summary figures, the lights by
 * section (a chart), the lagging tasks with their units, good examples,
 * overdue reports, open supervision orders, the office's requirements
 * (下步工作要求, editable on a draft) and the copy line. A draft's
 * 刷新数据 takes the figures again from the live ledger and 签发 issues it
 * (PATCH and POST …/issue with the version read), each offered by the
 * bulletin's own `actions`.
 */
import { useQuery } from '@tanstack/react-query';
import { PrinterOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../api';
import { LIGHTS, type Bulletin, type BulletinContent, type BulletinTask } from '../api-types';
import { bulletinQuery, useBulletinChange as useChange } from '../api/bulletins';
import { BulletinDownloads, BulletinStatus } from '../components/bulletin-parts';
import { ConflictNotice } from '../components/ConflictNotice';
import { LightBadge } from '../components/Light';
import { EmptyState, Loading, NotFoundState, QueryView } from '../components/States';
import { formatTime } from '../format';
import { useI18n, useT, type MessageKey } from '../i18n';

const loadCharts = () => import('../charts/bulletin-charts');
const BulletinSectionBars = lazy(() => loadCharts().then((m) => ({ default: m.BulletinSectionBars })));

const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

export default function BulletinPage() {
  const t = useT();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useQuery({ ...bulletinQuery(id), enabled: valid });
  if (!valid) return <NotFoundState />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/bulletins">{t('bulletin.back')}</Link>
      <QueryView query={query} notFound={<EmptyState title={t('bulletin.notFound')} />}>
        {(bulletin) => <BulletinView bulletin={bulletin} />}
      </QueryView>
    </Space>
  );
}

/** The draft's changes (refresh, remarks, issue), with the version shown; a conflict reloads the bulletin. */
function useBulletinChange() {
  const { message } = AntApp.useApp();
  const t = useT();
  return useChange({
    onSuccess: (_, { kind }) =>
      void message.success(t(kind === 'issue' ? 'bulletin.issued' : kind === 'refresh' ? 'bulletin.refreshed' : 'bulletin.remarks.saved')),
    onError: (error) => void message.error(messageOf(error)),
  });
}

function BulletinView({ bulletin }: { bulletin: Bulletin }) {
  const t = useT();
  const { locale } = useI18n();
  const { modal } = AntApp.useApp();
  const change = useBulletinChange();
  const mayWrite = bulletin.actions.includes('bulletin.write');
  const mayIssue = bulletin.actions.includes('bulletin.issue');
  const confirmIssue = () =>
    void modal.confirm({
      title: t('bulletin.issue.title'),
      content: t('bulletin.issue.confirm', { title: bulletin.title }),
      okText: t('bulletin.issue'),
      cancelText: t('common.cancel'),
      onOk: () => change.mutateAsync({ kind: 'issue', bulletin }).catch(() => undefined),
    });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {bulletin.title}
        </Typography.Title>
        <Space wrap>
          {mayWrite ? (
            <Button
              icon={<ReloadOutlined />}
              loading={change.isPending && change.variables?.kind === 'refresh'}
              onClick={() => change.mutate({ kind: 'refresh', bulletin })}
            >
              {t('bulletin.refresh')}
            </Button>
          ) : null}
          <Link to={`/bulletins/${bulletin.id}/print`} data-testid="bulletin-print">
            <Button icon={<PrinterOutlined />}>{t('print.print')}</Button>
          </Link>
          {mayIssue ? (
            <Button type="primary" icon={<SendOutlined />} onClick={confirmIssue}>
              {t('bulletin.issue')}
            </Button>
          ) : null}
        </Space>
      </Space>
      <ConflictNotice conflict={change.conflict} title={t('bulletin.stale')} />
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'status', label: t('bulletin.status'), children: <BulletinStatus bulletin={bulletin} /> },
            { key: 'number', label: t('bulletin.number'), children: bulletin.documentNumber ?? t('bulletin.number.draft') },
            { key: 'period', label: t('bulletin.period'), children: bulletin.periodLabel },
            { key: 'asOf', label: t('bulletin.asOf'), children: bulletin.asOf },
            { key: 'issuedAt', label: t('bulletin.issuedAt'), children: formatTime(bulletin.issuedAt, locale) },
            { key: 'download', label: t('bulletin.download'), children: <BulletinDownloads bulletin={bulletin} /> },
          ]}
        />
        {bulletin.status === 'draft' ? <Alert type="info" showIcon title={t('bulletin.draftHint')} style={{ marginTop: 8 }} /> : null}
      </Card>
      {bulletin.content ? (
        <Preview content={bulletin.content} bulletin={bulletin} editable={mayWrite} change={change} />
      ) : (
        <EmptyState title={t('bulletin.noContent')} />
      )}
    </Space>
  );
}

/** The document's body, in its reading order (also the print view's, BulletinPrintPage, which edits nothing). */
export function Preview({
  content,
  bulletin,
  editable,
  change,
}: {
  content: BulletinContent;
  bulletin: Bulletin;
  editable: boolean;
  change?: ReturnType<typeof useBulletinChange>;
}) {
  const t = useT();
  const s = content.summary;
  const heading = (n: number, key: MessageKey): ReactNode => (
    <Typography.Title level={4} style={{ marginTop: 24 }}>
      {t(`bulletin.h${n}` as MessageKey)}
      {t(key)}
    </Typography.Title>
  );
  return (
    <Card size="small" data-testid="bulletin-preview" styles={{ body: { maxWidth: 900, margin: '0 auto', padding: '24px 32px' } }}>
      <div style={{ textAlign: 'center', color: '#b71c1c', fontSize: 28, fontWeight: 700, letterSpacing: 4 }}>{content.mark ?? content.issuer}</div>
      {/* A draft has no number until it is issued. */}
      <div style={{ textAlign: 'center', margin: '8px 0', paddingBottom: 8, borderBottom: '2px solid #b71c1c' }}>
        {content.documentNumber || t('bulletin.number.draft')}
      </div>
      <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 24 }}>
        {content.title}
      </Typography.Title>
      {content.recipients ? <Typography.Paragraph>{content.recipients}：</Typography.Paragraph> : null}
      <Typography.Paragraph data-testid="bulletin-summary">
        {t('bulletin.summary', {
          asOf: content.asOf,
          plan: content.plan.title,
          tasks: s.tasks,
          green: s.lights.green,
          yellow: s.lights.yellow,
          red: s.lights.red,
          none: s.lights.none,
          completed: s.completed,
          time: percent(content.timeProgress),
        })}
        {t('bulletin.summary.targets', { reported: s.targetsReported, onPace: s.targetsOnPace })}
        {t('bulletin.summary.reports', { owed: s.reportsOwed, onTime: s.reportsOnTime, late: s.reportsLate })}
      </Typography.Paragraph>
      <Space wrap size="middle" style={{ marginBottom: 8 }}>
        {LIGHTS.map((light) => (
          <Tag key={light} style={{ fontSize: 14, padding: '2px 8px' }}>
            <LightBadge light={light} /> {s.lights[light]}
          </Tag>
        ))}
      </Space>

      {heading(1, 'bulletin.sections')}
      {content.sections.length === 0 ? (
        <EmptyState title={t('state.empty')} />
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <BulletinSectionBars sections={content.sections} />
          </Suspense>
          <Table
            size="small"
            rowKey={(r) => `${r.number}-${r.title}`}
            pagination={false}
            dataSource={content.sections}
            scroll={{ x: 600 }}
            columns={[
              { title: t('bulletin.section'), key: 'title', render: (_: unknown, r) => `${r.number}、${r.title}` },
              { title: t('bulletin.tasks'), dataIndex: 'tasks', key: 'tasks', width: 80 },
              ...LIGHTS.map((light) => ({
                title: t(`light.${light}`),
                key: light,
                width: 80,
                render: (_: unknown, r: BulletinContent['sections'][number]) => r.lights[light],
              })),
            ]}
          />
        </>
      )}

      {heading(2, 'bulletin.lagging')}
      <TaskList tasks={content.lagging} empty={t('bulletin.lagging.none')} testId="bulletin-lagging" />

      {heading(3, 'bulletin.good')}
      <TaskList tasks={content.goodExamples} empty={t('bulletin.good.none')} testId="bulletin-good" />

      {heading(4, 'bulletin.overdue')}
      {content.overdueReports.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('bulletin.overdue.none')}</Typography.Paragraph>
      ) : (
        <Table
          size="small"
          rowKey={(r) => `${r.taskNumber}-${r.unit}-${r.dueDate}`}
          pagination={false}
          dataSource={content.overdueReports}
          scroll={{ x: 600 }}
          data-testid="bulletin-overdue"
          columns={[
            { title: t('bulletin.task'), key: 'task', render: (_: unknown, r) => `${r.taskNumber}. ${r.taskTitle}` },
            { title: t('bulletin.unit'), dataIndex: 'unit', key: 'unit', width: 180 },
            { title: t('bulletin.dueDate'), dataIndex: 'dueDate', key: 'dueDate', width: 110 },
            { title: t('bulletin.daysLate'), dataIndex: 'daysLate', key: 'daysLate', width: 90 },
          ]}
        />
      )}

      {heading(5, 'bulletin.orders')}
      {content.openOrders.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('bulletin.orders.none')}</Typography.Paragraph>
      ) : (
        <Table
          size="small"
          rowKey="number"
          pagination={false}
          dataSource={content.openOrders}
          scroll={{ x: 700 }}
          data-testid="bulletin-orders"
          columns={[
            { title: t('bulletin.orderNumber'), dataIndex: 'number', key: 'number', width: 170 },
            {
              title: t('bulletin.grade'),
              key: 'grade',
              width: 90,
              render: (_: unknown, r) => <Tag color={r.grade === 'yellow' ? 'gold' : r.grade}>{t(`orders.grade.${r.grade}` as MessageKey)}</Tag>,
            },
            { title: t('bulletin.task'), dataIndex: 'taskNumber', key: 'task', width: 70 },
            { title: t('bulletin.unit'), dataIndex: 'unit', key: 'unit' },
            { title: t('bulletin.respondBy'), dataIndex: 'respondBy', key: 'respondBy', width: 110 },
          ]}
        />
      )}

      {heading(6, 'bulletin.remarks')}
      {editable && change ? (
        <RemarksEditor key={bulletin.version} bulletin={bulletin} change={change} />
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{content.remarks || t('bulletin.remarks.none')}</Typography.Paragraph>
      )}

      <div style={{ marginTop: 32, textAlign: 'right' }}>
        <div>{content.issuer}</div>
        <div>{content.date}</div>
      </div>
      <div style={{ marginTop: 24, paddingTop: 8, borderTop: '1px solid #000', borderBottom: '1px solid #000', paddingBottom: 8 }}>
        {content.copyTo ? <div>{t('bulletin.copyTo', { to: content.copyTo })}</div> : null}
        <div>{content.printedBy}</div>
      </div>
    </Card>
  );
}

function TaskList({ tasks, empty, testId }: { tasks: BulletinTask[]; empty: string; testId: string }) {
  const t = useT();
  if (tasks.length === 0) return <Typography.Paragraph type="secondary">{empty}</Typography.Paragraph>;
  return (
    <ol style={{ paddingLeft: 24 }} data-testid={testId}>
      {tasks.map((task) => (
        <li key={task.number} style={{ marginBottom: 8 }}>
          <Space size={8} wrap>
            <strong>{task.title}</strong>
            <LightBadge light={task.light} />
          </Space>
          <div>
            {t('bulletin.task.units', { units: task.hostUnits.join('、') || '—' })}
            {task.leaders.length > 0 ? `；${t('bulletin.task.leaders', { leaders: task.leaders.join('、') })}` : ''}
          </div>
          <Typography.Text type="secondary">
            {task.reasons !== undefined && task.reasons.length > 0 ? task.reasons.join('；') : [task.progress, task.reason].filter(Boolean).join('；')}
          </Typography.Text>
        </li>
      ))}
    </ol>
  );
}

function RemarksEditor({ bulletin, change }: { bulletin: Bulletin; change: ReturnType<typeof useBulletinChange> }) {
  const t = useT();
  const initial = bulletin.remarks;
  const [text, setText] = useState(initial);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 16 }}
        maxLength={20000}
        placeholder={t('bulletin.remarks.placeholder')}
        aria-label={t('bulletin.remarks')}
        data-testid="bulletin-remarks"
      />
      <Button
        disabled={text === initial}
        loading={change.isPending && change.variables?.kind === 'remarks'}
        onClick={() => change.mutate({ kind: 'remarks', bulletin, remarks: text })}
      >
        {t('bulletin.remarks.save')}
      </Button>
    </Space>
  );
}
