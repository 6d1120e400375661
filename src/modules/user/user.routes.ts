/**
 * Accounts: listed by the administrators, kept (and re-roled) by the system administrator, roles granted and accounts
 * unlocked by the security administrator; passwords reset by either, each for the accounts in their charge (ADR 0025).
 */
import type { App, AppDeps } from '../../server/app.js';
import { IdParams, errorResponses } from '../../server/http-schema.js';
import { actorOf } from '../../server/request-actor.js';
import { presentUser } from './user.presenter.js';
import { DisabledBody, GrantBody, NewUser, PasswordResetSchema, RoleBody, UserListSchema, UserViewSchema } from './user.schema.js';
import { assignRole, createUser, grantRole, issueTemporaryPassword, setDisabled, unlockUser, usersOf } from './user.service.js';

export function userRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  app.get(
    '/api/users',
    {
      config: { policy: { action: 'user.read' } },
      schema: { tags: ['账号'], summary: '账号列表（系统、安全、审计管理员）', response: { 200: UserListSchema, ...errorResponses } },
    },
    async (request) => ({ items: (await usersOf(db, actorOf(request))).map(presentUser) }),
  );

  app.post(
    '/api/users',
    {
      config: { policy: { action: 'user.manage' } },
      schema: { tags: ['账号'], summary: '新建账号（系统管理员）', body: NewUser, response: { 200: UserViewSchema, ...errorResponses } },
    },
    async (request) => presentUser(await createUser(db, actorOf(request), request.body, deps.clock)),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { policy: { action: 'account.unlock' } },
      schema: { tags: ['账号'], summary: '解除登录锁定（安全管理员）', params: IdParams, response: { 200: UserViewSchema, ...errorResponses } },
    },
    async (request) => presentUser(await unlockUser(db, actorOf(request), { id: request.params.id }, deps.clock)),
  );

  app.post(
    '/api/users/:id/password-reset',
    {
      config: { policy: { action: 'password.reset' } },
      schema: {
        tags: ['账号'],
        summary: '重置密码（系统管理员重置业务账号，安全管理员重置管理员账号）：答复一次性临时密码，下次登录必须修改',
        params: IdParams,
        response: { 200: PasswordResetSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { user, temporaryPassword } = await issueTemporaryPassword(db, actorOf(request), { id: request.params.id }, deps.clock);
      return { user: presentUser(user), temporaryPassword };
    },
  );

  app.put(
    '/api/users/:id/role',
    {
      config: { policy: { action: 'user.manage' } },
      schema: {
        tags: ['账号'],
        summary: '调整角色（系统管理员）；新角色待安全管理员授权后生效',
        params: IdParams,
        body: RoleBody,
        response: { 200: UserViewSchema, ...errorResponses },
      },
    },
    async (request) => presentUser(await assignRole(db, actorOf(request), { user: { id: request.params.id }, ...request.body }, deps.clock)),
  );

  app.post(
    '/api/users/:id/grant',
    {
      config: { policy: { action: 'role.assign' } },
      schema: { tags: ['账号'], summary: '授权角色（安全管理员）', params: IdParams, body: GrantBody, response: { 200: UserViewSchema, ...errorResponses } },
    },
    async (request) => presentUser(await grantRole(db, actorOf(request), { user: { id: request.params.id }, ...request.body }, deps.clock)),
  );

  app.put(
    '/api/users/:id/disabled',
    {
      config: { policy: { action: 'user.manage' } },
      schema: {
        tags: ['账号'],
        summary: '停用或启用账号（系统管理员）',
        params: IdParams,
        body: DisabledBody,
        response: { 200: UserViewSchema, ...errorResponses },
      },
    },
    async (request) => presentUser(await setDisabled(db, actorOf(request), { user: { id: request.params.id }, disabled: request.body.disabled }, deps.clock)),
  );
}
