/**
 * Whether an error means the database cannot be reached right now (restart,
 * failover, a connection the server ended, a refused or timed-out connect),
 * as opposed to a fault in the request or the code. Such a failure is
 * temporary: the pool replaces dead connections by itself, so the request is
 * answered 503 and may be retried; the process stays up.
 */

/** SQLSTATE classes and codes: 08 connection exception; 57P01–57P03 the server shutting down or starting; 53300 too many connections. */
const SQLSTATES = /^(?:08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** Node's socket errors on connect or while talking to the server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres says these in words only. */
const MESSAGES = [
  /^Connection terminated/,
  /Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SQLSTATES.test(code) || SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** The answer's text and how long the client should wait before trying again. */
export const DATABASE_UNAVAILABLE = { code: 'database_unavailable', message: '数据库暂时无法连接，请稍后重试', retryAfterSeconds: 5 } as const;
