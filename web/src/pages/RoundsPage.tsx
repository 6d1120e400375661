/**
 * Reporting rounds (调度期次): the list (GET /api/rounds) with each round's
 * report progress (GET /api/reports?roundId=, counted by status); with
 * round.manage, open a monthly or ad hoc round (POST /api/rounds) and close
 * an open one (POST /api/rounds/:id/close with its version).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { messageOf } from '../api';
import type { ReportStatus, Round, RoundKind } from '../api-types';
import { useCurrentPlan } from '../api/plans';
import { reportsQuery } from '../api/reports';
import { roundsQuery, useCloseRound, useOpenRound } from '../api/rounds';
import { useWorkflowLabels } from '../api/workflows';
import { ConflictNotice } from '../components/ConflictNotice';
import { EmptyState, QueryView } from '../components/States';
import { useT, type MessageKey } from '../i18n';
import { can, useMe } from '../api/session';

/** What the form's date pickers give (a dayjs value). */
interface DateValue {
  format: (template: string) => string;
}
const STATUSES: readonly ReportStatus[] = ['draft', 'approved', 'submitted', 'accepted', 'returned'];
const KIND_KEY: Record<RoundKind, MessageKey> = { monthly: 'rounds.kind.monthly', quarterly: 'rounds.kind.quarterly', adhoc: 'rounds.kind.adhoc' };

function RoundProgress({ roundId }: { roundId: number }) {
  const t = useT();
  const labels = useWorkflowLabels();
  const reports = useQuery(reportsQuery({ roundId }));
  if (reports.isPending) return <Typography.Text type="secondary">{t('state.loading')}</Typography.Text>;
  if (reports.isError) return <Typography.Text type="danger">{messageOf(reports.error)}</Typography.Text>;
  const total = reports.data.items.length;
  const count = (s: ReportStatus) => reports.data.items.filter((r) => r.status === s).length;
  const accepted = count('accepted');
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      <Progress percent={total === 0 ? 0 : Math.round((accepted / total) * 100)} size="small" />
      <Space size={[4, 4]} wrap>
        {STATUSES.map((s) => (
          <Tag key={s}>{`${labels.state('report', s)} ${count(s)}`}</Tag>
        ))}
      </Space>
    </Space>
  );
}

export default function RoundsPage() {
  const t = useT();
  const me = useMe();
  const manage = can(me.data, 'round.manage');
  const rounds = useQuery(roundsQuery());
  // A round is opened on the plan every screen shows (the newest).
  const { plan } = useCurrentPlan();
  const [opening, setOpening] = useState(false);
  const [form] = Form.useForm<{ kind: RoundKind; label: string; periodEnd: DateValue; dueOn: DateValue }>();
  const open = useOpenRound({
    onSuccess: () => {
      setOpening(false);
      void message.success(t('rounds.opened'));
    },
  });
  const close = useCloseRound({ onSuccess: () => void message.success(t('rounds.closed')) });
  const planId = manage ? plan?.id : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rounds.title')}
        </Typography.Title>
        {manage ? (
          <Button type="primary" disabled={planId === undefined} onClick={() => setOpening(true)}>
            {t('rounds.open')}
          </Button>
        ) : null}
      </Space>
      <ConflictNotice conflict={close.conflict} />
      {close.problem ? <Alert type="error" showIcon title={messageOf(close.problem)} /> : null}
      <QueryView query={rounds}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('rounds.empty')} />
          ) : (
            <Card size="small">
              <Table
                size="small"
                rowKey="id"
                dataSource={data.items}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 860 }}
                columns={[
                  { title: t('rounds.col.label'), dataIndex: 'label', key: 'label', width: 120 },
                  { title: t('rounds.col.kind'), key: 'kind', width: 90, render: (_: unknown, r) => t(KIND_KEY[r.kind]) },
                  { title: t('rounds.col.periodEnd'), dataIndex: 'periodEnd', key: 'periodEnd', width: 110 },
                  { title: t('rounds.col.dueOn'), dataIndex: 'dueOn', key: 'dueOn', width: 110 },
                  {
                    title: t('rounds.col.status'),
                    key: 'status',
                    width: 90,
                    render: (_: unknown, r) =>
                      r.status === 'open' ? <Tag color="blue">{t('rounds.open.status')}</Tag> : <Tag>{t('rounds.closed.status')}</Tag>,
                  },
                  { title: t('rounds.col.progress'), key: 'progress', render: (_: unknown, r) => <RoundProgress roundId={r.id} /> },
                  ...(manage
                    ? [
                        {
                          title: t('rounds.col.actions'),
                          key: 'actions',
                          width: 100,
                          render: (_: unknown, r: Round) =>
                            r.status === 'open' ? (
                              <Popconfirm
                                title={t('rounds.close.confirm', { label: r.label })}
                                okText={t('rounds.close')}
                                cancelText={t('review.return.cancel')}
                                onConfirm={() => close.mutate(r)}
                              >
                                <Button size="small" danger loading={close.isPending && close.variables.id === r.id}>
                                  {t('rounds.close')}
                                </Button>
                              </Popconfirm>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          )
        }
      </QueryView>
      <Modal
        open={opening}
        title={t('rounds.open')}
        okText={t('rounds.open.ok')}
        cancelText={t('review.return.cancel')}
        okButtonProps={{ loading: open.isPending }}
        onCancel={() => setOpening(false)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => {
              if (planId === undefined) return;
              open.mutate({ planId, kind: v.kind, label: v.label.trim(), periodEnd: v.periodEnd.format('YYYY-MM-DD'), dueOn: v.dueOn.format('YYYY-MM-DD') });
            })
            // The form shows what is missing; nothing else to do.
            .catch(() => undefined)
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'monthly' }}>
          <Form.Item name="kind" label={t('rounds.col.kind')} rules={[{ required: true }]}>
            <Select options={(['monthly', 'quarterly', 'adhoc'] as const).map((k) => ({ value: k, label: t(KIND_KEY[k]) }))} />
          </Form.Item>
          <Form.Item
            name="label"
            label={t('rounds.col.label')}
            rules={[{ required: true, whitespace: true, message: t('rounds.label.required') }]}
            extra={t('rounds.label.hint')}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="periodEnd" label={t('rounds.col.periodEnd')} rules={[{ required: true, message: t('rounds.date.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('rounds.col.dueOn')} rules={[{ required: true, message: t('rounds.date.required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
        {open.isError ? <Alert type="error" showIcon title={messageOf(open.error)} /> : null}
      </Modal>
    </Space>
  );
}
