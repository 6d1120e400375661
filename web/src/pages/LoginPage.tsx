/**
 * Sign-in. A wrong password shows the server's message; a locked account
 * (429) also says why and what to do; a user whose password change is due
 * (first sign-in, or reset by an administrator) is asked for a new password
 * (POST /api/me/password) before going on.
 */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { messageOf } from '../api';
import type { BodyOf, Me } from '../api-types';
import { meQuery, useChangePassword, useRememberSession, useSignIn } from '../api/session';
import { Loading } from '../components/States';
import { useI18n } from '../i18n';
import { safeNext } from '../routes';

type SignInValues = BodyOf<'POST /api/session'>;

/** The new password typed twice. */
type ChangeValues = BodyOf<'POST /api/me/password'> & { confirm: string };

export default function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const remember = useRememberSession();
  // Sent here by the layout (?change=1): the session exists, its password change is due.
  const resumed = useQuery({ ...meQuery, enabled: params.get('change') === '1' });
  const [signedIn, setSignedIn] = useState<Me | null>(null);
  const me = signedIn ?? resumed.data ?? null;
  const changing = me?.mustChangePassword === true;

  const card = (
    <Card
      style={{ width: 380, maxWidth: '92vw' }}
      title={
        <Typography.Title level={3} style={{ margin: 0 }}>
          {changing ? t('login.change.title') : `${t('app.name')} · ${t('login.title')}`}
        </Typography.Title>
      }
    >
      {resumed.isFetching && !me ? (
        <Loading />
      ) : changing && me ? (
        <ChangePasswordForm
          askCurrent={signedIn === null}
          onDone={(changed) => {
            remember(changed);
            void navigate(next, { replace: true });
          }}
        />
      ) : (
        <SignInForm
          onSignedIn={(session) => {
            remember(session);
            if (session.mustChangePassword) setSignedIn(session);
            else void navigate(next, { replace: true });
          }}
        />
      )}
    </Card>
  );
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 16, padding: 16 }}>
      <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
      {card}
      <Button type="link" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
        {t('app.locale.switch')}
      </Button>
    </div>
  );
}

function SignInForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const signIn = useSignIn();
  const error = signIn.error;
  const busy = signIn.isPending;
  const submit = (values: SignInValues): void => signIn.mutate(values, { onSuccess: onSignedIn });
  return (
    <Form<SignInValues> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={<span data-testid="login-error">{error.message}</span>}
          description={error.code === 'locked' ? t('login.locked.explain') : error.code === 'too_many_attempts' ? t('login.throttled.explain') : undefined}
        />
      ) : null}
      <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.required.username') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.required.password') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}

function ChangePasswordForm({ askCurrent, onDone }: { askCurrent: boolean; onDone: (me: Me) => void }) {
  const { t } = useI18n();
  const change = useChangePassword();
  const error = change.error ? messageOf(change.error) : null;
  const busy = change.isPending;
  const submit = ({ currentPassword, newPassword }: ChangeValues): void =>
    change.mutate({ ...(currentPassword ? { currentPassword } : {}), newPassword }, { onSuccess: onDone });
  return (
    <Form<ChangeValues> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy} data-testid="change-password">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('login.change.explain')} />
      {error ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={<span data-testid="change-error">{error}</span>} /> : null}
      {askCurrent ? (
        <Form.Item label={t('login.change.current')} name="currentPassword" rules={[{ required: true, message: t('login.required.password') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      ) : null}
      <Form.Item
        label={t('login.change.new')}
        name="newPassword"
        extra={t('login.change.rule')}
        rules={[{ required: true, message: t('login.required.password') }]}
      >
        <Input.Password autoComplete="new-password" autoFocus />
      </Form.Item>
      <Form.Item
        label={t('login.change.confirm')}
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('login.required.password') },
          ({ getFieldValue }) => ({
            validator: (_rule, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('login.change.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.change.submit')}
      </Button>
    </Form>
  );
}
