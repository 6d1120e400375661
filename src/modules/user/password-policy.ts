/**
 * The password rules (GB/T 22239 等保 2.0 asks for complexity; NIST SP 800-63B
 * asks for length and a check against common passwords). Pure: it returns the
 * reasons a password is refused, in Chinese, so that every door (CLI, HTTP,
 * first run) shows the same sentences.
 *
 * How guessable a password is, zxcvbn estimates (@zxcvbn-ts/core with the
 * common-password and word lists of @zxcvbn-ts/language-common): dictionary
 * words whatever their case, l33t spellings and reversals, keyboard walks,
 * repeats, sequences, years and dates, and the user's own names.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_CHARACTER_CLASSES = 3;
/**
 * zxcvbn's score 3, "safely unguessable": at least 10^8 guesses, moderate
 * protection against an offline attack on a slow hash in zxcvbn's words. Our
 * hashes are argon2id (slow), and sign-in locks an account after a few
 * failures, so online guessing gets nowhere near that. Score 4 (10^10) would
 * also refuse passwords of 12 to 17 characters with any visible structure,
 * such as Passwordless-2027 or Ab1!Ab1!Ab1x, and push people to write them down.
 */
export const MIN_GUESSABILITY_SCORE = 3;
/**
 * zxcvbn looks at no more than this many characters: its matching grows
 * faster than the length (tens of milliseconds at 64 here). A password whose
 * first 64 characters are hard to guess is hard to guess.
 */
const CHECKED_LENGTH = 64;

export const PASSWORD_RULES_TEXT = `至少 ${MIN_PASSWORD_LENGTH} 个字符，包含大写字母、小写字母、数字、符号中的至少 ${MIN_CHARACTER_CLASSES} 类，不能是常见密码或常见词加数字、符号，不能是键盘序列、重复、连续字符、年份等容易猜中的组合，不能包含用户名`;

/**
 * Words attackers try first against this system and its users that the
 * common lists lack: the system's and the office's names in pinyin, Chinese
 * favourites (names, places, brands, 我爱我家, 爱你) and two administrators'
 * habits. These are the words of our former blocklist that zxcvbn did not
 * know. Added to zxcvbn as one more ranked dictionary, so that case, l33t
 * spellings and combinations are caught as for any listed word.
 */
const LOCAL_WORDS = [
  'luoshi',
  'dubanshi',
  'ducha',
  'zhengfu',
  'gongzuobaogao',
  'woaiwojia',
  'zhangwei',
  'wangwei',
  'wangyang',
  'liuyang',
  'lilei',
  'hanmeimei',
  'zhonghua',
  'guangzhou',
  'shenzhen',
  'huawei',
  'xiaomi',
  'baidu',
  'taobao',
  'weixin',
  'wechat',
  'tencent',
  'root',
  'login',
  'aini',
  'pass@word',
];

const zxcvbn = new ZxcvbnFactory({ dictionary: { ...dictionary, luoshi: LOCAL_WORDS }, graphs: adjacencyGraphs, maxLength: CHECKED_LENGTH });

const COMMON = '密码过于常见，容易被猜中';
const KEYBOARD = '密码含键盘上相邻的按键（如 qwerty、1qaz2wsx），容易被猜中';
const REPEAT = '密码含重复的字符或片段（如 aaa、abcabc），容易被猜中';
const SEQUENCE = '密码含连续的字母或数字（如 abcd、1234），容易被猜中';
const DATE = '密码含年份或日期，容易被猜中';
/** When zxcvbn refuses without naming one pattern: the whole is a combination of guessable parts. */
const GUESSABLE = '密码由常见的词、数字或符号组合而成，容易被猜中';

/** zxcvbn's warnings (its translation keys: we pass no translations) as our sentences. */
const WARNINGS: Readonly<Record<string, string>> = {
  topTen: COMMON,
  topHundred: COMMON,
  common: COMMON,
  similarToCommon: COMMON,
  wordByItself: COMMON,
  namesByThemselves: COMMON,
  commonNames: COMMON,
  pwned: COMMON,
  straightRow: KEYBOARD,
  keyPattern: KEYBOARD,
  simpleRepeat: REPEAT,
  extendedRepeat: REPEAT,
  sequences: SEQUENCE,
  recentYears: DATE,
  dates: DATE,
  userInputs: '密码含用户名、姓名等个人信息，容易被猜中',
};

type Match = ZxcvbnResult['sequence'][number];
type Pattern = Match['pattern'];
const PATTERNS: Readonly<Partial<Record<Pattern, string>>> = { spatial: KEYBOARD, repeat: REPEAT, sequence: SEQUENCE, date: DATE, regex: DATE };

/** Everything that is not an ASCII letter or digit counts as a symbol, Chinese characters included. */
const CLASSES: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

export const characterClassCount = (password: string): number => CLASSES.filter((re) => re.test(password)).length;

export interface PasswordContext {
  username?: string;
  displayName?: string;
}

/** The reasons a password is refused; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push(`密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符（现为 ${length} 个）`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`);
  if (characterClassCount(password) < MIN_CHARACTER_CLASSES) {
    problems.push(`密码需要包含大写字母、小写字母、数字、符号中的至少 ${MIN_CHARACTER_CLASSES} 类`);
  }
  const guessable = guessability(
    password,
    [context.username, context.displayName].filter((s): s is string => s !== undefined && s.trim() !== ''),
  );
  if (guessable !== null) problems.push(guessable);
  const username = context.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && password.toLowerCase().includes(username)) problems.push('密码不能包含用户名');
  return problems;
}

/** Why zxcvbn finds the password easy to guess, or null. */
function guessability(password: string, userInputs: string[]): string | null {
  const result = zxcvbn.check(password, userInputs);
  if (result.score < MIN_GUESSABILITY_SCORE) return WARNINGS[result.feedback.warning ?? ''] ?? patternOfLongest(result.sequence);
  return decoratedWord(password, userInputs);
}

/** zxcvbn warns only when one part stands out; otherwise the longest part says most. */
function patternOfLongest(sequence: ZxcvbnResult['sequence']): string {
  const longest = sequence.reduce<Match | undefined>((a, m) => (a === undefined || m.token.length > a.token.length ? m : a), undefined);
  if (longest === undefined || longest.pattern === 'bruteforce') return GUESSABLE;
  return PATTERNS[longest.pattern] ?? COMMON;
}

/**
 * "Woaini1314520!!", "Beijing2026!": a known word with digits and symbols
 * appended is the first rule a cracker applies, yet zxcvbn multiplies the
 * parts into a high count. The letters before the trailing digits and
 * symbols must not be one known word or pattern by themselves (compared in
 * lower case, where zxcvbn finds "Aa" a repeat and not two random letters).
 */
function decoratedWord(password: string, userInputs: string[]): string | null {
  const stem = password.replace(/[^\p{L}]+$/u, '');
  if (stem === password || stem.length < 2) return null;
  const [only, ...more] = zxcvbn.check(stem.toLowerCase(), userInputs).sequence;
  if (only === undefined || more.length > 0 || only.pattern === 'bruteforce') return null;
  return PATTERNS[only.pattern] ?? COMMON;
}
