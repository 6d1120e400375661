/**
 * Supervision orders (督办单, GET /api/orders): grade, number, unit, task,
 * status and respond-by; the office issues one (POST /api/orders); a unit
 * signs and answers, the office closes, each as the order's own
 * `allowedActions` says.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, messageOf } from '../api';
import type { BodyOf, Order, OrderGrade, OrderStatus, ResponseOf } from '../api-types';
import { EmptyState, QueryView } from '../components/States';
import { useT, type MessageKey } from '../i18n';
import { can, useMe } from '../api/session';

const GRADE_COLORS: Record<OrderGrade, string> = { blue: 'blue', yellow: 'gold', red: 'red' };
const STATUS_COLORS: Record<OrderStatus, string> = { issued: 'orange', signed: 'processing', answered: 'cyan', closed: 'default' };

export default function OrdersPage() {
  const t = useT();
  const me = useMe();
  const [issuing, setIssuing] = useState(false);
  const orders = useQuery({ queryKey: ['orders'], queryFn: ({ signal }) => api.get<ResponseOf<'GET /api/orders'>>('/api/orders', undefined, signal) });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('orders.title')}
        </Typography.Title>
        {can(me.data, 'order.issue') ? (
          <Button type="primary" onClick={() => setIssuing(true)}>
            {t('orders.issue')}
          </Button>
        ) : null}
      </Space>
      <QueryView query={orders}>{(data) => (data.items.length === 0 ? <EmptyState title={t('orders.none')} /> : <OrdersTable orders={data.items} />)}</QueryView>
      {issuing ? <IssueModal onClose={() => setIssuing(false)} /> : null}
    </Space>
  );
}

function OrdersTable({ orders }: { orders: Order[] }) {
  const t = useT();
  const [acting, setActing] = useState<{ order: Order; kind: 'respond' | 'close' } | null>(null);
  const sign = useOrderAction();
  return (
    <Card size="small">
      <Table
        size="small"
        rowKey="id"
        dataSource={orders}
        pagination={orders.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (o) => (
            <Space orientation="vertical" size={4}>
              <span>
                <strong>{t('orders.reason')}：</strong>
                {o.reason}
              </span>
              {o.response ? (
                <span>
                  <strong>{t('orders.response')}：</strong>
                  {o.response}
                </span>
              ) : null}
              {o.closeComment ? (
                <span>
                  <strong>{t('orders.closeComment')}：</strong>
                  {o.closeComment}
                </span>
              ) : null}
            </Space>
          ),
        }}
        columns={[
          { title: t('orders.grade'), key: 'grade', width: 110, render: (_: unknown, o: Order) => <Tag color={GRADE_COLORS[o.grade]} data-grade={o.grade}>{t(`orders.grade.${o.grade}` as MessageKey)}</Tag> },
          { title: t('orders.number'), dataIndex: 'number', key: 'number', width: 170 },
          { title: t('orders.unit'), dataIndex: 'unitName', key: 'unit' },
          { title: t('orders.task'), key: 'task', width: 90, render: (_: unknown, o: Order) => <Link to={`/tasks/${o.taskId}`}>{o.taskKey}</Link> },
          { title: t('orders.status'), key: 'status', width: 100, render: (_: unknown, o: Order) => <Tag color={STATUS_COLORS[o.status]} data-status={o.status}>{t(`orders.status.${o.status}` as MessageKey)}</Tag> },
          { title: t('orders.respondBy'), dataIndex: 'respondBy', key: 'respondBy', width: 110 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_: unknown, o: Order) => (
              <Space size={4} wrap>
                {o.allowedActions.includes('order.respond') && o.status === 'issued' ? (
                  <Button size="small" loading={sign.isPending && sign.variables?.id === o.id} onClick={() => sign.mutate({ id: o.id, path: 'sign' })}>
                    {t('orders.sign')}
                  </Button>
                ) : null}
                {o.allowedActions.includes('order.respond') ? (
                  <Button size="small" type="primary" onClick={() => setActing({ order: o, kind: 'respond' })}>
                    {t('orders.respond')}
                  </Button>
                ) : null}
                {o.allowedActions.includes('order.close') ? (
                  <Button size="small" onClick={() => setActing({ order: o, kind: 'close' })}>
                    {t('orders.close')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {acting ? <TextModal order={acting.order} kind={acting.kind} onClose={() => setActing(null)} /> : null}
    </Card>
  );
}

function useOrderAction() {
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const t = useT();
  return useMutation({
    mutationFn: ({ id, path, body }: { id: number; path: 'sign' | 'respond' | 'close'; body?: unknown }) => api.post<Order>(`/api/orders/${id}/${path}`, body),
    onSuccess: () => {
      void message.success(t('common.done'));
      void client.invalidateQueries({ queryKey: ['orders'] });
      void client.invalidateQueries({ queryKey: ['notifications'] });
    },
    onError: (error) => void message.error(messageOf(error)),
  });
}

function TextModal({ order, kind, onClose }: { order: Order; kind: 'respond' | 'close'; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ text: string }>();
  const action = useOrderAction();
  const respond = kind === 'respond';
  const submit = (values: { text: string }) =>
    action.mutate({ id: order.id, path: kind, body: respond ? { response: values.text } : { comment: values.text ?? '' } }, { onSuccess: onClose });
  return (
    <Modal open title={`${t(respond ? 'orders.respondTitle' : 'orders.closeTitle')} · ${order.number}`} okText={t('common.ok')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={action.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{order.reason}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="text"
          label={t(respond ? 'orders.response' : 'orders.closeComment')}
          extra={respond ? undefined : t('orders.closeHint')}
          rules={respond ? [{ required: true, whitespace: true, message: t('orders.required.response') }] : []}
        >
          <Input.TextArea rows={5} maxLength={respond ? 20000 : 5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The form's values are the order as POST /api/orders takes it. */
type IssueValues = BodyOf<'POST /api/orders'>;

function IssueModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<IssueValues>();
  const taskId = Form.useWatch('taskId', form);
  const tasks = useQuery({ queryKey: ['tasks', 'all'], queryFn: ({ signal }) => api.get<ResponseOf<'GET /api/tasks'>>('/api/tasks', undefined, signal) });
  const task = tasks.data?.items.find((x) => x.id === taskId);
  const units = useMemo(() => (task ? [...task.hostUnitRefs, ...task.coUnitRefs].filter((u, i, all) => all.findIndex((v) => v.id === u.id) === i) : []), [task]);
  const issue = useMutation({
    mutationFn: (values: IssueValues) => api.post<Order>('/api/orders', { ...values, ...(values.respondBy ? {} : { respondBy: undefined }) }),
    onSuccess: (order) => {
      void message.success(`${t('common.done')}：${order.number}`);
      void client.invalidateQueries({ queryKey: ['orders'] });
      onClose();
    },
    onError: (error) => void message.error(messageOf(error)),
  });
  return (
    <Modal open title={t('orders.issue')} okText={t('orders.issue.submit')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={issue.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ grade: 'blue' }} onFinish={(values) => issue.mutate(values)}>
        <Form.Item name="taskId" label={t('orders.issue.task')} rules={[{ required: true, message: t('orders.required.task') }]}>
          <Select
            showSearch
            loading={tasks.isPending}
            optionFilterProp="label"
            onChange={() => form.setFieldValue('unitId', undefined)}
            options={(tasks.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.key} ${x.text.slice(0, 40)}` }))}
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('orders.issue.unit')} rules={[{ required: true, message: t('orders.required.unit') }]}>
          <Select showSearch optionFilterProp="label" disabled={!task} options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="grade" label={t('orders.grade')}>
          <Radio.Group
            optionType="button"
            options={(['blue', 'yellow', 'red'] as const).map((g) => ({ value: g, label: t(`orders.grade.${g}`) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('orders.reason')} rules={[{ required: true, whitespace: true, message: t('orders.required.reason') }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="respondBy" label={t('orders.issue.respondBy')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
