import type { Action } from './actions.js';

/** The one error the chokepoint throws; the HTTP layer answers 403 with its code. */
export class ForbiddenError extends Error {
  readonly code = 'forbidden';
  readonly status = 403;

  constructor(
    readonly action: Action,
    message = '没有权限执行此操作',
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
