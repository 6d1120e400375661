/**
 * Supervision orders (督办单, GET /api/orders): grade, number, unit, task,
 * status and respond-by; the office issues one (POST /api/orders); a unit
 * signs and answers, the office closes, each as the order's own
 * `allowedActions` says.
 */
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../api';
import type { BodyOf, Order, OrderGrade } from '../api-types';
import { ordersQuery, useIssueOrder, useOrderStep, type OrderStep } from '../api/orders';
import { can, useMe } from '../api/session';
import { tasksQuery } from '../api/tasks';
import type { VersionedMutation } from '../api/versioned';
import { useWorkflowLabels } from '../api/workflows';
import { taskUnitRefs } from '../api/units';
import { ConflictNotice } from '../components/ConflictNotice';
import { StateTag } from '../components/StateTag';
import { EmptyState, QueryView } from '../components/States';
import { useT, type MessageKey } from '../i18n';
import { useCurrentPlan } from '../api/plans';

const GRADE_COLORS: Record<OrderGrade, string> = { blue: 'blue', yellow: 'gold', red: 'red' };

export default function OrdersPage() {
  const t = useT();
  const me = useMe();
  const [issuing, setIssuing] = useState(false);
  const { plan } = useCurrentPlan();
  const orders = useQuery({ ...ordersQuery(plan?.id), enabled: plan !== undefined });
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
      <QueryView query={orders}>
        {(data) => (data.items.length === 0 ? <EmptyState title={t('orders.none')} /> : <OrdersTable orders={data.items} />)}
      </QueryView>
      {issuing ? <IssueModal onClose={() => setIssuing(false)} /> : null}
    </Space>
  );
}

function OrdersTable({ orders }: { orders: Order[] }) {
  const t = useT();
  const labels = useWorkflowLabels();
  const { message } = AntApp.useApp();
  // The order the user is answering or closing, as it was shown to them (its version goes with the step).
  const [acting, setActing] = useState<{ order: Order; kind: 'respond' | 'close' } | null>(null);
  const step = useOrderStep({
    onSuccess: () => {
      void message.success(t('common.done'));
      setActing(null);
    },
    onError: (error) => void message.error(messageOf(error)),
    onConflict: () => setActing(null),
  });
  const signing = (o: Order) => step.isPending && step.variables.step === 'sign' && step.variables.order.id === o.id;
  return (
    <Card size="small">
      <ConflictNotice conflict={step.conflict} style={{ marginBottom: 8 }} />
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
          {
            title: t('orders.grade'),
            key: 'grade',
            width: 110,
            render: (_: unknown, o: Order) => (
              <Tag color={GRADE_COLORS[o.grade]} data-grade={o.grade}>
                {t(`orders.grade.${o.grade}` as MessageKey)}
              </Tag>
            ),
          },
          { title: t('orders.number'), dataIndex: 'number', key: 'number', width: 170 },
          { title: t('orders.unit'), dataIndex: 'unitName', key: 'unit' },
          { title: t('orders.task'), key: 'task', width: 90, render: (_: unknown, o: Order) => <Link to={`/tasks/${o.taskId}`}>{o.taskKey}</Link> },
          { title: t('orders.status'), key: 'status', width: 100, render: (_: unknown, o: Order) => <StateTag workflow="order" state={o.status} /> },
          { title: t('orders.respondBy'), dataIndex: 'respondBy', key: 'respondBy', width: 110 },
          {
            title: t('common.actions'),
            key: 'actions',
            // Always in sight, also where the table scrolls inside its card (a phone).
            fixed: 'right',
            width: 200,
            render: (_: unknown, o: Order) => (
              <Space size={4} wrap>
                {o.allowedActions.includes('order.respond') && o.status === 'issued' ? (
                  <Button size="small" loading={signing(o)} onClick={() => step.mutate({ step: 'sign', order: o })}>
                    {labels.transition('order', 'sign')}
                  </Button>
                ) : null}
                {o.allowedActions.includes('order.respond') ? (
                  <Button size="small" type="primary" onClick={() => setActing({ order: o, kind: 'respond' })}>
                    {labels.transition('order', 'respond')}
                  </Button>
                ) : null}
                {o.allowedActions.includes('order.close') ? (
                  <Button size="small" onClick={() => setActing({ order: o, kind: 'close' })}>
                    {labels.transition('order', 'close')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {acting ? <TextModal order={acting.order} kind={acting.kind} step={step} onClose={() => setActing(null)} /> : null}
    </Card>
  );
}

function TextModal({
  order,
  kind,
  step,
  onClose,
}: {
  order: Order;
  kind: 'respond' | 'close';
  step: VersionedMutation<Order, OrderStep>;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ text: string }>();
  const respond = kind === 'respond';
  const submit = (values: { text: string }) =>
    step.mutate(respond ? { step: 'respond', order, response: values.text } : { step: 'close', order, comment: values.text ?? '' });
  return (
    <Modal
      open
      title={`${t(respond ? 'orders.respondTitle' : 'orders.closeTitle')} · ${order.number}`}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={step.isPending}
      destroyOnHidden
    >
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
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<IssueValues>();
  const taskId = Form.useWatch('taskId', form);
  const tasks = useQuery(tasksQuery());
  const task = tasks.data?.items.find((x) => x.id === taskId);
  const units = useMemo(() => (task ? taskUnitRefs(task) : []), [task]);
  const issue = useIssueOrder({
    onSuccess: (order) => {
      void message.success(`${t('common.done')}：${order.number}`);
      onClose();
    },
    onError: (error) => void message.error(messageOf(error)),
  });
  return (
    <Modal
      open
      title={t('orders.issue')}
      okText={t('orders.issue.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
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
          <Radio.Group optionType="button" options={(['blue', 'yellow', 'red'] as const).map((g) => ({ value: g, label: t(`orders.grade.${g}`) }))} />
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
