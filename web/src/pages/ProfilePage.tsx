/** The signed-in user's own settings: the e-mail for reminders (PUT /api/me/email) and the password (POST /api/me/password). */
import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, Row, Space, Typography } from 'antd';
import { messageOf } from '../api';
import { useChangePassword, useMe, useSaveEmail } from '../api/session';
import { QueryView } from '../components/States';
import { useT } from '../i18n';

export default function ProfilePage() {
  const t = useT();
  const me = useMe();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('profile.title')}
      </Typography.Title>
      <QueryView query={me}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('profile.account')}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('admin.username')}>{data.user.username}</Descriptions.Item>
                  <Descriptions.Item label={t('admin.displayName')}>{data.user.displayName}</Descriptions.Item>
                  <Descriptions.Item label={t('admin.role')}>{data.user.roleLabel}</Descriptions.Item>
                </Descriptions>
                <EmailForm email={data.user.email ?? ''} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <PasswordCard />
            </Col>
          </Row>
        )}
      </QueryView>
    </Space>
  );
}

function EmailForm({ email }: { email: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const save = useSaveEmail();
  return (
    <Form
      layout="vertical"
      onFinish={(v: { email?: string }) =>
        save.mutate((v.email ?? '').trim(), {
          onSuccess: () => void message.success(t('profile.email.saved')),
          onError: (e) => void message.error(messageOf(e)),
        })
      }
      initialValues={{ email }}
    >
      <Form.Item name="email" label={t('profile.email')} extra={t('profile.email.hint')} rules={[{ type: 'email', message: t('profile.email.invalid') }]}>
        <Input type="email" autoComplete="email" maxLength={254} />
      </Form.Item>
      <Button htmlType="submit" loading={save.isPending}>
        {t('profile.email.save')}
      </Button>
    </Form>
  );
}

function PasswordCard() {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const change = useChangePassword();
  return (
    <Card size="small" title={t('profile.password')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          change.mutate(
            { currentPassword: v.currentPassword, newPassword: v.newPassword },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t('profile.password.saved'));
              },
              onError: (e) => void message.error(messageOf(e)),
            },
          )
        }
      >
        <Form.Item name="currentPassword" label={t('login.change.current')} rules={[{ required: true, message: t('login.required.password') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('login.change.new')}
          extra={t('login.change.rule')}
          rules={[{ required: true, message: t('login.required.password') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('login.change.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('login.required.password') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('login.change.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('profile.password')}
        </Button>
      </Form>
    </Card>
  );
}
