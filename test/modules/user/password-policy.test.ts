import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from '../../../src/modules/user/common-passwords.js';
import { characterClassCount, isCommonPassword, passwordProblems } from '../../../src/modules/user/password-policy.js';

describe('password policy', () => {
  it('accepts a long password with three character classes', () => {
    expect(passwordProblems('correct-Horse-battery', { username: 'zhangsan' })).toEqual([]);
    expect(passwordProblems('Lu0shi2027Plan', { username: 'zhangsan' })).toEqual([]);
  });

  it('refuses fewer than 12 characters and says how many there are', () => {
    expect(passwordProblems('Ab1!Ab1!Ab1')).toEqual(['密码至少需要 12 个字符（现为 11 个）']);
    expect(passwordProblems('Ab1!Ab1!Ab1x')).toEqual([]);
  });

  it('counts characters, not bytes, for Chinese passphrases', () => {
    // Chinese characters count as symbols: with digits and a letter that makes three classes.
    expect(passwordProblems('落实工作任务2027年底完成a', { username: 'zhangsan' })).toEqual([]);
    expect(passwordProblems('落实任务年底完成A1')).toEqual(['密码至少需要 12 个字符（现为 10 个）']);
  });

  it('needs three of the four classes', () => {
    expect(characterClassCount('abcdefghijkl')).toBe(1);
    expect(characterClassCount('abcdefABCDEF')).toBe(2);
    expect(characterClassCount('abcdefABC123')).toBe(3);
    expect(characterClassCount('abcABC123!@#')).toBe(4);
    expect(passwordProblems('abcdefghijklmn')).toContain('密码需要包含大写字母、小写字母、数字、符号中的至少 3 类');
    expect(passwordProblems('abcdefghijk1234')).toContain('密码需要包含大写字母、小写字母、数字、符号中的至少 3 类');
    expect(passwordProblems('abcdefgh-jk1234')).toEqual([]);
  });

  it.each(['Aa123456', 'woaini1314', '5201314', 'Qq123456', 'Password', 'qwerty123', '1qaz2wsx', 'P@ssw0rd'])('blocks the common password %s', (p) => {
    expect(isCommonPassword(p)).toBe(true);
  });

  it('blocks common passwords whatever their case, and their stems with digits or symbols added', () => {
    expect(isCommonPassword('WOAINI1314')).toBe(true);
    expect(isCommonPassword('Woaini1314520!!')).toBe(true);
    expect(isCommonPassword('Password2027#')).toBe(true);
    expect(isCommonPassword('Qq1234567890!')).toBe(true);
    expect(isCommonPassword('Aa12345678!!')).toBe(true);
    expect(passwordProblems('Woaini1314520!!')).toEqual(['密码过于常见，容易被猜中']);
  });

  it('does not block a password that merely starts with a common stem', () => {
    expect(isCommonPassword('Passwordless-2027')).toBe(false);
    expect(isCommonPassword('A8#kQ2!m9Zp4')).toBe(false);
  });

  it('lists about a hundred common passwords, in lower case, without repeats', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });

  it('refuses a password that contains the username, in any case', () => {
    expect(passwordProblems('xx-ZhangSan-2027', { username: 'zhangsan' })).toEqual(['密码不能包含用户名']);
    expect(passwordProblems('督查室张三Abc12345', { username: '张三Abc' })).toEqual(['密码不能包含用户名']);
  });

  it('lists every reason at once', () => {
    expect(passwordProblems('woaini', { username: 'woaini' })).toHaveLength(4);
  });
});
