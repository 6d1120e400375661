/**
 * Text as requests bring it, handled once for every route: a JSON body must
 * be valid UTF-8 (a byte that decodes to nothing is refused, not turned into
 * U+FFFD), and every string in a body, a query string or the path's
 * parameters is NFC-normalized and refused when it holds control or
 * bidirectional override characters (domain/text.ts). Names are held to the
 * stricter rule by their schema (the x-name keyword, validation.ts).
 */
import type { FastifyInstance } from 'fastify';
import { describeTextProblem, normalizeText, textProblem } from '../domain/text.js';
import { badRequest } from '../modules/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** application/json read as bytes and decoded strictly, then parsed by Fastify's own parser (proto poisoning refused). */
export function parseJsonStrictly(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(badRequest('请求体不是有效的 UTF-8 文本，无法读取；请以 UTF-8 编码发送'), undefined);
      return;
    }
    void parse(request, text, done);
  });
}

type Container = Record<string, unknown> | unknown[];

/**
 * Normalizes every string inside `value` in place (object keys too) and
 * returns the value, or the normalized string when `value` is one; throws a
 * 400 naming the first string that breaks the rule. Iterative: a deeply
 * nested body cannot exhaust the stack.
 */
function cleanStrings(value: unknown, root: string): unknown {
  if (typeof value === 'string') return cleanString(value, root);
  const pending: { node: Container; path: string }[] = [];
  if (isContainer(value)) pending.push({ node: value, path: root });
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node, path } = item;
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        if (typeof child === 'string') node[i] = cleanString(child, `${path}.${i}`);
        else if (isContainer(child)) pending.push({ node: child, path: `${path}.${i}` });
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      const cleanKey = cleanString(key, path);
      const where = path ? `${path}.${cleanKey}` : cleanKey;
      const cleanChild = typeof child === 'string' ? cleanString(child, where) : child;
      if (cleanKey !== key) delete node[key];
      if (cleanKey !== key || cleanChild !== child) node[cleanKey] = cleanChild;
      if (isContainer(cleanChild)) pending.push({ node: cleanChild, path: where });
    }
  }
  return value;
}

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

function cleanString(value: string, where: string): string {
  // Most strings are plain ASCII text: nothing to normalize, only controls to look for.
  const text = /[^\u0000-\u007f]/.test(value) ? normalizeText(value) : value;
  const problem = textProblem(text, 'text');
  if (problem) throw badRequest(`请求参数有误：字段 ${where || '(请求体)'} ${describeTextProblem(problem)}`);
  return text;
}

/** Runs before validation, so the schemas (lengths, names, enums) see the normalized text. */
export function cleanIncomingText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined && request.body !== null) request.body = cleanStrings(request.body, 'body');
    cleanStrings(request.query, 'querystring');
    cleanStrings(request.params, 'params');
  });
}
