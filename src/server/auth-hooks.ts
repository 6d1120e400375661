/**
 * Authentication, CSRF and the route's policy, in the order that lets each
 * route climb 401 → 400 → 403 → 200: the session is resolved before the body
 * is validated, the policy is checked after.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { safeEqual } from '../crypto/index.js';
import type { Action } from '../modules/auth/actions.js';
import { can, type AuthActor } from '../modules/auth/authorize.js';
import { AppError } from '../modules/errors.js';

/**
 * What a route declares: open to all, to any signed-in user, or to those who may take an action
 * (`refusal`: the sentence a user who may never take it reads, instead of the general one).
 */
export type RoutePolicy = { public: true } | { signedIn: true } | { action: Action; refusal?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    actor: AuthActor | null;
    csrfToken: string | null;
  }
}

export const SESSION_COOKIE = 'luoshi_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface ResolvedSession {
  actor: AuthActor;
  csrfToken: string;
}

export type SessionResolver = (token: string, ip: string | null) => Promise<ResolvedSession | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthHooks(app: FastifyInstance, resolve: SessionResolver): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request) => {
    const policy = request.routeOptions.config.policy;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolve(token, request.ip);
      if (session) {
        request.actor = { ...session.actor, ip: request.ip };
        request.csrfToken = session.csrfToken;
      }
    }
    if (!policy || 'public' in policy) return;
    if (!request.actor) throw new AppError(401, 'unauthenticated', '请先登录，或登录已超时');
  });

  app.addHook('preHandler', async (request) => {
    // Fastify's own not-found route has no policy; its handler answers 404.
    if (request.is404) return;
    const policy = request.routeOptions.config.policy;
    if (!policy) throw new AppError(500, 'no_policy', '该接口未声明权限规则');
    checkOrigin(request);
    if ('public' in policy) return;
    const actor = request.actor;
    if (!actor) throw new AppError(401, 'unauthenticated', '请先登录，或登录已超时');
    if (!SAFE_METHODS.has(request.method)) checkCsrf(request);
    if ('action' in policy && !can(actor, policy.action)) {
      if (actor.mustChangePassword) throw new AppError(403, 'password_change_required', '首次登录或密码已被重置，请先修改密码');
      if (actor.rolePending) throw new AppError(403, 'role_not_granted', '该账户的角色尚未经安全管理员授权');
      throw new AppError(403, 'forbidden', policy.refusal ?? '没有权限执行此操作');
    }
  });
}

/** A write must come from this site: a foreign Origin is refused even before the token is compared. */
function checkOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError(403, 'csrf', '请求来源不明，已拒绝');
  }
  if (host !== request.headers.host) throw new AppError(403, 'csrf', '请求来源与本站不符，已拒绝');
}

function checkCsrf(request: FastifyRequest): void {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
    throw new AppError(403, 'csrf', '页面已过期，请刷新后重试');
  }
}
