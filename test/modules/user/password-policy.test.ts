import { describe, expect, it } from 'vitest';
import { characterClassCount, passwordProblems } from '../../../src/modules/user/password-policy.js';

const guessable = (password: string, context: { username?: string; displayName?: string } = {}): boolean =>
  passwordProblems(password, context).some((p) => p.endsWith('容易被猜中'));

describe('password policy', () => {
  it('accepts a long password with three character classes', () => {
    expect(passwordProblems('correct-Horse-battery', { username: 'zhangsan' })).toEqual([]);
    expect(passwordProblems('Lu0shi2027Plan', { username: 'zhangsan' })).toEqual([]);
  });

  it('refuses fewer than 12 characters and says how many there are', () => {
    expect(passwordProblems('Ab1!Kq7#Zm2')).toEqual(['密码至少需要 12 个字符（现为 11 个）']);
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

  it.each(['Aa123456', 'woaini1314', '5201314', 'Qq123456', 'Password', 'qwerty123', '1qaz2wsx', 'P@ssw0rd'])(
    'refuses the common password %s as guessable',
    (p) => {
      expect(guessable(p)).toBe(true);
    },
  );

  it('refuses common passwords whatever their case, and common words with digits or symbols added', () => {
    for (const p of ['WOAINI1314', 'Woaini1314520!!', 'Password2027#', 'Qq1234567890!', 'Aa12345678!!']) expect(guessable(p), p).toBe(true);
    expect(passwordProblems('Woaini1314520!!')).toEqual(['密码过于常见，容易被猜中']);
  });

  it.each([
    'Password123!',
    'Password2026!',
    'Welcome2026!',
    'Admin@123456',
    'Qwerty123456!',
    'P@ssw0rd2026',
    'Beijing2026!',
    'Zhangwei2026!',
    'Huawei2026!!',
    'Woaini1314!!',
    'Luoshi2027!!',
    'Ducha@123456',
    'Aini1314!!2026',
    'Pass@word12027!',
  ])('refuses %s: a common word or name with digits and symbols', (p) => {
    expect(guessable(p)).toBe(true);
  });

  it.each([
    '1qaz2wsx3edc!Q',
    'Zaq12wsxCde3',
    'Qwertyuiop123!',
    'ASDFGHJKL123!',
    'Qazwsxedc123!',
    'Zxcvbnm12345!',
    'Abcdefghijkl1!',
    'Aaaaaaaaaaa1!',
    'Abcabcabcabc1!',
  ])('refuses %s: a keyboard walk, sequence or repeat', (p) => {
    expect(guessable(p)).toBe(true);
  });

  it('says which pattern makes a password guessable, in Chinese', () => {
    expect(passwordProblems('Qwertyuiop123!')).toEqual(['密码过于常见，容易被猜中']);
    expect(passwordProblems('Zxcvbnm,./1A')).toEqual(['密码含键盘上相邻的按键（如 qwerty、1qaz2wsx），容易被猜中']);
    expect(passwordProblems('Abcdefghijkl1!')).toEqual(['密码含连续的字母或数字（如 abcd、1234），容易被猜中']);
    expect(passwordProblems('Aaaaaaaaaaa1!')).toEqual(['密码含重复的字符或片段（如 aaa、abcabc），容易被猜中']);
  });

  it('does not refuse a password that merely starts with a common word', () => {
    expect(passwordProblems('Passwordless-2027')).toEqual([]);
    expect(passwordProblems('A8#kQ2!m9Zp4')).toEqual([]);
  });

  it('refuses a password that contains the username, in any case', () => {
    expect(passwordProblems('xx-ZhangSan-2027', { username: 'zhangsan' })).toEqual(['密码不能包含用户名']);
    expect(passwordProblems('督查室张三Abc12345', { username: '张三Abc' })).toEqual(['密码不能包含用户名']);
  });

  it('weighs the display name as a word an attacker knows', () => {
    expect(passwordProblems('Zhaoliuqi2027!', { username: 'zlq' })).toEqual([]);
    expect(guessable('Zhaoliuqi2027!', { username: 'zlq', displayName: 'zhaoliuqi' })).toBe(true);
  });

  it('lists every reason at once', () => {
    expect(passwordProblems('woaini', { username: 'woaini' })).toHaveLength(4);
  });

  it('judges long passwords quickly: zxcvbn sees their first 64 characters', () => {
    const started = performance.now();
    expect(passwordProblems('1'.repeat(250) + 'aA')).toEqual(['密码含重复的字符或片段（如 aaa、abcabc），容易被猜中']);
    expect(guessable('aB3!'.repeat(64))).toBe(true);
    expect(passwordProblems('A8#kQ2!m9Zp4-'.repeat(19))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
