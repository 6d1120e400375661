import type { FastifyRequest } from 'fastify';
import type { AuthActor } from '../modules/auth/authorize.js';
import { AppError } from '../modules/errors.js';

/** The signed-in actor of a request whose route requires one (the hooks have checked). */
export function actorOf(request: FastifyRequest): AuthActor {
  if (!request.actor) throw new AppError(401, 'unauthenticated', '请先登录，或登录已超时');
  return request.actor;
}
