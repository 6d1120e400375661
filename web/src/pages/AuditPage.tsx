/**
 * The audit log for the auditor (GET /api/audit): filters by user, action or object type and dates, kept in the
 * address; newest first, paged by sequence number; a row expands to what it changed. 校验 checks the chain and the
 * checkpoint on the server (GET /api/audit/verify); 导出 CSV downloads the filtered entries (GET /api/audit.csv).
 */
import { CheckCircleOutlined, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { messageOf } from '../api';
import type { AuditEntry } from '../api-types';
import { ROLE_LABELS } from '../api/types.gen';
import { AUDIT_PAGE_SIZE, auditExportHref, auditPageQuery, useAuditVerify, type AuditFilters } from '../api/audit';
import { unitsQuery } from '../api/units';
import { EmptyState, QueryView } from '../components/States';
import { formatTime } from '../format';
import { useI18n } from '../i18n';

const FILTER_KEYS = ['user', 'action', 'objectType', 'from', 'to'] as const;

const roleLabel = (role: string | null): string => (role === null ? '' : ((ROLE_LABELS as Record<string, string>)[role] ?? role));
const json = (value: unknown): string => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

export default function AuditPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k) ?? '']] : [])));
  // The sequence numbers that started the pages seen so far: back is the previous one.
  const [pages, setPages] = useState<number[]>([]);
  const beforeSeq = pages.at(-1);
  const page = useQuery(auditPageQuery(filters, beforeSeq));
  const verify = useAuditVerify();
  const units = useQuery(unitsQuery());
  const unitName = (id: number) => units.data?.items.find((u) => u.id === id)?.name ?? `#${id}`;
  const [form] = Form.useForm<AuditFilters>();

  const apply = (values: AuditFilters) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (values[k]?.trim()) next.set(k, values[k].trim());
    setPages([]);
    setParams(next);
  };
  const clear = () => {
    form.resetFields();
    setPages([]);
    setParams(new URLSearchParams());
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
          <Button type="primary" icon={<DownloadOutlined />} href={auditExportHref(filters)} download data-testid="audit-export">
            {t('audit.export')}
          </Button>
        </Space>
      </Space>
      {verify.isError ? <Alert type="error" showIcon title={messageOf(verify.error)} /> : null}
      {verify.data ? (
        <Alert
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          icon={verify.data.ok ? <CheckCircleOutlined /> : undefined}
          data-testid="audit-verify-result"
          title={verify.data.message}
          description={`${t('audit.verify.checkpoint')}：${verify.data.checkpoint.message}（${formatTime(verify.data.checkedAt, locale)}）`}
        />
      ) : null}
      <Card size="small">
        <Form form={form} layout="inline" initialValues={filters} onFinish={apply} style={{ rowGap: 8 }}>
          <Form.Item name="user" label={t('audit.filter.user')}>
            <Input allowClear maxLength={64} style={{ width: 140 }} data-testid="audit-filter-user" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.filter.action')}>
            <Input allowClear maxLength={64} style={{ width: 160 }} data-testid="audit-filter-action" />
          </Form.Item>
          <Form.Item name="objectType" label={t('audit.filter.objectType')}>
            <Input allowClear maxLength={64} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('audit.filter.dates')}>
            <Space.Compact>
              <Form.Item name="from" noStyle>
                <Input type="date" style={{ width: 150 }} data-testid="audit-filter-from" />
              </Form.Item>
              <Form.Item name="to" noStyle>
                <Input type="date" style={{ width: 150 }} data-testid="audit-filter-to" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="audit-filter-apply">
              {t('audit.filter.apply')}
            </Button>
            <Button onClick={clear}>{t('audit.filter.clear')}</Button>
          </Space>
        </Form>
      </Card>
      <QueryView query={page}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('audit.none')} />
          ) : (
            <Card size="small">
              <Table<AuditEntry>
                size="small"
                rowKey="id"
                data-testid="audit-table"
                dataSource={data.items}
                pagination={false}
                scroll={{ x: 900 }}
                expandable={{
                  expandedRowRender: (entry) => (
                    <Descriptions size="small" column={1} bordered>
                      <Descriptions.Item label={t('audit.before')}>
                        <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{json(entry.before)}</pre>
                      </Descriptions.Item>
                      <Descriptions.Item label={t('audit.after')}>
                        <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{json(entry.after)}</pre>
                      </Descriptions.Item>
                    </Descriptions>
                  ),
                }}
                columns={[
                  { title: t('audit.col.seq'), dataIndex: 'seq', key: 'seq', width: 70 },
                  { title: t('audit.col.at'), key: 'at', width: 160, render: (_: unknown, e: AuditEntry) => formatTime(e.at, locale) },
                  {
                    title: t('audit.col.actor'),
                    key: 'actor',
                    width: 220,
                    render: (_: unknown, e: AuditEntry) => (
                      <Space size={4} wrap>
                        <span>{e.actor.username ?? '—'}</span>
                        {e.actor.role ? <Tag>{roleLabel(e.actor.role)}</Tag> : null}
                        {e.actor.unitId !== null ? <Typography.Text type="secondary">{unitName(e.actor.unitId)}</Typography.Text> : null}
                      </Space>
                    ),
                  },
                  { title: t('audit.col.action'), dataIndex: 'action', key: 'action', width: 180 },
                  {
                    title: t('audit.col.object'),
                    key: 'object',
                    render: (_: unknown, e: AuditEntry) => `${e.object.type}${e.object.id === null ? '' : ` #${e.object.id}`}`,
                  },
                  { title: t('audit.col.ip'), key: 'ip', width: 130, render: (_: unknown, e: AuditEntry) => e.actor.ip ?? '—' },
                ]}
              />
              <Space style={{ marginTop: 12, justifyContent: 'space-between', width: '100%' }} wrap>
                <Typography.Text type="secondary" data-testid="audit-total">
                  {t('audit.total', { n: data.total ?? data.items.length })}
                </Typography.Text>
                <Space>
                  <Button disabled={pages.length === 0} onClick={() => setPages((p) => p.slice(0, -1))}>
                    {t('audit.newer')}
                  </Button>
                  <Button
                    disabled={data.items.length < AUDIT_PAGE_SIZE}
                    data-testid="audit-older"
                    onClick={() => setPages((p) => [...p, data.items[data.items.length - 1]?.seq ?? 0])}
                  >
                    {t('audit.older')}
                  </Button>
                </Space>
              </Space>
            </Card>
          )
        }
      </QueryView>
    </Space>
  );
}
