/**
 * The office's settings (督办设置) for the current plan: the thresholds of the
 * lights, reminders, the rules that issue supervision orders, the scoring
 * scheme, the bulletin's letterhead — all from
 * GET /api/plans/:id/settings, each card saved on its own as a partial
 * PUT with the version read — and the reporting schedule
 * (GET /api/schedules, PUT /api/plans/:id/schedule). The server checks every
 * value: its Chinese message is shown beside the form; when someone saved
 * in between, the card keeps what was typed and offers to reload
 * (api/settings.ts). The government's profile (政府信息, GovernmentProfileCard) is the
 * government's, not the plan's: the bulletin card's organ and prefix override it for this plan.
 */
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  ConfigProvider,
  Form,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tabs,
  Typography,
} from 'antd';
import { useMemo, type ReactNode } from 'react';
import { messageOf } from '../api';
import type { Plan, PlanSettings, SettingsView } from '../api-types';
import { dashboardQuery } from '../api/dashboard';
import { schedulesQuery, useSavePlanSchedule } from '../api/schedules';
import { settingsQuery, useSaveSettings } from '../api/settings';
import type { Conflict } from '../api/versioned';
import { ConflictNotice } from '../components/ConflictNotice';
import { GovernmentProfileCard } from '../components/GovernmentProfileCard';
import { PlanScreen } from '../components/PlanScreen';
import { ScheduleFields, scheduleValues, type ScheduleValues } from '../components/ScheduleFields';
import { QueryView } from '../components/States';
import { useT, type MessageKey } from '../i18n';

type Part = keyof PlanSettings;

export default function SettingsPage() {
  const t = useT();
  // An archived plan's settings are shown, not changed.
  return (
    <PlanScreen title={t('settings.title')}>
      {(plan) => (
        <ConfigProvider componentDisabled={plan.archived !== null}>
          <PlanSettingsView plan={plan} />
        </ConfigProvider>
      )}
    </PlanScreen>
  );
}

function PlanSettingsView({ plan }: { plan: Plan }) {
  const t = useT();
  const query = useQuery(settingsQuery(plan.id));
  return (
    <QueryView query={query}>
      {(view) => {
        const items: { key: string; label: string; children: ReactNode }[] = [
          { key: 'status', label: t('settings.tab.status'), children: <StatusForm view={view} /> },
          { key: 'reminders', label: t('settings.tab.reminders'), children: <RemindersForm view={view} /> },
          { key: 'orders', label: t('settings.tab.orders'), children: <OrdersForm view={view} /> },
          { key: 'scoring', label: t('settings.tab.scoring'), children: <ScoringForm view={view} /> },
          { key: 'government', label: t('settings.tab.government'), children: <GovernmentProfileCard /> },
          { key: 'bulletin', label: t('settings.tab.bulletin'), children: <BulletinForm view={view} /> },
          { key: 'schedule', label: t('settings.tab.schedule'), children: <ScheduleForm planId={plan.id} /> },
        ];
        return <Tabs items={items} destroyOnHidden={false} />;
      }}
    </QueryView>
  );
}

/** A card with one form: the server's message above the button, the reload prompt on a conflict. */
function FormShell<T extends object>({
  title,
  hint,
  initialValues,
  onSubmit,
  pending,
  problem,
  conflict,
  children,
  testId,
}: {
  title: string;
  hint?: string;
  initialValues: T;
  onSubmit: (values: T) => void;
  pending: boolean;
  problem: string | null;
  /** Someone saved in between: the card keeps what the user typed and offers to reload. */
  conflict: Conflict | null;
  children: ReactNode;
  testId: string;
}) {
  const t = useT();
  const [form] = Form.useForm<T>();
  // Labels beside the fields on a desktop; above them when the screen is narrow (a tablet held upright, a phone).
  const wide = Grid.useBreakpoint().lg === true;
  return (
    <Card size="small" title={title} data-testid={testId} style={{ maxWidth: 760 }}>
      {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
      <Form
        form={form}
        layout={wide ? 'horizontal' : 'vertical'}
        {...(wide ? { labelCol: { flex: '220px' }, wrapperCol: { flex: 1 } } : {})}
        labelWrap
        initialValues={initialValues}
        onFinish={onSubmit}
      >
        {children}
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="settings-error" /> : null}
        <ConflictNotice conflict={conflict} title={t('settings.stale')} testId="settings-stale" style={{ marginBottom: 16 }} />
        <Space>
          <Button type="primary" htmlType="submit" loading={pending} disabled={conflict !== null}>
            {t('settings.save')}
          </Button>
          <Button onClick={() => form.resetFields()}>{t('settings.undo')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** A number field with its unit after it. */
function NumberField({
  name,
  label,
  extra,
  suffix,
  step = 1,
  min,
}: {
  name: string;
  label: string;
  extra?: string;
  suffix?: string;
  step?: number;
  min?: number;
}) {
  const t = useT();
  return (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: t('settings.required') }]}>
      <InputNumber step={step} {...(min === undefined ? {} : { min })} {...(suffix ? { suffix } : {})} style={{ width: 180 }} />
    </Form.Item>
  );
}

function SwitchField({ name, label, extra }: { name: string; label: string; extra?: string }) {
  return (
    <Form.Item name={name} label={label} extra={extra} valuePropName="checked">
      <Switch />
    </Form.Item>
  );
}

function PartForm<K extends Part>({
  view,
  part,
  title,
  hint,
  children,
  toForm,
  toPatch,
}: {
  view: SettingsView;
  part: K;
  title: string;
  hint?: string;
  children: ReactNode;
  /** The part as the form holds it, when that differs from the server's shape. */
  toForm?: (value: PlanSettings[K]) => Record<string, unknown>;
  toPatch?: (values: Record<string, unknown>) => unknown;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const save = useSaveSettings(view, { onSuccess: () => void message.success(t('settings.saved')) });
  const value = view.settings[part];
  const initial = toForm ? toForm(value) : (value as unknown as Record<string, unknown>);
  return (
    <FormShell<Record<string, unknown>>
      key={view.version}
      title={title}
      {...(hint ? { hint } : {})}
      initialValues={initial}
      onSubmit={(values) => save.mutate({ [part]: toPatch ? toPatch(values) : values })}
      pending={save.isPending}
      problem={save.problem ? messageOf(save.problem) : null}
      conflict={save.conflict}
      testId={`settings-${part}`}
    >
      {children}
    </FormShell>
  );
}

interface MetricLag {
  metric?: string;
  months?: number;
}

/** The form's rows of lags by metric, back to the server's map; blank rows are dropped. */
function lagMonthsOf(rows: MetricLag[] | undefined): Record<string, number> {
  const map: Record<string, number> = {};
  for (const row of rows ?? []) {
    const metric = (row.metric ?? '').trim();
    if (metric && row.months !== undefined && row.months !== null) map[metric] = row.months;
  }
  return map;
}

function StatusForm({ view }: { view: SettingsView }) {
  const t = useT();
  const points = t('settings.unit.points');
  // The metrics of the plan's targets (from its dashboard), offered as the user types.
  const dashboard = useQuery(dashboardQuery(view.planId));
  const metricOptions = useMemo(
    () => [...new Set((dashboard.data?.targets ?? []).map((x) => x.metric).filter(Boolean))].sort().map((value) => ({ value })),
    [dashboard.data],
  );
  const toForm = (status: PlanSettings['status']) => ({
    ...status,
    lagByMetric: Object.entries(status.lagMonthsByMetric).map(([metric, months]) => ({ metric, months })),
  });
  const toPatch = ({ yellowBehind, redBehind, useSchedule, defaultLagMonths, lagByMetric }: Record<string, unknown>) => ({
    yellowBehind,
    redBehind,
    useSchedule,
    defaultLagMonths,
    lagMonthsByMetric: lagMonthsOf(lagByMetric as MetricLag[] | undefined),
  });
  return (
    <PartForm view={view} part="status" title={t('settings.tab.status')} hint={t('settings.status.hint')} toForm={toForm} toPatch={toPatch}>
      <NumberField name="yellowBehind" label={t('settings.status.yellowBehind')} extra={t('settings.status.yellowBehind.extra')} suffix={points} step={1} />
      <NumberField name="redBehind" label={t('settings.status.redBehind')} extra={t('settings.status.redBehind.extra')} suffix={points} step={1} />
      <SwitchField name="useSchedule" label={t('settings.status.useSchedule')} extra={t('settings.status.useSchedule.extra')} />
      <NumberField
        name="defaultLagMonths"
        label={t('settings.status.defaultLagMonths')}
        extra={t('settings.status.defaultLagMonths.extra')}
        suffix={t('settings.unit.months')}
      />
      <Form.Item label={t('settings.status.lagByMetric')} extra={t('settings.status.lagByMetric.extra')}>
        <Form.List name="lagByMetric">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="lag-by-metric">
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, 'metric']}
                    noStyle
                    rules={[
                      { required: true, whitespace: true, message: t('settings.status.lagByMetric.metricRequired') },
                      ({ getFieldValue }) => ({
                        validator: (_, value: string | undefined) => {
                          const rows = (getFieldValue('lagByMetric') as MetricLag[] | undefined) ?? [];
                          const same = rows.filter((r) => (r.metric ?? '').trim() !== '' && (r.metric ?? '').trim() === (value ?? '').trim()).length;
                          return same > 1 ? Promise.reject(new Error(t('settings.status.lagByMetric.duplicate'))) : Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <AutoComplete
                      options={metricOptions}
                      style={{ width: 200 }}
                      placeholder={t('settings.status.lagByMetric.metric')}
                      aria-label={t('settings.status.lagByMetric.metric')}
                      filterOption={(input, option) => String(option?.value ?? '').includes(input.trim())}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'months']} noStyle rules={[{ required: true, message: t('settings.required') }]}>
                    <InputNumber
                      min={0}
                      max={12}
                      precision={0}
                      suffix={t('settings.unit.months')}
                      style={{ width: 140 }}
                      aria-label={t('settings.status.lagByMetric.months')}
                    />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(field.name)}>
                    {t('settings.status.lagByMetric.remove')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ metric: '', months: 1 })}>{t('settings.status.lagByMetric.add')}</Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
    </PartForm>
  );
}

function RemindersForm({ view }: { view: SettingsView }) {
  const t = useT();
  const days = t('settings.unit.days');
  const toPatch = (values: Record<string, unknown>) => ({
    ...values,
    daysBefore: ((values.daysBefore as (string | number)[] | undefined) ?? []).map((d) => Number(d)),
  });
  return (
    <PartForm view={view} part="reminders" title={t('settings.tab.reminders')} hint={t('settings.reminders.hint')} toPatch={toPatch}>
      <Form.Item
        name="daysBefore"
        label={t('settings.reminders.daysBefore')}
        extra={t('settings.reminders.daysBefore.extra')}
        getValueProps={(value: number[] | undefined) => ({ value: (value ?? []).map(String) })}
      >
        <Select
          mode="tags"
          style={{ width: 260 }}
          tokenSeparators={[',', '，', ' ']}
          open={false}
          suffixIcon={null}
          aria-label={t('settings.reminders.daysBefore')}
        />
      </Form.Item>
      <SwitchField name="onDueDay" label={t('settings.reminders.onDueDay')} />
      <NumberField
        name="overdueEveryDays"
        label={t('settings.reminders.overdueEveryDays')}
        extra={t('settings.reminders.overdueEveryDays.extra')}
        suffix={days}
      />
      <NumberField
        name="escalateAfterDays"
        label={t('settings.reminders.escalateAfterDays')}
        extra={t('settings.reminders.escalateAfterDays.extra')}
        suffix={days}
      />
      <SwitchField name="escalateRed" label={t('settings.reminders.escalateRed')} />
    </PartForm>
  );
}

function OrdersForm({ view }: { view: SettingsView }) {
  const t = useT();
  return (
    <PartForm view={view} part="orders" title={t('settings.tab.orders')} hint={t('settings.orders.hint')}>
      <NumberField
        name="overdueDays"
        label={t('settings.orders.overdueDays')}
        extra={t('settings.orders.overdueDays.extra')}
        suffix={t('settings.unit.days')}
      />
      <SwitchField name="redAtClose" label={t('settings.orders.redAtClose')} />
      <NumberField name="redRounds" label={t('settings.orders.redRounds')} extra={t('settings.orders.redRounds.extra')} suffix={t('settings.unit.rounds')} />
      <NumberField name="respondDays" label={t('settings.orders.respondDays')} suffix={t('settings.unit.days')} />
    </PartForm>
  );
}

const SCORING: { name: keyof PlanSettings['scoring']; label: MessageKey }[] = [
  { name: 'base', label: 'settings.scoring.base' },
  { name: 'reportOnTime', label: 'settings.scoring.reportOnTime' },
  { name: 'targetMet', label: 'settings.scoring.targetMet' },
  { name: 'lateReport', label: 'settings.scoring.lateReport' },
  { name: 'returned', label: 'settings.scoring.returned' },
  { name: 'redMonth', label: 'settings.scoring.redMonth' },
  { name: 'unmetTarget', label: 'settings.scoring.unmetTarget' },
  { name: 'unansweredOrder', label: 'settings.scoring.unansweredOrder' },
];

function ScoringForm({ view }: { view: SettingsView }) {
  const t = useT();
  return (
    <PartForm view={view} part="scoring" title={t('settings.tab.scoring')} hint={t('settings.scoring.hint')}>
      {SCORING.map((s) => (
        <NumberField key={s.name} name={s.name} label={t(s.label)} suffix={t('settings.unit.score')} step={0.5} />
      ))}
    </PartForm>
  );
}

function BulletinForm({ view }: { view: SettingsView }) {
  const t = useT();
  return (
    <PartForm view={view} part="bulletin" title={t('settings.tab.bulletin')} hint={t('settings.bulletin.hint')}>
      <Form.Item name="organ" label={t('settings.bulletin.organ')} extra={t('settings.bulletin.organ.extra')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="numberPrefix" label={t('settings.bulletin.numberPrefix')} extra={t('settings.bulletin.numberPrefix.extra')}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="recipients" label={t('settings.bulletin.recipients')} rules={[{ required: true, whitespace: true, message: t('settings.required') }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="copyTo" label={t('settings.bulletin.copyTo')}>
        <Input maxLength={300} />
      </Form.Item>
    </PartForm>
  );
}

function ScheduleForm({ planId }: { planId: number }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const query = useQuery(schedulesQuery(planId));
  const save = useSavePlanSchedule(planId, { onSuccess: () => void message.success(t('settings.saved')) });
  return (
    <QueryView query={query}>
      {(data) => {
        const current = data.items.find((s) => s.taskId === null);
        const own = data.items.filter((s) => s.taskId !== null).length;
        const initial = scheduleValues(current);
        return (
          <FormShell<ScheduleValues>
            key={current ? `${current.id}-${current.version}` : 'none'}
            title={t('settings.tab.schedule')}
            hint={current ? t('settings.schedule.hint') : t('settings.schedule.none')}
            initialValues={initial}
            onSubmit={(values) => save.mutate(values)}
            pending={save.isPending}
            problem={save.error ? messageOf(save.error) : null}
            conflict={null}
            testId="settings-schedule"
          >
            <ScheduleFields />
            {own > 0 ? <Typography.Paragraph type="secondary">{t('settings.schedule.taskOwn', { n: own })}</Typography.Paragraph> : null}
          </FormShell>
        );
      }}
    </QueryView>
  );
}
