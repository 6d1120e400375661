/**
 * A task's reporting schedule on its page: its own, or the plan's that it
 * follows (GET /api/schedules). The office (plan.configure) sets one for this
 * task alone (PUT /api/tasks/:id/schedule) or returns it to the plan's
 * (DELETE). The server checks the rule and who asks; its message is shown.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../api';
import type { Task } from '../api-types';
import { schedulesQuery, useTaskSchedule } from '../api/schedules';
import { useT } from '../i18n';
import { can, useMe } from '../api/session';
import { describeSchedule, ScheduleFields, scheduleValues, type ScheduleValues } from './ScheduleFields';
import { QueryView } from './States';

export function TaskSchedule({ task }: { task: Task }) {
  const t = useT();
  const me = useMe();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState(false);
  const query = useQuery(schedulesQuery(task.planId));
  const { save, reset } = useTaskSchedule(task, {
    onSuccess: () => {
      setEditing(false);
      void message.success(t('settings.saved'));
    },
  });
  const configure = can(me.data, 'plan.configure');
  const problem = save.error ?? reset.error;
  return (
    <Card size="small" title={t('task.schedule')} data-testid="task-schedule">
      <QueryView query={query}>
        {(data) => {
          const own = data.items.find((s) => s.taskId === task.id);
          const plan = data.items.find((s) => s.taskId === null);
          return (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text data-testid="task-schedule-rule">
                {own
                  ? t('task.schedule.own', { rule: describeSchedule(t, own) })
                  : plan
                    ? t('task.schedule.plan', { rule: describeSchedule(t, plan) })
                    : t('task.schedule.none')}
              </Typography.Text>
              {problem ? <Alert type="error" showIcon title={messageOf(problem)} /> : null}
              {configure && editing ? (
                <Form<ScheduleValues>
                  layout="vertical"
                  initialValues={scheduleValues(own ?? plan)}
                  onFinish={(values) => save.mutate(values)}
                  style={{ maxWidth: 480 }}
                >
                  <ScheduleFields />
                  <Space>
                    <Button type="primary" htmlType="submit" loading={save.isPending}>
                      {t('task.schedule.save')}
                    </Button>
                    <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
                  </Space>
                </Form>
              ) : null}
              {configure && !editing ? (
                <Space wrap>
                  <Button onClick={() => setEditing(true)}>{t(own ? 'task.schedule.change' : 'task.schedule.set')}</Button>
                  {own ? (
                    <Popconfirm
                      title={t('task.schedule.reset.confirm')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => reset.mutate()}
                    >
                      <Button loading={reset.isPending}>{t('task.schedule.reset')}</Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ) : null}
            </Space>
          );
        }}
      </QueryView>
    </Card>
  );
}
