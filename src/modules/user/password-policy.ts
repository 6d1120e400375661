/**
 * The password rules (GB/T 22239 等保 2.0 asks for complexity; NIST SP 800-63B
 * asks for length and a blocklist). Pure: it returns the reasons a password is
 * refused, in Chinese, so that every door (CLI, HTTP, first run) shows the
 * same sentences.
 */
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_CHARACTER_CLASSES = 3;

export const PASSWORD_RULES_TEXT = `至少 ${MIN_PASSWORD_LENGTH} 个字符，包含大写字母、小写字母、数字、符号中的至少 ${MIN_CHARACTER_CLASSES} 类，不能是常见密码，不能包含用户名`;

/** Everything that is not an ASCII letter or digit counts as a symbol, Chinese characters included. */
const CLASSES: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

const stripTrailing = (s: string): string => s.replace(/[^\p{L}]+$/u, '');

const BLOCKED: ReadonlySet<string> = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
// A stem of one letter ("a" of a123456) would refuse any password that starts with a letter and ends in digits.
const BLOCKED_STEMS: ReadonlySet<string> = new Set(
  COMMON_PASSWORDS.map((p) => stripTrailing(p.toLowerCase())).filter((stem) => stem.length >= 2),
);

export const characterClassCount = (password: string): number => CLASSES.filter((re) => re.test(password)).length;

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = stripTrailing(lower);
  return BLOCKED.has(lower) || BLOCKED.has(stem) || BLOCKED_STEMS.has(stem);
}

/** The reasons a password is refused; empty when it is acceptable. */
export function passwordProblems(password: string, context: { username?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push(`密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符（现为 ${length} 个）`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`);
  if (characterClassCount(password) < MIN_CHARACTER_CLASSES) {
    problems.push(`密码需要包含大写字母、小写字母、数字、符号中的至少 ${MIN_CHARACTER_CLASSES} 类`);
  }
  if (isCommonPassword(password)) problems.push('密码过于常见，容易被猜中');
  const username = context.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && password.toLowerCase().includes(username)) problems.push('密码不能包含用户名');
  return problems;
}
