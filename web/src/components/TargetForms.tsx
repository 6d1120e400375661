/**
 * The office's dialog for changing a task's targets: edit one (name, kind,
 * value, scope, measured or not, owners, combine rule), split one into
 * several, delete one, add one, merge several. Every change carries a reason;
 * the body sends only what changed and the version read
 * (api/targets.ts useChangeTargets).
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import type { BodyOf, CombineRule, LedgerTarget, NamedRef, TargetDraft, TargetKind, TargetScope } from '../api-types';
import { COMBINE_OPTIONS, TARGET_KIND_OPTIONS, TARGET_SCOPE_OPTIONS, type TargetChangeVars } from '../api/targets';
import { useT, type MessageKey } from '../i18n';

/** What the dialog is for: one target, several, or the task. */
export type TargetDialog =
  | { op: 'edit'; target: LedgerTarget }
  | { op: 'split'; target: LedgerTarget }
  | { op: 'retire'; target: LedgerTarget }
  | { op: 'add' }
  | { op: 'merge'; targets: LedgerTarget[] };

interface Fields {
  metric: string;
  text?: string;
  kind: TargetKind;
  value: number | null;
  unit?: string;
  scope: TargetScope;
  measured: boolean;
  combine: CombineRule;
  owners: number[];
}

interface Values extends Partial<Fields> {
  parts?: { metric: string; kind: TargetKind; value: number | null; unit?: string }[];
  reason: string;
}

const unitOrNull = (u: string | undefined): string | null => (u?.trim() ? u.trim() : null);

const draftOf = (v: { metric?: string; kind?: TargetKind; value?: number | null; unit?: string; scope?: TargetScope }): TargetDraft => ({
  metric: (v.metric ?? '').trim(),
  kind: v.kind ?? 'other',
  value: v.value ?? null,
  unit: unitOrNull(v.unit),
  ...(v.scope ? { scope: v.scope } : {}),
});

/** The request for the dialog's values: for an edit, only the fields that differ from the target. */
export function changeOf(dialog: TargetDialog, taskId: number, v: Values): TargetChangeVars {
  const reason = v.reason.trim();
  switch (dialog.op) {
    case 'edit': {
      const t = dialog.target;
      const owners = [...(v.owners ?? [])].sort((a, b) => a - b);
      const was = t.owners.map((o) => o.id).sort((a, b) => a - b);
      const body: BodyOf<'PATCH /api/targets/{id}'> = { version: t.version, reason };
      if (v.metric !== undefined && v.metric.trim() !== t.metric) body.metric = v.metric.trim();
      if (v.text !== undefined && v.text.trim() !== t.text) body.text = v.text.trim();
      if (v.kind !== undefined && v.kind !== t.kind) body.kind = v.kind;
      if (v.value !== undefined && v.value !== t.value) body.value = v.value;
      if (unitOrNull(v.unit) !== t.unit) body.unit = unitOrNull(v.unit);
      if (v.scope !== undefined && v.scope !== t.scope) body.scope = v.scope;
      if (v.measured !== undefined && v.measured !== t.measured) body.measured = v.measured;
      if (v.combine !== undefined && v.combine !== t.combine) body.combine = v.combine;
      if (JSON.stringify(owners) !== JSON.stringify(was)) body.owners = owners;
      return { op: 'edit', targetId: t.id, body };
    }
    case 'split':
      return { op: 'split', targetId: dialog.target.id, body: { version: dialog.target.version, reason, into: (v.parts ?? []).map(draftOf) } };
    case 'retire':
      return { op: 'retire', targetId: dialog.target.id, body: { version: dialog.target.version, reason } };
    case 'add':
      return { op: 'add', taskId, body: { reason, target: { ...draftOf(v), ...(v.measured === undefined ? {} : { measured: v.measured }) } } };
    case 'merge':
      return {
        op: 'merge',
        taskId,
        body: { reason, targets: dialog.targets.map((t) => ({ id: t.id, version: t.version })), into: draftOf(v) },
      };
  }
}

function initial(dialog: TargetDialog): Partial<Values> {
  switch (dialog.op) {
    case 'edit': {
      const t = dialog.target;
      return {
        metric: t.metric,
        text: t.text,
        kind: t.kind,
        value: t.value,
        unit: t.unit ?? '',
        scope: t.scope,
        measured: t.measured,
        combine: t.combine,
        owners: t.owners.map((o) => o.id),
      };
    }
    case 'split': {
      const t = dialog.target;
      const part = { metric: t.metric, kind: t.kind, value: null, unit: t.unit ?? '' };
      return { parts: [part, { ...part }] };
    }
    case 'merge': {
      const [first] = dialog.targets;
      return {
        metric: dialog.targets.map((t) => t.metric).join('、'),
        kind: first?.kind ?? 'count',
        value: null,
        unit: first?.unit ?? '',
        scope: first?.scope ?? 'annual',
      };
    }
    case 'add':
      return { kind: 'count', value: null, scope: 'annual', measured: true };
    case 'retire':
      return {};
  }
}

const FIELD_LABELS: Record<keyof Fields, MessageKey> = {
  metric: 'targets.field.metric',
  text: 'targets.field.text',
  kind: 'targets.field.kind',
  value: 'targets.field.value',
  unit: 'targets.field.unit',
  scope: 'targets.field.scope',
  measured: 'targets.field.measured',
  combine: 'targets.field.combine',
  owners: 'targets.field.owners',
};

const TITLES = {
  edit: 'targets.edit.title',
  split: 'targets.split.title',
  retire: 'targets.retire.title',
  add: 'targets.add.title',
  merge: 'targets.merge.title',
} as const;

export function TargetChangeModal({
  dialog,
  taskId,
  ownerChoices,
  needsApproval,
  pending,
  problem,
  onSubmit,
  onClose,
}: {
  dialog: TargetDialog;
  taskId: number;
  ownerChoices: NamedRef[];
  needsApproval: boolean;
  pending: boolean;
  problem: string | null;
  onSubmit: (vars: TargetChangeVars) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const name = (field: keyof Fields) => ({ name: field, label: t(FIELD_LABELS[field]) });
  const single = dialog.op === 'edit' || dialog.op === 'add' || dialog.op === 'merge';
  return (
    <Modal
      open
      title={t(TITLES[dialog.op])}
      okText={needsApproval ? t('targets.submitForApproval') : t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial(dialog)}
        // A new scope brings its default measurement (this year's targets are measured, the others not), as on the server.
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.scope !== undefined) form.setFieldValue('measured', changed.scope === 'annual');
        }}
        onFinish={(v) => onSubmit(changeOf(dialog, taskId, v))}
      >
        {needsApproval ? <Alert type="info" showIcon title={t('targets.needApproval')} style={{ marginBottom: 12 }} /> : null}
        {dialog.op === 'retire' ? <Typography.Paragraph>{t('targets.retire.hint', { metric: dialog.target.metric })}</Typography.Paragraph> : null}
        {dialog.op === 'merge' ? (
          <Typography.Paragraph>{t('targets.merge.hint', { metrics: dialog.targets.map((x) => `“${x.metric}”`).join('、') })}</Typography.Paragraph>
        ) : null}
        {single ? (
          <>
            <Form.Item {...name('metric')} rules={[{ required: true, whitespace: true, message: t('targets.field.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
            {dialog.op === 'edit' ? (
              <Form.Item {...name('text')} rules={[{ required: true, whitespace: true, message: t('targets.field.required') }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
              </Form.Item>
            ) : null}
            <Space wrap align="start">
              <Form.Item {...name('kind')}>
                <Select options={TARGET_KIND_OPTIONS} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item {...name('value')}>
                <InputNumber style={{ width: 140 }} />
              </Form.Item>
              <Form.Item {...name('unit')}>
                <Input style={{ width: 100 }} maxLength={20} />
              </Form.Item>
              <Form.Item {...name('scope')}>
                <Select options={TARGET_SCOPE_OPTIONS} style={{ width: 130 }} />
              </Form.Item>
              {dialog.op !== 'merge' ? (
                <Form.Item {...name('measured')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              ) : null}
            </Space>
            {dialog.op === 'edit' ? (
              <Space wrap align="start" style={{ width: '100%' }}>
                <Form.Item {...name('combine')}>
                  <Select options={COMBINE_OPTIONS} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item {...name('owners')} extra={t('targets.field.owners.hint')} style={{ minWidth: 360 }}>
                  <Select mode="multiple" allowClear options={ownerChoices.map((u) => ({ value: u.id, label: u.name }))} />
                </Form.Item>
              </Space>
            ) : null}
          </>
        ) : null}
        {dialog.op === 'split' ? (
          <Form.List name="parts">
            {(parts, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {parts.map((part, i) => (
                  <Space key={part.key} wrap align="start">
                    <Form.Item
                      name={[part.name, 'metric']}
                      label={t('targets.split.part', { n: i + 1 })}
                      rules={[{ required: true, whitespace: true, message: t('targets.field.required') }]}
                    >
                      <Input style={{ width: 240 }} maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[part.name, 'kind']} label={t('targets.field.kind')}>
                      <Select options={TARGET_KIND_OPTIONS} style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item name={[part.name, 'value']} label={t('targets.field.value')}>
                      <InputNumber style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[part.name, 'unit']} label={t('targets.field.unit')}>
                      <Input style={{ width: 90 }} maxLength={20} />
                    </Form.Item>
                    {parts.length > 2 ? (
                      <Button
                        type="text"
                        aria-label={t('targets.split.remove', { n: i + 1 })}
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(part.name)}
                        style={{ marginTop: 30 }}
                      />
                    ) : null}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'count', value: null })}>
                  {t('targets.split.add')}
                </Button>
              </Space>
            )}
          </Form.List>
        ) : null}
        <Form.Item name="reason" label={t('targets.field.reason')} rules={[{ required: true, whitespace: true, message: t('targets.field.reason.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} /> : null}
      </Form>
    </Modal>
  );
}
