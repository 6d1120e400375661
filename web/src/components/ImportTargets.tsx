/**
 * The import wizard's editor of one task's targets, before anything is
 * stored: the office retypes (kind, value, unit, scope), renames, excludes
 * from measurement or includes, splits, merges, adds and deletes, and the
 * task's whole list goes into the preview's `corrections.tasks[].targets`.
 */
import { Button, Checkbox, Input, InputNumber, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import type { NoticeTarget, TargetCorrection, TargetKind, TargetScope } from '../api-types';
import { TARGET_KIND_OPTIONS, TARGET_SCOPE_OPTIONS } from '../api/targets';
import { useT } from '../i18n';

/** A row of the editor: a target with every field the correction carries. */
type Row = Required<Pick<TargetCorrection, 'metric' | 'kind' | 'value'>> & {
  text: string;
  unit: string | null;
  qualifiers: string[];
  scope: TargetScope;
  measured: boolean;
};

const DEFAULT_MEASURED: Record<TargetScope, boolean> = { annual: true, long_term: false, capacity: false, scale: false, project: false };

const rowOf = (t: NoticeTarget | TargetCorrection): Row => {
  const scope = t.scope ?? 'annual';
  return {
    text: t.text ?? t.metric,
    metric: t.metric,
    kind: t.kind,
    value: t.value,
    unit: t.unit ?? null,
    qualifiers: t.qualifiers ?? [],
    scope,
    measured: t.measured ?? DEFAULT_MEASURED[scope],
  };
};

/** Several rows as one: names joined, their values added when they share a unit. */
function merged(rows: Row[]): Row {
  const [first] = rows;
  const base = first ?? rowOf({ metric: '', kind: 'count', value: null });
  const sameUnit = rows.every((r) => r.unit === base.unit && r.value !== null);
  return {
    ...base,
    text: rows.map((r) => r.text).join('；'),
    metric: rows.map((r) => r.metric).join('、'),
    value: sameUnit ? rows.reduce((sum, r) => sum + (r.value ?? 0), 0) : null,
  };
}

export function ImportTargetsModal({
  taskKey,
  targets,
  onSave,
  onClose,
}: {
  taskKey: string;
  targets: readonly (NoticeTarget | TargetCorrection)[];
  onSave: (targets: TargetCorrection[]) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [rows, setRows] = useState<Row[]>(() => targets.map(rowOf));
  const [selected, setSelected] = useState<number[]>([]);
  const set = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const split = (i: number) => setRows((all) => all.flatMap((r, j) => (j === i ? [r, { ...r, value: null }] : [r])));
  const remove = (i: number) => {
    setRows((all) => all.filter((_, j) => j !== i));
    setSelected([]);
  };
  const merge = () => {
    const picked = [...selected].sort((a, b) => a - b);
    const first = picked[0] ?? 0;
    setRows((all) =>
      all.flatMap((r, j) => (j === first ? [merged(picked.map((k) => all[k]).filter((x): x is Row => x !== undefined))] : picked.includes(j) ? [] : [r])),
    );
    setSelected([]);
  };
  const add = () => setRows((all) => [...all, rowOf({ metric: '', kind: 'count', value: null })]);
  const valid = rows.every((r) => r.metric.trim() !== '');
  return (
    <Modal
      open
      width={1000}
      title={t('import.targets.title', { key: taskKey })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !valid }}
      onCancel={onClose}
      onOk={() => onSave(rows.map((r) => ({ ...r, metric: r.metric.trim(), text: r.text.trim() || r.metric.trim() })))}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('import.targets.hint')}</Typography.Text>
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 900 }}
          columns={[
            {
              key: 'pick',
              width: 40,
              render: (_: unknown, _r: Row, i: number) => (
                <Checkbox
                  aria-label={t('import.targets.pick', { n: i + 1 })}
                  checked={selected.includes(i)}
                  onChange={(e) => setSelected((s) => (e.target.checked ? [...s, i] : s.filter((x) => x !== i)))}
                />
              ),
            },
            {
              title: t('targets.field.metric'),
              key: 'metric',
              render: (_: unknown, r: Row, i: number) => (
                <Input
                  aria-label={t('import.targets.metric', { n: i + 1 })}
                  value={r.metric}
                  maxLength={200}
                  status={r.metric.trim() === '' ? 'error' : ''}
                  onChange={(e) => set(i, { metric: e.target.value })}
                />
              ),
            },
            {
              title: t('targets.field.kind'),
              key: 'kind',
              width: 110,
              render: (_: unknown, r: Row, i: number) => (
                <Select
                  aria-label={t('import.targets.kind', { n: i + 1 })}
                  value={r.kind}
                  options={TARGET_KIND_OPTIONS}
                  style={{ width: '100%' }}
                  onChange={(kind: TargetKind) => set(i, { kind })}
                />
              ),
            },
            {
              title: t('targets.field.value'),
              key: 'value',
              width: 120,
              render: (_: unknown, r: Row, i: number) => (
                <InputNumber
                  aria-label={t('import.targets.value', { n: i + 1 })}
                  value={r.value}
                  style={{ width: '100%' }}
                  onChange={(value) => set(i, { value: typeof value === 'number' ? value : null })}
                />
              ),
            },
            {
              title: t('targets.field.unit'),
              key: 'unit',
              width: 90,
              render: (_: unknown, r: Row, i: number) => (
                <Input
                  aria-label={t('import.targets.unit', { n: i + 1 })}
                  value={r.unit ?? ''}
                  maxLength={20}
                  onChange={(e) => set(i, { unit: e.target.value.trim() === '' ? null : e.target.value })}
                />
              ),
            },
            {
              title: t('targets.field.scope'),
              key: 'scope',
              width: 120,
              render: (_: unknown, r: Row, i: number) => (
                <Select
                  aria-label={t('import.targets.scope', { n: i + 1 })}
                  value={r.scope}
                  options={TARGET_SCOPE_OPTIONS}
                  style={{ width: '100%' }}
                  onChange={(scope: TargetScope) => set(i, { scope, measured: DEFAULT_MEASURED[scope] })}
                />
              ),
            },
            {
              title: t('targets.field.measured'),
              key: 'measured',
              width: 90,
              render: (_: unknown, r: Row, i: number) => (
                <Switch aria-label={t('import.targets.measured', { n: i + 1 })} checked={r.measured} onChange={(measured) => set(i, { measured })} />
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 130,
              render: (_: unknown, _r: Row, i: number) => (
                <Space size={4}>
                  <Button size="small" onClick={() => split(i)} aria-label={t('import.targets.split', { n: i + 1 })}>
                    {t('targets.split')}
                  </Button>
                  <Button size="small" danger onClick={() => remove(i)} aria-label={t('import.targets.remove', { n: i + 1 })}>
                    {t('targets.retire')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <Space>
          <Button onClick={add}>{t('targets.add')}</Button>
          <Button disabled={selected.length < 2} onClick={merge}>
            {t('targets.merge', { n: selected.length })}
          </Button>
        </Space>
      </Space>
    </Modal>
  );
}
