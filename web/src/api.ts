/**
 * The one API client. It sends the session cookie (same origin), adds the
 * CSRF token to every write, and turns an error answer
 * `{ error: { code, message } }` into an ApiError carrying the server's
 * Chinese message: screens show `error.message`, never a body or a stack.
 * A request refused for want of a session (401 unauthenticated) sends the
 * user to /login.
 */
import { forgetEarly, takeEarly } from './early';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Messages for answers that carry no message of the server's (a proxy's 502, a dropped connection). */
const FALLBACK: Record<number, string> = {
  0: '无法连接服务器，请检查网络后重试',
  401: '请先登录，或登录已超时',
  403: '没有权限执行此操作',
  404: '要找的内容不存在',
  413: '上传的内容过大',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后再试或联系管理员',
  502: '服务器暂时无法访问，请稍后再试',
  503: '服务器暂时无法访问，请稍后再试',
};

const fallbackMessage = (status: number): string => FALLBACK[status] ?? (status >= 500 ? FALLBACK[500] : '请求未能完成') ?? '请求未能完成';

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
};

/** Remembers the token from POST /api/session or GET /api/me for later writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the server says the session is gone; the router sets a navigation instead of a reload. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Leave a 401 to the caller (the sign-in form) instead of going to /login. */
  noRedirect?: boolean;
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function errorOf(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error?.message === 'string' && error.message ? error.message : fallbackMessage(status);
  return new ApiError(status, code, message, error?.details);
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const address = withQuery(path, options.query);
  // A GET the server had the page fetch already (early.ts); any other request makes those answers stale.
  const early = method === 'GET' ? takeEarly(address) : undefined;
  if (method !== 'GET') forgetEarly();
  let response: Response;
  try {
    response = await (early ??
      fetch(address, {
        method,
        headers,
        credentials: 'same-origin',
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        ...(options.signal ? { signal: options.signal } : {}),
      }));
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', fallbackMessage(0));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): the status decides the message.
    body = null;
  }
  if (!response.ok) {
    const error = errorOf(response.status, body);
    if (error.status === 401 && error.code === 'unauthenticated' && !options.noRedirect) {
      setCsrfToken(null);
      onUnauthenticated();
    }
    throw error;
  }
  if (body === null) throw new ApiError(response.status, 'bad_response', '服务器返回的内容无法识别，请稍后再试');
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown): Promise<T> => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown): Promise<T> => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string): Promise<T> => request<T>('DELETE', path),
};

/** The message to show for any failure: the server's own for an ApiError. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return fallbackMessage(500);
}
