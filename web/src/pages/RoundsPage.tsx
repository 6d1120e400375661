/**
 * Reporting rounds (调度期次): the list (GET /api/rounds) with each round's
 * figure, the same for every role (reports sent of those owed, with those on
 * time and accepted), and beside it the caller's own part, labelled (本单位 or
 * 分管任务); with round.manage, open a monthly or ad hoc round (POST
 * /api/rounds) and close an open one (POST /api/rounds/:id/close with its version).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { messageOf } from '../api';
import type { Round, RoundKind } from '../api-types';
import { useCurrentPlan } from '../api/plans';
import { roundsQuery, useCloseRound, useOpenRound } from '../api/rounds';
import { ConflictNotice } from '../components/ConflictNotice';
import { EmptyState, QueryView } from '../components/States';
import { useT, type MessageKey } from '../i18n';
import { can, useMe } from '../api/session';
import { ArchivedPlanBanner } from '../components/PlanSwitcher';

/** What the form's date pickers give (a dayjs value). */
interface DateValue {
  format: (template: string) => string;
}
const KIND_KEY: Record<RoundKind, MessageKey> = { monthly: 'rounds.kind.monthly', quarterly: 'rounds.kind.quarterly', adhoc: 'rounds.kind.adhoc' };

/** The round's figure (sent of owed), the same for everyone, then the caller's own part as a labelled tag. */
function RoundProgress({ round }: { round: Round }) {
  const t = useT();
  const f = round.figure;
  if (!f) return <Typography.Text type="secondary">—</Typography.Text>;
  const mine = round.mine;
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }} data-testid="round-figure">
      <Progress percent={f.share === null ? 0 : Math.round(f.share * 100)} size="small" />
      <Typography.Text type="secondary">{t('rounds.figure', { sent: f.sent, owed: f.owed, onTime: f.onTime, accepted: f.accepted })}</Typography.Text>
      {mine ? (
        <Tag color="blue" data-testid="round-mine">
          {t(mine.scope === 'unit' ? 'rounds.mine.unit' : 'rounds.mine.leader', { sent: mine.sent, owed: mine.owed })}
        </Tag>
      ) : null}
    </Space>
  );
}

export default function RoundsPage() {
  const t = useT();
  const me = useMe();
  const manage = can(me.data, 'round.manage');
  // The rounds of the plan every screen shows (the plan switcher's); a round is opened on it, never on an archived one.
  const { plan } = useCurrentPlan();
  const rounds = useQuery({ ...roundsQuery(plan?.id), enabled: plan !== undefined });
  const [opening, setOpening] = useState(false);
  const [form] = Form.useForm<{ kind: RoundKind; label: string; periodEnd: DateValue; dueOn: DateValue }>();
  const open = useOpenRound({
    onSuccess: () => {
      setOpening(false);
      void message.success(t('rounds.opened'));
    },
  });
  const close = useCloseRound({ onSuccess: () => void message.success(t('rounds.closed')) });
  const planId = manage && !plan?.archived ? plan?.id : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rounds.title')}
        </Typography.Title>
        {manage && !plan?.archived ? (
          <Button type="primary" disabled={planId === undefined} onClick={() => setOpening(true)}>
            {t('rounds.open')}
          </Button>
        ) : null}
      </Space>
      <ArchivedPlanBanner plan={plan} />
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
                  { title: t('rounds.col.progress'), key: 'progress', render: (_: unknown, r) => <RoundProgress round={r} /> },
                  ...(manage && !plan?.archived
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
