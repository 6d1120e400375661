/**
 * Bulletins (通报, GET /api/bulletins): the office sees its drafts and the
 * issued ones, everyone else the issued ones, each with its .docx (and .pdf
 * where the server made one). 新建通报 (for whoever may write bulletins,
 * GET /api/me `actions`) drafts one for a month or a quarter from the live
 * data (POST /api/bulletins) and opens it.
 */
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { messageOf } from '../api';
import type { Bulletin } from '../api-types';
import { bulletinsQuery, useCreateBulletin } from '../api/bulletins';
import { useCurrentPlan } from '../api/plans';
import { can, useMe } from '../api/session';
import { BulletinDownloads, BulletinStatus } from '../components/bulletin-parts';
import { EmptyState, QueryView } from '../components/States';
import { formatTime } from '../format';
import { useI18n, useT } from '../i18n';
import { ArchivedPlanBanner } from '../components/PlanSwitcher';

export default function BulletinsPage() {
  const t = useT();
  const me = useMe();
  const { plans, plan } = useCurrentPlan();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ ...bulletinsQuery(plan?.id), enabled: plans.isSuccess });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('bulletin.title')}
        </Typography.Title>
        {can(me.data, 'bulletin.write') && plan && !plan.archived ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('bulletin.new')}
          </Button>
        ) : null}
      </Space>
      <ArchivedPlanBanner plan={plan} />
      {plans.isSuccess && !plan ? (
        <EmptyState title={t('state.noPlan')} hint={t('state.noPlan.hint')} />
      ) : (
        <QueryView query={list}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title={t('bulletin.none')} hint={can(me.data, 'bulletin.write') ? t('bulletin.none.hint') : undefined} />
            ) : (
              <BulletinTable items={data.items} />
            )
          }
        </QueryView>
      )}
      {creating && plan ? <NewBulletinModal planId={plan.id} onClose={() => setCreating(false)} /> : null}
    </Space>
  );
}

function BulletinTable({ items }: { items: Bulletin[] }) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <Card size="small">
      <Table<Bulletin>
        size="small"
        rowKey="id"
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 860 }}
        data-testid="bulletin-list"
        columns={[
          { title: t('bulletin.number'), key: 'number', width: 200, render: (_: unknown, b) => b.documentNumber ?? t('bulletin.number.draft') },
          { title: t('bulletin.col.title'), key: 'title', render: (_: unknown, b) => <Link to={`/bulletins/${b.id}`}>{b.title}</Link> },
          { title: t('bulletin.period'), dataIndex: 'periodLabel', key: 'period', width: 120 },
          { title: t('bulletin.status'), key: 'status', width: 90, render: (_: unknown, b) => <BulletinStatus bulletin={b} /> },
          { title: t('bulletin.issuedAt'), key: 'issuedAt', width: 170, render: (_: unknown, b) => formatTime(b.issuedAt, locale) },
          { title: t('bulletin.download'), key: 'download', width: 150, render: (_: unknown, b) => <BulletinDownloads bulletin={b} /> },
        ]}
      />
    </Card>
  );
}

interface NewValues {
  kind: 'month' | 'quarter';
  year: number;
  month: number;
  quarter: number;
}

/** The last whole month (and its quarter) before today: what a bulletin usually reports on. */
function lastPeriod(): { year: number; month: number; quarter: number } {
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return { year: last.getFullYear(), month: last.getMonth() + 1, quarter: Math.floor(last.getMonth() / 3) + 1 };
}

function NewBulletinModal({ planId, onClose }: { planId: number; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<NewValues>();
  const kind = Form.useWatch('kind', form) ?? 'month';
  const initial = { kind: 'month' as const, ...lastPeriod() };
  const years = [initial.year + 1, initial.year, initial.year - 1, initial.year - 2];
  const create = useCreateBulletin({
    onSuccess: (bulletin) => {
      void message.success(t('bulletin.created'));
      onClose();
      void navigate(`/bulletins/${bulletin.id}`);
    },
  });
  const period = (values: NewValues): string =>
    values.kind === 'month' ? `${values.year}-${String(values.month).padStart(2, '0')}` : `${values.year}-Q${values.quarter}`;
  return (
    <Modal
      open
      title={t('bulletin.new')}
      okText={t('bulletin.new.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('bulletin.new.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => create.mutate({ planId, period: period(values) })}>
        <Form.Item name="kind" label={t('bulletin.new.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'month', label: t('bulletin.new.byMonth') },
              { value: 'quarter', label: t('bulletin.new.byQuarter') },
            ]}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label={t('bulletin.new.year')}>
            <Select style={{ width: 120 }} options={years.map((y) => ({ value: y, label: t('bulletin.new.yearN', { n: y }) }))} />
          </Form.Item>
          {kind === 'month' ? (
            <Form.Item name="month" label={t('bulletin.new.month')}>
              <Select
                style={{ width: 120 }}
                options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('bulletin.new.monthN', { n: i + 1 }) }))}
              />
            </Form.Item>
          ) : (
            <Form.Item name="quarter" label={t('bulletin.new.quarter')}>
              <Select style={{ width: 140 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: t(`bulletin.new.q${q}` as 'bulletin.new.q1') }))} />
            </Form.Item>
          )}
        </Space>
        {create.isError ? (
          <Typography.Paragraph type="danger" data-testid="bulletin-new-error">
            {messageOf(create.error)}
          </Typography.Paragraph>
        ) : null}
      </Form>
    </Modal>
  );
}
