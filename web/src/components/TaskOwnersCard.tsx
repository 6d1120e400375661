/**
 * Taking up a task from above (承接): the lower office names the task's lead leaders, host and co units from its own
 * directory (PUT /api/tasks/:id/owners with the version it saw); the rest of the task is the upper government's.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Select, Typography } from 'antd';
import { messageOf } from '../api';
import type { Task } from '../api-types';
import { useSetOwners, type OwnersInput } from '../api/assignments';
import { leadersQuery } from '../api/leaders';
import { can, useMe } from '../api/session';
import { unitsQuery } from '../api/units';
import { useT } from '../i18n';
import { ConflictNotice } from './ConflictNotice';

export function TaskOwnersCard({ task }: { task: Task }) {
  const me = useMe().data;
  if (task.sourceTaskId === null || !can(me, 'task.update')) return null;
  // A new version (saved, or brought in after a conflict) starts the form anew from it.
  return <OwnersForm key={task.version} task={task} />;
}

function OwnersForm({ task }: { task: Task }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const units = useQuery(unitsQuery());
  const leaders = useQuery(leadersQuery());
  const save = useSetOwners(task, { onSuccess: () => void message.success(t('owners.saved')) });
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const leaderOptions = (leaders.data?.items ?? []).map((l) => ({ value: l.id, label: l.title ? `${l.name}（${l.title}）` : l.name }));
  return (
    <Card size="small" title={t('owners.title')} data-testid="owners-card">
      <Typography.Paragraph type="secondary">{t('owners.hint', { government: task.sourceGovernmentName ?? '—' })}</Typography.Paragraph>
      <ConflictNotice conflict={save.conflict} style={{ marginBottom: 12 }} />
      {save.problem ? <Alert type="error" showIcon title={messageOf(save.problem)} style={{ marginBottom: 12 }} /> : null}
      <Form<OwnersInput>
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          leaderIds: task.leaderRefs.map((r) => r.id),
          hostUnitIds: task.hostUnitRefs.map((r) => r.id),
          coUnitIds: task.coUnitRefs.map((r) => r.id),
        }}
        onFinish={(values) => save.mutate({ leaderIds: values.leaderIds ?? [], hostUnitIds: values.hostUnitIds ?? [], coUnitIds: values.coUnitIds ?? [] })}
      >
        <Form.Item name="leaderIds" label={t('ledger.leaders')}>
          <Select mode="multiple" allowClear optionFilterProp="label" options={leaderOptions} loading={leaders.isPending} data-testid="owners-leaders" />
        </Form.Item>
        <Form.Item name="hostUnitIds" label={t('ledger.hostUnits')} rules={[{ required: true, type: 'array', min: 1, message: t('owners.hostRequired') }]}>
          <Select mode="multiple" allowClear optionFilterProp="label" options={unitOptions} loading={units.isPending} data-testid="owners-hosts" />
        </Form.Item>
        <Form.Item name="coUnitIds" label={t('ledger.coUnits')}>
          <Select mode="multiple" allowClear optionFilterProp="label" options={unitOptions} loading={units.isPending} data-testid="owners-cos" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="owners-save">
          {t('owners.save')}
        </Button>
      </Form>
    </Card>
  );
}
