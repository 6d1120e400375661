/**
 * Errors with a stable code, thrown by services and answered by the HTTP
 * error handler as { "error": { "code", "message" } }; the web app picks its
 * Chinese text by code, and a stack trace never leaves the server.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra data for the client, e.g. the current state on a version conflict. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError(404, 'not_found', `${what}不存在`);

export const badRequest = (message: string, code = 'invalid_request'): AppError => new AppError(400, code, message);

/** A stale update: the client sent an old version; the current state comes back with the error. */
export const versionConflict = (current: unknown): AppError =>
  new AppError(409, 'version_conflict', '数据已被他人修改，请刷新后基于最新内容再提交', { current });
