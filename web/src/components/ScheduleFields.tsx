/**
 * A reporting schedule's fields (period, due day, month of the due day), for
 * the plan's schedule in the settings and a task's own on its page; and the
 * schedule in one line of words.
 */
import { Form, InputNumber, Radio } from 'antd';
import type { BodyOf, Schedule } from '../api-types';
import { useT, type Translate } from '../i18n';

/** The fields' values are the schedule as PUT /api/plans/:id/schedule takes it. */
export type ScheduleValues = BodyOf<'PUT /api/plans/{id}/schedule'>;

export const DEFAULT_SCHEDULE: ScheduleValues = { kind: 'monthly', dueDay: 5, dueOffset: 'next' };

export const scheduleValues = (s: Schedule | undefined): ScheduleValues => (s ? { kind: s.kind, dueDay: s.dueDay, dueOffset: s.dueOffset } : DEFAULT_SCHEDULE);

/** "按月，下一个月 5 日截止". */
export function describeSchedule(t: Translate, s: ScheduleValues): string {
  return t('schedule.describe', {
    kind: t(s.kind === 'monthly' ? 'settings.schedule.monthly' : 'settings.schedule.quarterly'),
    month: t(s.dueOffset === 'same' ? 'settings.schedule.same' : 'settings.schedule.next'),
    day: s.dueDay,
  });
}

export function ScheduleFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="kind" label={t('settings.schedule.kind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'monthly', label: t('settings.schedule.monthly') },
            { value: 'quarterly', label: t('settings.schedule.quarterly') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="dueDay"
        label={t('settings.schedule.dueDay')}
        extra={t('settings.schedule.dueDay.extra')}
        rules={[{ required: true, message: t('settings.required') }]}
      >
        <InputNumber min={1} max={31} precision={0} suffix={t('settings.unit.dayOfMonth')} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="dueOffset" label={t('settings.schedule.dueOffset')}>
        <Radio.Group
          options={[
            { value: 'same', label: t('settings.schedule.same') },
            { value: 'next', label: t('settings.schedule.next') },
          ]}
        />
      </Form.Item>
    </>
  );
}
