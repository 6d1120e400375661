/**
 * Users (GET /api/users): create, disable or enable and change the role
 * (user.manage, the system administrator), unlock and grant a requested role
 * (account.unlock and role.assign, the security administrator), reset a
 * password (password.reset: the system administrator a ledger account's, the
 * security administrator an administrator's; the temporary password shown
 * once), each offered only when GET /api/me's `actions` allow it. A role the system administrator
 * set shows as awaiting its grant until the security administrator grants it.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../api';
import type { BodyOf, Role, User } from '../api-types';
import { ADMIN_ROLES, ROLE_LABELS } from '../api/types.gen';
import { can, useMe } from '../api/session';
import { unitsQuery } from '../api/units';
import { usePasswordReset, usersQuery, useUserChange } from '../api/users';
import { EmptyState, QueryView } from '../components/States';
import { useT } from '../i18n';

const isAdministrator = (role: Role): boolean => (ADMIN_ROLES as readonly Role[]).includes(role);
/** The roles this page offers: the administrators' are set by the operator at the server's console. */
const ROLES = (Object.entries(ROLE_LABELS) as [Role, string][]).filter(([value]) => !isAdministrator(value)).map(([value, label]) => ({ value, label }));

const isLocked = (a: User): boolean => a.lockedUntil !== null && new Date(a.lockedUntil).getTime() > Date.now();

/** An account change with the screen's reactions: a message, and the dialog closed when it succeeds. */
function useUserAction(onDone?: () => void) {
  const t = useT();
  const { message } = AntApp.useApp();
  return useUserChange({
    onSuccess: () => {
      void message.success(t('common.done'));
      onDone?.();
    },
    onError: (e) => void message.error(messageOf(e)),
  });
}

export default function UsersPage() {
  const t = useT();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const [reroling, setReroling] = useState<User | null>(null);
  const users = useQuery(usersQuery());
  const units = useQuery({ ...unitsQuery(), enabled: can(me.data, 'ledger.read') });
  const unitName = (id: number | null) => (id === null ? '—' : (units.data?.items.find((u) => u.id === id)?.name ?? `#${id}`));
  const action = useUserAction();
  const manage = can(me.data, 'user.manage');
  const unlock = can(me.data, 'account.unlock');
  const assign = can(me.data, 'role.assign');
  // The system administrator resets ledger accounts' passwords, the security administrator administrators' (ADR 0025).
  const resets = (a: User): boolean =>
    can(me.data, 'password.reset') && a.id !== me.data?.user.id && isAdministrator(a.role) === (me.data?.user.role === 'secadmin');
  const { message } = AntApp.useApp();
  const reset = usePasswordReset({ onError: (e) => void message.error(messageOf(e)) });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.users.title')}
        </Typography.Title>
        {manage ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('admin.create')}
          </Button>
        ) : null}
      </Space>
      <QueryView query={users}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.users.none')} />
          ) : (
            <Card size="small">
              <Table
                size="small"
                rowKey="id"
                dataSource={data.items}
                pagination={data.items.length > 30 ? { pageSize: 30 } : false}
                scroll={{ x: 860 }}
                columns={[
                  { title: t('admin.username'), dataIndex: 'username', key: 'username', width: 140 },
                  { title: t('admin.displayName'), dataIndex: 'displayName', key: 'displayName', width: 120 },
                  { title: t('admin.role'), dataIndex: 'roleLabel', key: 'role', width: 130 },
                  { title: t('admin.unitName'), key: 'unit', render: (_: unknown, a: User) => unitName(a.unitId) },
                  {
                    title: t('admin.state'),
                    key: 'state',
                    width: 170,
                    render: (_: unknown, a: User) => (
                      <Space size={4} wrap>
                        {a.disabled ? <Tag>{t('admin.state.disabled')}</Tag> : <Tag color="green">{t('admin.state.active')}</Tag>}
                        {a.rolePending ? (
                          <Tag color="orange" data-testid={`role-pending-${a.username}`}>
                            {t('admin.state.rolePending')}
                          </Tag>
                        ) : null}
                        {isLocked(a) ? <Tag color="red">{t('admin.state.locked')}</Tag> : null}
                      </Space>
                    ),
                  },
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 220,
                    render: (_: unknown, a: User) => (
                      <Space size={4} wrap>
                        {manage && a.id !== me.data?.user.id ? (
                          <Button size="small" onClick={() => action.mutate({ kind: 'disabled', id: a.id, disabled: !a.disabled })}>
                            {a.disabled ? t('admin.enable') : t('admin.disable')}
                          </Button>
                        ) : null}
                        {unlock && isLocked(a) ? (
                          <Button size="small" onClick={() => action.mutate({ kind: 'unlock', id: a.id })}>
                            {t('admin.unlock')}
                          </Button>
                        ) : null}
                        {resets(a) ? (
                          <Popconfirm
                            title={t('admin.resetPassword')}
                            description={t('admin.resetPassword.confirm', { username: a.username })}
                            okText={t('common.ok')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => reset.mutate(a.id)}
                          >
                            <Button size="small" data-testid={`reset-password-${a.username}`}>
                              {t('admin.resetPassword')}
                            </Button>
                          </Popconfirm>
                        ) : null}
                        {manage && a.id !== me.data?.user.id && !isAdministrator(a.role) ? (
                          <Button size="small" onClick={() => setReroling(a)}>
                            {t('admin.changeRole')}
                          </Button>
                        ) : null}
                        {assign && a.rolePending && a.id !== me.data?.user.id ? (
                          <Button
                            size="small"
                            type="primary"
                            onClick={() => action.mutate({ kind: 'grant', id: a.id, grant: { role: a.role, version: a.version } })}
                          >
                            {t('admin.grant')}
                          </Button>
                        ) : null}
                      </Space>
                    ),
                  },
                ]}
              />
            </Card>
          )
        }
      </QueryView>
      {creating ? <CreateModal onClose={() => setCreating(false)} /> : null}
      {reroling ? <RoleModal account={reroling} onClose={() => setReroling(null)} /> : null}
      {reset.data ? (
        <Modal
          open
          title={t('admin.resetPassword.done', { username: reset.data.user.username })}
          onCancel={() => reset.reset()}
          onOk={() => reset.reset()}
          okText={t('common.ok')}
          cancelButtonProps={{ style: { display: 'none' } }}
        >
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('admin.resetPassword.once')} />
          <Typography.Text code copyable strong style={{ fontSize: 18 }} data-testid="temporary-password">
            {reset.data.temporaryPassword}
          </Typography.Text>
        </Modal>
      ) : null}
    </Space>
  );
}

/** The form's values are the account as POST /api/users takes it. */
type NewAccount = BodyOf<'POST /api/users'>;

const clean = <T extends object>(values: T): T => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as T;

function RoleFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="role" label={t('admin.role')} rules={[{ required: true, message: t('admin.required.role') }]}>
        <Select options={ROLES} />
      </Form.Item>
      <Form.Item noStyle dependencies={['role']}>
        {({ getFieldValue }) => {
          const role = getFieldValue('role') as string | undefined;
          if (role === 'head' || role === 'liaison')
            return (
              <Form.Item name="unitName" label={t('admin.unitName')} rules={[{ required: true, whitespace: true, message: t('admin.required.unit') }]}>
                <Input maxLength={100} />
              </Form.Item>
            );
          if (role === 'leader')
            return (
              <Form.Item name="leaderName" label={t('admin.leaderName')} rules={[{ required: true, whitespace: true, message: t('admin.required.leader') }]}>
                <Input maxLength={100} />
              </Form.Item>
            );
          return null;
        }}
      </Form.Item>
    </>
  );
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<NewAccount>();
  const action = useUserAction(onClose);
  return (
    <Modal
      open
      title={t('admin.create')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={action.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('admin.create.note')} />
      <Form form={form} layout="vertical" onFinish={(v) => action.mutate({ kind: 'create', account: clean(v) })}>
        <Form.Item name="username" label={t('admin.username')} rules={[{ required: true, whitespace: true, message: t('admin.required.username') }]}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <RoleFields />
        <Form.Item
          name="password"
          label={t('admin.password')}
          extra={t('login.change.rule')}
          rules={[{ required: true, message: t('admin.required.password') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="email" label={t('admin.email')} rules={[{ type: 'email', message: t('profile.email.invalid') }]}>
          <Input maxLength={254} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RoleModal({ account, onClose }: { account: User; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<BodyOf<'PUT /api/users/{id}/role'>>();
  const action = useUserAction(onClose);
  return (
    <Modal
      open
      title={`${t('admin.changeRole')} · ${account.username}`}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={action.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: account.role }}
        onFinish={(v) => action.mutate({ kind: 'role', id: account.id, role: clean(v) })}
      >
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('admin.changeRole.note')} />
        <RoleFields />
      </Form>
    </Modal>
  );
}
