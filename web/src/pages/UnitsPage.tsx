/**
 * The unit directory (GET /api/units): names, kinds, aliases, groups and their members. The office (unit.manage)
 * creates and renames units, sets a unit's aliases and a group's members, each with the version it saw; a group
 * without members is pointed out, since its tasks ask no unit for a report.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { messageOf } from '../api';
import type { Unit, UnitKind } from '../api-types';
import { can, useMe } from '../api/session';
import { unitsQuery, useSaveUnit, useSetAliases, useSetMembers, type UnitFields } from '../api/units';
import type { VersionedMutation } from '../api/versioned';
import { ConflictNotice } from '../components/ConflictNotice';
import { EmptyState, QueryView } from '../components/States';
import { useT, type MessageKey } from '../i18n';

const KINDS: readonly UnitKind[] = ['department', 'town', 'group', 'other'];
const KIND_LABEL: Record<UnitKind, MessageKey> = {
  department: 'admin.unit.kind.department',
  town: 'admin.unit.kind.town',
  group: 'admin.unit.kind.group',
  other: 'admin.unit.kind.other',
};
/** How many members a row shows before "and N more". */
const SHOWN_MEMBERS = 8;

type Editing = { what: 'unit'; unit: Unit | null } | { what: 'aliases'; unit: Unit } | { what: 'members'; unit: Unit };

export default function UnitsPage() {
  const t = useT();
  const me = useMe();
  const manage = can(me.data, 'unit.manage');
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<UnitKind | 'all'>('all');
  const units = useQuery(unitsQuery());
  const callbacks = {
    onSuccess: () => {
      void message.success(t('common.done'));
      setEditing(null);
    },
    onError: (e: Error) => void message.error(messageOf(e)),
    onConflict: () => setEditing(null),
  };
  const save = useSaveUnit(callbacks);
  const aliases = useSetAliases(callbacks);
  const members = useSetMembers(callbacks);
  const kindOptions = KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.units.title')}
        </Typography.Title>
        {manage ? (
          <Button type="primary" onClick={() => setEditing({ what: 'unit', unit: null })}>
            {t('admin.unit.create')}
          </Button>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('admin.units.hint')}
      </Typography.Paragraph>
      <ConflictNotice conflict={save.conflict ?? aliases.conflict ?? members.conflict} />
      <QueryView query={units}>
        {(data) => {
          if (data.items.length === 0) return <EmptyState title={t('admin.units.none')} />;
          const empty = data.items.filter((u) => u.kind === 'group' && u.members.length === 0);
          const needle = search.trim();
          // Groups first: their members are what the office most often has to set.
          const shown = data.items
            .filter((u) => (kind === 'all' || u.kind === kind) && (needle === '' || u.name.includes(needle) || u.aliases.some((a) => a.includes(needle))))
            .sort((a, b) => Number(b.kind === 'group') - Number(a.kind === 'group'));
          return (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {empty.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="empty-groups"
                  title={t('admin.units.emptyGroups', { n: empty.length })}
                  description={empty.map((u) => u.name).join('、')}
                />
              ) : null}
              <Card size="small">
                <Space wrap style={{ marginBottom: 12 }}>
                  <Input.Search
                    allowClear
                    placeholder={t('admin.units.search')}
                    aria-label={t('admin.units.search')}
                    onChange={(e) => setSearch(e.target.value)}
                    style={{ width: 240 }}
                  />
                  <Select
                    aria-label={t('admin.unit.kind')}
                    value={kind}
                    onChange={setKind}
                    style={{ width: 140 }}
                    options={[{ value: 'all' as const, label: t('admin.units.allKinds') }, ...kindOptions]}
                  />
                </Space>
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={shown}
                  pagination={shown.length > 50 ? { pageSize: 50 } : false}
                  scroll={{ x: 900 }}
                  columns={[
                    { title: t('admin.unit.name'), dataIndex: 'name', key: 'name', width: 220 },
                    { title: t('admin.unit.kind'), key: 'kind', width: 90, render: (_: unknown, u: Unit) => t(KIND_LABEL[u.kind]) },
                    {
                      title: t('admin.unit.aliases'),
                      key: 'aliases',
                      width: 220,
                      render: (_: unknown, u: Unit) => (u.aliases.length === 0 ? '—' : u.aliases.map((a) => <Tag key={a}>{a}</Tag>)),
                    },
                    {
                      title: `${t('admin.unit.members')} / ${t('admin.unit.groups')}`,
                      key: 'members',
                      render: (_: unknown, u: Unit) => <MembersCell unit={u} />,
                    },
                    ...(manage
                      ? [
                          {
                            title: t('common.actions'),
                            key: 'actions',
                            width: 190,
                            render: (_: unknown, u: Unit) => (
                              <Space size="small">
                                <Button size="small" onClick={() => setEditing({ what: 'unit', unit: u })}>
                                  {t('admin.unit.edit')}
                                </Button>
                                <Button
                                  size="small"
                                  onClick={() => setEditing({ what: 'aliases', unit: u })}
                                  aria-label={`${t('admin.unit.editAliases')} ${u.name}`}
                                >
                                  {t('admin.unit.editAliases')}
                                </Button>
                                {u.kind === 'group' ? (
                                  <Button
                                    size="small"
                                    onClick={() => setEditing({ what: 'members', unit: u })}
                                    aria-label={`${t('admin.unit.editMembers')} ${u.name}`}
                                  >
                                    {t('admin.unit.editMembers')}
                                  </Button>
                                ) : null}
                              </Space>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
              {editing?.what === 'members' ? <MembersModal group={editing.unit} units={data.items} save={members} onClose={() => setEditing(null)} /> : null}
            </Space>
          );
        }}
      </QueryView>
      {editing?.what === 'unit' ? <UnitModal unit={editing.unit} kinds={kindOptions} save={save} onClose={() => setEditing(null)} /> : null}
      {editing?.what === 'aliases' ? <AliasesModal unit={editing.unit} save={aliases} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}

/** A group's members (the first few, then how many more), or the groups a unit belongs to. */
function MembersCell({ unit }: { unit: Unit }) {
  const t = useT();
  if (unit.kind === 'group') {
    if (unit.members.length === 0) return <Tag color="warning">{t('admin.unit.members.none')}</Tag>;
    const rest = unit.members.length - SHOWN_MEMBERS;
    return (
      <Space size={[0, 4]} wrap>
        <Tag color="blue">{t('admin.unit.members.count', { n: unit.members.length })}</Tag>
        {unit.members.slice(0, SHOWN_MEMBERS).map((m) => (
          <Tag key={m}>{m}</Tag>
        ))}
        {rest > 0 ? <Typography.Text type="secondary">{t('admin.unit.members.more', { n: rest })}</Typography.Text> : null}
      </Space>
    );
  }
  if (unit.groups.length === 0) return '—';
  return (
    <Space size={[0, 4]} wrap>
      {unit.groups.map((g) => (
        <Tag key={g} color="geekblue">
          {g}
        </Tag>
      ))}
    </Space>
  );
}

function UnitModal({
  unit,
  kinds,
  save,
  onClose,
}: {
  unit: Unit | null;
  kinds: { value: UnitKind; label: string }[];
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
        initialValues={{ name: unit?.name ?? '', kind: unit?.kind ?? 'department', aliases: [] }}
        onFinish={(v) =>
          save.mutate({
            unit,
            fields: { name: v.name.trim(), kind: v.kind, ...(unit ? {} : { aliases: (v.aliases ?? []).map((a) => a.trim()).filter((a) => a !== '') }) },
          })
        }
      >
        <Form.Item name="name" label={t('admin.unit.name')} rules={[{ required: true, whitespace: true, message: t('admin.required.unitName') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.unit.kind')}>
          <Select options={kinds} />
        </Form.Item>
        {unit ? null : (
          <Form.Item name="aliases" label={t('admin.unit.aliases.label')} extra={t('admin.unit.aliases.hint')}>
            <Select mode="tags" open={false} tokenSeparators={['、', '，', ',']} aria-label={t('admin.unit.aliases.label')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function AliasesModal({ unit, save, onClose }: { unit: Unit; save: VersionedMutation<Unit, { unit: Unit; aliases: string[] }>; onClose: () => void }) {
  const t = useT();
  const [aliases, setAliases] = useState<string[]>(unit.aliases);
  return (
    <Modal
      open
      title={t('admin.unit.aliases.title', { name: unit.name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => save.mutate({ unit, aliases: aliases.map((a) => a.trim()).filter((a) => a !== '') })}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('admin.unit.aliases.hint')}</Typography.Paragraph>
      <Select
        mode="tags"
        open={false}
        style={{ width: '100%' }}
        value={aliases}
        onChange={setAliases}
        tokenSeparators={['、', '，', ',']}
        aria-label={t('admin.unit.aliases.label')}
      />
    </Modal>
  );
}

function MembersModal({
  group,
  units,
  save,
  onClose,
}: {
  group: Unit;
  units: Unit[];
  save: VersionedMutation<Unit, { group: Unit; memberIds: number[] }>;
  onClose: () => void;
}) {
  const t = useT();
  const [memberIds, setMemberIds] = useState<number[]>(group.memberIds);
  // A group cannot be a member: only units are offered.
  const candidates = useMemo(() => units.filter((u) => u.kind !== 'group'), [units]);
  const add = (kind: UnitKind) => setMemberIds((ids) => [...new Set([...ids, ...candidates.filter((u) => u.kind === kind).map((u) => u.id)])]);
  return (
    <Modal
      open
      width={720}
      title={t('admin.unit.members.title', { name: group.name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => save.mutate({ group, memberIds })}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('admin.unit.members.hint')}</Typography.Text>
        <Space wrap>
          <Button size="small" onClick={() => add('town')}>
            {t('admin.unit.members.addTowns')}
          </Button>
          <Button size="small" onClick={() => add('department')}>
            {t('admin.unit.members.addDepartments')}
          </Button>
          <Button size="small" onClick={() => setMemberIds([])}>
            {t('admin.unit.members.clear')}
          </Button>
          <Typography.Text data-testid="members-selected">{t('admin.unit.members.selected', { n: memberIds.length })}</Typography.Text>
        </Space>
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          value={memberIds}
          onChange={setMemberIds}
          optionFilterProp="label"
          aria-label={t('admin.unit.members.label')}
          options={candidates.map((u) => ({ value: u.id, label: u.name }))}
        />
      </Space>
    </Modal>
  );
}
