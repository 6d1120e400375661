/** One error handler: every failure becomes { error: { code, message } } in Chinese, never a stack. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ForbiddenError } from '../modules/auth/forbidden-error.js';
import { AppError } from '../modules/errors.js';
import { describeTextProblem, textProblem, visible } from '../domain/text.js';
import { DATE_YEARS } from '../domain/time-progress.js';
import { BODY_LIMIT, ISO_DATE_FORMAT, NAME_KEYWORD } from './http-schema.js';
import { plainNumber } from '../domain/figures.js';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../store/unavailable.js';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  /** The schema the value failed and the value (the validators run verbose). */
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

/** A number out of range: the field and its whole range, as server/number-schema.ts declares it. */
function rangeMessage(field: string, schema: Record<string, unknown> | undefined): string {
  const bound = (key: string): string | null => {
    const limit = schema?.[key];
    return typeof limit === 'number' ? plainNumber(limit) : null;
  };
  const min = bound('minimum') ?? bound('exclusiveMinimum');
  const max = bound('maximum') ?? bound('exclusiveMaximum');
  const kind = schema?.type === 'integer' ? '整数' : '数';
  if (min === null && max === null) return `字段 ${field} 的取值应为有限的数`;
  const range = min !== null && max !== null ? `${min} 至 ${max} 之间的${kind}` : min !== null ? `不小于 ${min} 的${kind}` : `不大于 ${max ?? ''} 的${kind}`;
  return `字段 ${field} 的取值应为 ${range}`;
}

/** A refused value as a message quotes it: invisible characters escaped, long values cut. */
const quoted = (value: unknown): string => {
  const text = visible(String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

const FIELD_MESSAGES: Record<string, (field: string, params: Record<string, unknown>) => string> = {
  required: (f, p) => `缺少字段 ${[f, typeof p.missingProperty === 'string' ? p.missingProperty : ''].filter(Boolean).join('.')}`,
  additionalProperties: (f, p) => `不允许的字段 ${[f, typeof p.additionalProperty === 'string' ? p.additionalProperty : ''].filter(Boolean).join('.')}`,
  type: (f) => `字段 ${f || '(请求体)'} 的类型不对`,
};

const isNumeric = (schema: Record<string, unknown> | undefined): boolean => schema?.type === 'number' || schema?.type === 'integer';

const RANGE_KEYWORDS: ReadonlySet<string> = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);

function describeIssue(field: string, issue: ValidationIssue): string | undefined {
  if (issue.keyword === 'format' && issue.params.format === ISO_DATE_FORMAT) {
    return `字段 ${field} 不是有效日期（YYYY-MM-DD，${DATE_YEARS.min}—${DATE_YEARS.max} 年间的真实日期）：${quoted(issue.data)}`;
  }
  if (issue.keyword === NAME_KEYWORD && typeof issue.data === 'string') {
    const problem = textProblem(issue.data, 'name');
    if (problem) return `字段 ${field} ${describeTextProblem(problem)}（名称中不能有换行、制表符、控制字符或文字方向控制符）`;
  }
  // A number out of range, or one that is no number at all (Infinity from 1e999): the field's range.
  if (RANGE_KEYWORDS.has(issue.keyword) || (issue.keyword === 'type' && typeof issue.data === 'number' && isNumeric(issue.parentSchema))) {
    return rangeMessage(field, issue.parentSchema);
  }
  return FIELD_MESSAGES[issue.keyword]?.(field, issue.params);
}

function validationMessage(issues: readonly ValidationIssue[], context: string | undefined): string {
  const first = issues[0];
  if (!first) return '请求参数有误';
  const field = [context, first.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join('.');
  return `请求参数有误：${describeIssue(field, first) ?? `字段 ${field} 的取值无效`}`;
}

const FASTIFY_CODES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', '不支持的请求格式，请使用 JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', `请求内容超过 ${BODY_LIMIT / 1048576} MB 上限，已拒绝（上传的文件最大 20 MB）`],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_request', '请求体不能为空'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_request', '请求体不是有效的 JSON'],
};

/** Module errors (UserError, PlanError…) carry a 4xx status and a stable code of their own. */
function codedError(err: unknown): { status: number; body: Record<string, unknown> } | null {
  const e = err as { status?: unknown; code?: unknown; message?: unknown; details?: unknown; validation?: unknown };
  if (typeof e.status !== 'number' || e.status < 400 || e.status >= 500 || typeof e.code !== 'string' || e.code.startsWith('FST_')) return null;
  const details = Array.isArray(e.details) && e.details.length === 0 ? undefined : e.details;
  return { status: e.status, body: { code: e.code, message: String(e.message), ...(details === undefined ? {} : { details }) } };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      const body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
      return reply.status(err.status).send(body);
    }
    if (err instanceof ForbiddenError) {
      return reply.status(403).send({ error: { code: err.code, message: err.message } });
    }
    const coded = codedError(err);
    if (coded) return reply.status(coded.status).send({ error: coded.body });
    if (err.validation) {
      const message = validationMessage(err.validation, err.validationContext);
      return reply.status(400).send({ error: { code: 'invalid_request', message } });
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    const status = err.statusCode ?? 500;
    if (known || (status >= 400 && status < 500)) {
      const [code, message] = known ?? ['invalid_request', '请求有误'];
      return reply.status(status).send({ error: { code, message } });
    }
    if (isDatabaseUnavailable(err)) {
      // Temporary: the pool replaces the connections the server ended; the client may simply try again.
      request.log.warn({ err }, 'database unavailable');
      const { code, message, retryAfterSeconds } = DATABASE_UNAVAILABLE;
      return reply.status(503).header('retry-after', String(retryAfterSeconds)).send({ error: { code, message } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal_error', message: '服务器内部错误，请稍后再试或联系管理员' } });
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({ error: { code: 'not_found', message: `没有这个地址：${request.method} ${request.url.split('?')[0] ?? ''}` } });
  });
}
