/**
 * Text as the ledger keeps it. Every string that comes in (a request, a
 * notice, a unit directory, a command-line option) is NFC-normalized, so that
 * the same name typed on two keyboards is one name, and refused when it holds
 * characters a reader cannot see:
 *
 * - C0 and C1 control characters (NUL, ESC, DEL, U+0080–U+009F…); free text
 *   keeps its tab, line feed and carriage return, a name keeps none of them;
 * - the bidirectional embedding, override and isolate characters
 *   (U+202A–U+202E, U+2066–U+2069), which make a name or a sentence display in
 *   another order than it is stored; names also refuse the direction marks
 *   U+200E, U+200F and U+061C;
 * - lone UTF-16 surrogates (a JSON escape such as \ud800), which no encoding can write.
 */

/** A name (user, unit, leader, task title…): one line. Free text: may span lines. */
export type TextKind = 'name' | 'text';

export type TextProblem = 'control' | 'bidi' | 'unpaired_surrogate';

const TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const NAME_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const TEXT_BIDI = /[\u202A-\u202E\u2066-\u2069]/;
// With the u flag a surrogate class matches only a surrogate that is not half of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const NAME_BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** What is wrong with a string as a name or as free text, or null when nothing is. */
export function textProblem(value: string, kind: TextKind): TextProblem | null {
  if (LONE_SURROGATE.test(value)) return 'unpaired_surrogate';
  if ((kind === 'name' ? NAME_CONTROL : TEXT_CONTROL).test(value)) return 'control';
  if ((kind === 'name' ? NAME_BIDI : TEXT_BIDI).test(value)) return 'bidi';
  return null;
}

/** The problem in plain Chinese, to follow "字段 X" or "单位名称“X”". */
export function describeTextProblem(problem: TextProblem): string {
  switch (problem) {
    case 'control':
      return '含有不允许的控制字符';
    case 'bidi':
      return '含有不允许的文字方向控制符';
    case 'unpaired_surrogate':
      return '含有无法编码的字符';
  }
}

/** NFC, the one form the ledger stores and compares. */
export const normalizeText = (value: string): string => value.normalize('NFC');

/** Thrown by cleanName: the name and what is wrong with it. */
export class TextRuleError extends Error {
  constructor(
    readonly problem: TextProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TextRuleError';
  }
}

/**
 * A name as stored: NFC, trimmed. Throws TextRuleError naming `what` (单位名称,
 * 领导姓名…) when it holds a control or direction character.
 */
export function cleanName(value: string, what: string): string {
  const normalized = normalizeText(value).trim();
  const problem = textProblem(normalized, 'name');
  if (problem) throw new TextRuleError(problem, `${what}“${visible(normalized)}”${describeTextProblem(problem)}`);
  return normalized;
}

/** The name with its invisible characters shown as \u escapes, so a message can quote it safely. */
export function visible(value: string): string {
  return value.replace(
    /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]|[\uD800-\uDFFF]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]|[\uD800-\uDFFF]/gu;

/**
 * Text read from a document (a notice, a unit directory): NFC, with the
 * characters a reader cannot see dropped (controls other than tab and line
 * feed, direction marks and overrides, lone surrogates). A document is not
 * refused for them: they are what copying out of a web page or a PDF leaves.
 */
export const plainText = (value: string): string => normalizeText(value).replace(INVISIBLE, '');

/** Every string in a JSON-like value through plainText; objects and arrays are copied. */
export function plainTextDeep<T>(value: T): T {
  if (typeof value === 'string') return plainText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => plainTextDeep(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[plainKey(k)] = plainTextDeep(v);
    return out as T;
  }
  return value;
}

/** Keys repeat in every object of a plan (text, hostUnits…): each is cleaned once. */
const keys = new Map<string, string>();
function plainKey(key: string): string {
  let clean = keys.get(key);
  if (clean === undefined) {
    clean = plainText(key);
    if (keys.size < 1024) keys.set(key, clean);
  }
  return clean;
}
