/**
 * The office's correction of a task's text or deadline on its page. A task's
 * text and deadline are the notice's: only the office (task.update) sees this
 * form, and it must give a reason, which the server keeps in the audit row.
 * Pending extension requests on the task are shown: they stay pending.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../api';
import type { Task } from '../api-types';
import { pendingExtensionsQuery } from '../api/extensions';
import { can, useMe } from '../api/session';
import { useChangeTask } from '../api/tasks';
import { useT } from '../i18n';

interface Values {
  text: string;
  deadline: string;
  deadlineText: string;
  reason: string;
}

export function TaskEdit({ task }: { task: Task }) {
  const me = useMe();
  return can(me.data, 'task.update') ? <TaskEditForm task={task} /> : null;
}

function TaskEditForm({ task }: { task: Task }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState(false);
  const pending = useQuery(pendingExtensionsQuery()).data?.items.filter((x) => x.taskId === task.id).length ?? 0;
  const change = useChangeTask({
    onSuccess: () => {
      setEditing(false);
      void message.success(t('task.edit.saved'));
    },
  });
  const save = (v: Values) =>
    change.mutate({
      id: task.id,
      version: task.version,
      text: v.text,
      deadline: v.deadline.trim() === '' ? null : v.deadline.trim(),
      deadlineText: v.deadlineText.trim() === '' ? null : v.deadlineText.trim(),
      reason: v.reason,
    });
  return (
    <Card size="small" title={t('task.edit')} data-testid="task-edit">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('task.edit.hint')}</Typography.Text>
        {pending > 0 ? <Alert type="warning" showIcon title={t('task.edit.pending', { n: pending })} /> : null}
        {change.problem ? <Alert type="error" showIcon title={messageOf(change.problem)} /> : null}
        {editing ? (
          <Form<Values>
            layout="vertical"
            initialValues={{ text: task.text, deadline: task.deadline ?? '', deadlineText: task.deadlineText ?? '', reason: '' }}
            onFinish={save}
            style={{ maxWidth: 720 }}
          >
            <Form.Item name="text" label={t('task.edit.text')} rules={[{ required: true }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
            </Form.Item>
            <Form.Item name="deadline" label={t('task.edit.deadline')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
              <Input placeholder="YYYY-MM-DD" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="deadlineText" label={t('task.edit.deadlineText')}>
              <Input style={{ maxWidth: 320 }} />
            </Form.Item>
            <Form.Item name="reason" label={t('task.edit.reason')} rules={[{ required: true, whitespace: true, message: t('task.edit.reasonRequired') }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={change.isPending}>
                {t('task.edit.save')}
              </Button>
              <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        ) : (
          <Button onClick={() => setEditing(true)}>{t('task.edit')}</Button>
        )}
      </Space>
    </Card>
  );
}
