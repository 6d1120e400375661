/** Units (GET /api/units): names, kinds, aliases and group members; created and renamed with unit.manage. */
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../api';
import type { Unit, UnitKind } from '../api-types';
import { can, useMe } from '../api/session';
import { unitsQuery, useSaveUnit, type UnitFields } from '../api/units';
import type { VersionedMutation } from '../api/versioned';
import { ConflictNotice } from '../components/ConflictNotice';
import { EmptyState, QueryView } from '../components/States';
import { useT } from '../i18n';

const KINDS: { value: UnitKind; label: string }[] = [
  { value: 'department', label: '部门' },
  { value: 'town', label: '镇街' },
  { value: 'group', label: '单位组' },
  { value: 'other', label: '其他' },
];
const kindLabel = (kind: UnitKind): string => KINDS.find((k) => k.value === kind)?.label ?? kind;

export default function UnitsPage() {
  const t = useT();
  const me = useMe();
  const manage = can(me.data, 'unit.manage');
  const { message } = AntApp.useApp();
  // The unit being changed, as it was shown (its version goes with the change).
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const units = useQuery(unitsQuery());
  const save = useSaveUnit({
    onSuccess: () => {
      void message.success(t('common.done'));
      setEditing(null);
    },
    onError: (e) => void message.error(messageOf(e)),
    onConflict: () => setEditing(null),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.units.title')}
        </Typography.Title>
        {manage ? (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('admin.unit.create')}
          </Button>
        ) : null}
      </Space>
      <ConflictNotice conflict={save.conflict} />
      <QueryView query={units}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.units.none')} />
          ) : (
            <Card size="small">
              <Table
                size="small"
                rowKey="id"
                dataSource={data.items}
                pagination={data.items.length > 50 ? { pageSize: 50 } : false}
                scroll={{ x: 700 }}
                columns={[
                  { title: t('admin.unit.name'), dataIndex: 'name', key: 'name' },
                  { title: t('admin.unit.kind'), key: 'kind', width: 90, render: (_: unknown, u: Unit) => kindLabel(u.kind) },
                  {
                    title: t('admin.unit.aliases'),
                    key: 'aliases',
                    render: (_: unknown, u: Unit) => (u.aliases.length === 0 ? '—' : u.aliases.map((a) => <Tag key={a}>{a}</Tag>)),
                  },
                  ...(manage
                    ? [
                        {
                          title: t('common.actions'),
                          key: 'actions',
                          width: 90,
                          render: (_: unknown, u: Unit) => (
                            <Button size="small" onClick={() => setEditing(u)}>
                              {t('admin.unit.edit')}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          )
        }
      </QueryView>
      {editing ? <UnitModal unit={editing === 'new' ? null : editing} save={save} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}

function UnitModal({
  unit,
  save,
  onClose,
}: {
  unit: Unit | null;
  save: VersionedMutation<Unit, { unit: Unit | null; fields: UnitFields }>;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<UnitFields>();
  return (
    <Modal
      open
      title={unit ? `${t('admin.unit.edit')} · ${unit.name}` : t('admin.unit.create')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: unit?.name ?? '', kind: unit?.kind ?? 'department' }}
        onFinish={(v) => save.mutate({ unit, fields: { name: v.name.trim(), kind: v.kind } })}
      >
        <Form.Item name="name" label={t('admin.unit.name')} rules={[{ required: true, whitespace: true, message: t('admin.required.unitName') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.unit.kind')}>
          <Select options={KINDS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
