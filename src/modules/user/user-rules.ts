/** Pure checks of account fields, shared by the services and the CLI. */
import { normalizeText, textProblem } from '../../domain/text.js';
import { ROLE_LABELS, ROLES, UNIT_ROLES, isRole, type Role } from '../../domain/roles.js';
import { UserError } from './user.errors.js';

/** Letters, digits, _ . - and Chinese characters; 3 to 32 of them. */
const USERNAME = /^[\p{Script=Han}a-zA-Z0-9_.-]{3,32}$/u;
const DISPLAY_NAME_MAX = 64;

export function checkUsername(value: string): string {
  const username = normalizeText(value).trim();
  if (!USERNAME.test(username)) {
    throw new UserError('invalid_username', `用户名“${username}”无效：须为 3–32 个字符，只能包含字母、数字、汉字和 _ . -`);
  }
  return username;
}

export function checkDisplayName(value: string): string {
  const name = normalizeText(value).trim();
  if (name === '' || [...name].length > DISPLAY_NAME_MAX || textProblem(name, 'name') !== null) {
    throw new UserError('invalid_display_name', `显示名无效：须为 1–${DISPLAY_NAME_MAX} 个字符，不含控制字符和文字方向控制符`);
  }
  return name;
}

const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/u;

/** An e-mail address for reminders: one plain address, no display name; '' clears it. */
export function checkEmail(value: string): string | null {
  const email = value.trim();
  if (email === '') return null;
  if (email.length > 254 || !EMAIL_RE.test(email)) throw new UserError('invalid_email', `邮箱地址无效：${email.slice(0, 60)}`);
  return email;
}

/** A role by its code (office) or its Chinese label (督查室). */
export function parseRole(value: string): Role {
  const v = value.trim();
  if (isRole(v)) return v;
  const byLabel = ROLES.find((role) => ROLE_LABELS[role] === v);
  if (byLabel) return byLabel;
  const choices = ROLES.map((role) => `${role}（${ROLE_LABELS[role]}）`).join('、');
  throw new UserError('invalid_role', `未知角色：${v}，可选：${choices}`);
}

export const needsUnit = (role: Role): boolean => UNIT_ROLES.includes(role);
