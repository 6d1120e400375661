/** Sign-in, sign-out, the current user and their password. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps, App } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-hooks.js';
import { AppError } from '../errors.js';
import { ErrorBody, errorResponses } from '../../server/http-schema.js';
import { allowedActions } from '../auth/authorize.js';
import { presentUser } from '../user/user.presenter.js';
import { findUserById } from '../user/user.repository.js';
import { changeOwnEmail, changePassword } from '../user/user.service.js';
import { EmailBody, OwnUserSchema, PasswordBody, SessionViewSchema, SignInBody } from './session.schema.js';
import { actorOf, signIn, signOut } from './session.service.js';
import { sm3 } from '../../crypto/index.js';

export function sessionRoutes(app: App, deps: AppDeps): void {
  // Secure whenever the request came over HTTPS (directly, or from a trusted proxy that says so), or always if configured.
  const cookieOptions = (request: FastifyRequest) =>
    ({ path: '/', httpOnly: true, sameSite: 'strict', secure: deps.secureCookies === true || request.protocol === 'https' }) as const;

  app.post(
    '/api/session',
    {
      config: { policy: { public: true } },
      schema: { tags: ['会话'], summary: '登录', body: SignInBody, response: { 200: SessionViewSchema, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await signIn(deps.store.db, { username, password, ip: request.ip, userAgent: request.headers['user-agent'] ?? null }, deps.clock);
      if (!result.ok) {
        if (result.status === 429) reply.header('retry-after', String(result.retryAfterSeconds));
        throw new AppError(result.status, result.code, result.message);
      }
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(request));
      const actor = actorOf(result.user, request.ip);
      return {
        user: presentUser(result.user),
        csrfToken: result.csrfToken,
        mustChangePassword: result.mustChangePassword,
        actions: allowedActions(actor),
        governmentId: actor.governmentId,
      };
    },
  );

  app.delete(
    '/api/session',
    { config: { policy: { signedIn: true } }, schema: { tags: ['会话'], summary: '退出登录', response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(deps.store.db, token, deps.clock);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { policy: { signedIn: true } },
      schema: { tags: ['会话'], summary: '当前用户及其可执行的操作', response: { 200: SessionViewSchema, ...errorResponses } },
    },
    async (request) => {
      const actor = request.actor;
      const user = actor?.userId ? await findUserById(deps.store.db, actor.userId) : undefined;
      if (!actor || !user) throw new AppError(401, 'unauthenticated', '请先登录，或登录已超时');
      return {
        user: presentUser(user),
        csrfToken: request.csrfToken ?? '',
        mustChangePassword: user.mustChangePassword,
        actions: allowedActions(actor),
        governmentId: actor.governmentId,
      };
    },
  );

  app.put(
    '/api/me/email',
    {
      config: { policy: { action: 'session.self' } },
      schema: {
        tags: ['会话'],
        summary: '登记或清除自己接收提醒邮件的地址（空字符串为清除）',
        body: EmailBody,
        response: { 200: OwnUserSchema, ...errorResponses },
      },
    },
    async (request) => {
      if (!request.actor) throw new AppError(401, 'unauthenticated', '请先登录，或登录已超时');
      return { user: presentUser(await changeOwnEmail(deps.store.db, request.actor, request.body.email, deps.clock)) };
    },
  );

  app.post(
    '/api/me/password',
    {
      config: { policy: { action: 'session.self' } },
      schema: { tags: ['会话'], summary: '修改自己的密码', body: PasswordBody, response: { 200: OwnUserSchema, ...errorResponses } },
    },
    async (request) => {
      const body = request.body;
      const token = request.cookies[SESSION_COOKIE] ?? '';
      if (!request.actor) throw new AppError(401, 'unauthenticated', '请先登录，或登录已超时');
      const user = await changePassword(deps.store.db, request.actor, { ...body, keepSessionId: sm3(token) }, deps.clock);
      return { user: presentUser(user) };
    },
  );
}
