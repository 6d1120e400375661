/**
 * The government's profile (ADR 0023) as the office sets it: the name, the
 * region, the issuing office, the bulletin's mark, number prefix and
 * signature. Until the office confirms it, the fields hold what the newest
 * notice's issuer says (fromNotice); saving confirms. Shown as the first-run
 * step on the dashboard (`firstRun`) and in 督办设置 to edit later.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Grid, Input, Space, Typography } from 'antd';
import { messageOf } from '../api';
import type { GovernmentProfile, GovernmentView } from '../api-types';
import { governmentQuery, useSaveGovernment } from '../api/government';
import { can, useMe } from '../api/session';
import { useT } from '../i18n';
import { ConflictNotice } from './ConflictNotice';
import { QueryView } from './States';

const FIELDS: { name: keyof GovernmentProfile; max: number }[] = [
  { name: 'name', max: 50 },
  { name: 'region', max: 30 },
  { name: 'office', max: 60 },
  { name: 'bulletinMark', max: 60 },
  { name: 'numberPrefix', max: 30 },
  { name: 'signature', max: 60 },
];

/** What the form starts with: the confirmed profile, else the notice's words, else what is stored. */
const initialOf = (view: GovernmentView): GovernmentProfile =>
  !view.confirmed && view.fromNotice !== null && view.source !== 'config' ? view.fromNotice : view.profile;

export function GovernmentProfileCard({ firstRun = false }: { firstRun?: boolean }) {
  const me = useMe();
  const office = can(me.data, 'plan.configure');
  // The first-run step is the office's: nobody else asks for it.
  const query = useQuery({ ...governmentQuery(), enabled: office || !firstRun });
  if (firstRun && (!office || query.data?.confirmed !== false)) return null;
  return (
    <QueryView query={query}>
      {(view) => <ProfileForm key={view.version} view={view} firstRun={firstRun} editable={can(me.data, 'plan.configure')} />}
    </QueryView>
  );
}

function ProfileForm({ view, firstRun, editable }: { view: GovernmentView; firstRun: boolean; editable: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<GovernmentProfile>();
  const wide = Grid.useBreakpoint().lg === true;
  const save = useSaveGovernment(view, { onSuccess: () => void message.success(t('government.saved')) });
  const fromNotice = view.fromNotice;
  return (
    <Card
      size="small"
      title={t(firstRun ? 'government.firstRun.title' : 'government.title')}
      data-testid={firstRun ? 'government-first-run' : 'government-profile'}
      style={{ maxWidth: 760 }}
    >
      <Typography.Paragraph type="secondary">
        {firstRun ? t('government.firstRun.hint') : t('government.hint')}
        {!view.confirmed && fromNotice !== null && view.noticeTitle !== null ? ` ${t('government.fromNotice', { title: view.noticeTitle })}` : ''}
      </Typography.Paragraph>
      {view.confirmed ? null : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(view.source === 'none' && fromNotice === null ? 'government.none' : 'government.unconfirmed')}
        />
      )}
      <Form
        form={form}
        layout={wide ? 'horizontal' : 'vertical'}
        {...(wide ? { labelCol: { flex: '160px' }, wrapperCol: { flex: 1 } } : {})}
        labelWrap
        disabled={!editable}
        initialValues={initialOf(view)}
        onFinish={(values) => save.mutate({ ...view.profile, ...values })}
      >
        {FIELDS.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(`government.${f.name}`)}
            extra={t(`government.${f.name}.extra`)}
            {...(f.name === 'name' ? { rules: [{ required: true, whitespace: true, message: t('settings.required') }] } : {})}
          >
            <Input maxLength={f.max} data-testid={`government-${f.name}`} />
          </Form.Item>
        ))}
        {save.problem ? <Alert type="error" showIcon title={messageOf(save.problem)} style={{ marginBottom: 16 }} data-testid="government-error" /> : null}
        <ConflictNotice conflict={save.conflict} title={t('settings.stale')} testId="government-stale" style={{ marginBottom: 16 }} />
        {editable ? (
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending} disabled={save.conflict !== null} data-testid="government-save">
              {t(view.confirmed ? 'settings.save' : 'government.confirm')}
            </Button>
            {fromNotice !== null ? <Button onClick={() => form.setFieldsValue(fromNotice)}>{t('government.useNotice')}</Button> : null}
            <Button onClick={() => form.resetFields()}>{t('settings.undo')}</Button>
          </Space>
        ) : null}
      </Form>
    </Card>
  );
}
