/**
 * The configuration: every environment variable Luoshi reads, parsed and
 * checked once at start (loadConfig) into a frozen Config that the doors —
 * the CLI commands, the server, the jobs — pass down as values. This is the
 * one file that reads process.env (test/config/env-guard.test.ts keeps it
 * so), and each variable is described once, in docs/operations.md.
 *
 * A blank variable counts as unset. Values are trimmed, except the
 * administrator's password, whose policy check stays with the password
 * policy (startup/open.ts).
 */
import { DEFAULT_GOVERNMENT_NAME } from './modules/government/government.repository.js';
import type { DeliveryConfig } from './modules/notification/delivery.config.js';
import { DEFAULT_DB, DEFAULT_DB_POOL, parseLocation } from './store/location.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** LUOSHI_DB: a SQLite file path or sqlite: URL, or a postgres:// URL; the --db flag wins. */
  readonly db: string;
  /** LUOSHI_DB_POOL: connections in the PostgreSQL pool. */
  readonly dbPool: number;
  /** LUOSHI_FILES: the evidence files' folder; unset: files/ beside the SQLite file, else data/files. */
  readonly files: string | undefined;
  /** LUOSHI_GOVERNMENT: the government's name, given when the database is first opened. */
  readonly government: string;
  /** LUOSHI_ADMIN_USERNAME: the first administrator's username; unset: drawn at random (admin-xxxxxx) and shown. */
  readonly adminUsername: string | undefined;
  /** LUOSHI_ADMIN_PASSWORD: the first administrator's password; unset: drawn at random and shown once. */
  readonly adminPassword: string | undefined;
  /** LUOSHI_SECURE_COOKIES: the session cookie carries Secure (the site is served over HTTPS). */
  readonly secureCookies: boolean;
  /** LUOSHI_SOFFICE: the LibreOffice program; unset: the usual places. */
  readonly soffice: string | undefined;
  /** LUOSHI_SMTP_URL, LUOSHI_MAIL_FROM, LUOSHI_WEBHOOK_URL, LUOSHI_PUBLIC_URL: where notifications go besides the app. */
  readonly delivery: Readonly<DeliveryConfig>;
  /** PORT: where `luoshi serve` and `luoshi demo` listen; the --port flag wins. */
  readonly port: number;
  /** HOST: the address they listen on; the --host flag wins. */
  readonly host: string;
  /** LOG_LEVEL: the server log's level (pino). */
  readonly logLevel: LogLevel;
}

/** One line naming every bad variable, its value and what it should be. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('；'));
    this.name = 'ConfigError';
  }
}

/** Parses and checks the environment; ConfigError when a variable is bad. */
export function loadConfig(env: Environment = process.env): Config {
  const problems: string[] = [];
  const read = <T>(name: string, expected: string, parse: (value: string) => T | undefined, fallback: T): T => {
    const value = env[name]?.trim();
    if (value === undefined || value === '') return fallback;
    const parsed = parse(value);
    if (parsed === undefined) problems.push(`环境变量 ${name} 应为${/^[!-~]/.test(expected) ? ' ' : ''}${expected}，现为“${shown(value)}”`);
    return parsed ?? fallback;
  };
  const text = (name: string): string | undefined => read(name, '', (value) => value, undefined);

  const delivery = (): DeliveryConfig => {
    const smtpUrl = read('LUOSHI_SMTP_URL', 'smtp:// 或 smtps:// 地址', url('smtp:', 'smtps:'), undefined);
    const mailFrom = read(
      'LUOSHI_MAIL_FROM',
      '邮件地址，如 duchashi@example.gov.cn 或 督查室 <duchashi@example.gov.cn>',
      (v) => (MAILBOX.test(v) ? v : undefined),
      undefined,
    );
    const webhookUrl = read('LUOSHI_WEBHOOK_URL', 'http:// 或 https:// 地址', url('http:', 'https:'), undefined);
    const publicUrl = read('LUOSHI_PUBLIC_URL', 'http:// 或 https:// 地址，如 https://luoshi.example.gov.cn', url('http:', 'https:'), undefined);
    return Object.freeze({
      ...(smtpUrl === undefined ? {} : { smtpUrl }),
      ...(mailFrom === undefined ? {} : { mailFrom }),
      ...(webhookUrl === undefined ? {} : { webhookUrl }),
      ...(publicUrl === undefined ? {} : { publicUrl: publicUrl.replace(/\/+$/, '') }),
    });
  };

  const adminPassword = env.LUOSHI_ADMIN_PASSWORD;
  const config: Config = {
    db: read('LUOSHI_DB', '文件路径、sqlite: 地址或 postgres:// 地址', databaseAddress, DEFAULT_DB),
    dbPool: read('LUOSHI_DB_POOL', '1 到 100 之间的整数', integerIn(1, 100), DEFAULT_DB_POOL),
    files: text('LUOSHI_FILES'),
    government: text('LUOSHI_GOVERNMENT') ?? DEFAULT_GOVERNMENT_NAME,
    adminUsername: text('LUOSHI_ADMIN_USERNAME'),
    adminPassword: adminPassword === undefined || adminPassword === '' ? undefined : adminPassword,
    secureCookies: read('LUOSHI_SECURE_COOKIES', '1 或 0（也可写 true/false、yes/no、on/off）', boolean, false),
    soffice: text('LUOSHI_SOFFICE'),
    delivery: delivery(),
    port: read('PORT', '0 到 65535 之间的整数', integerIn(0, 65535), 8080),
    host: text('HOST') ?? '127.0.0.1',
    logLevel: read('LOG_LEVEL', `${LOG_LEVELS.join('、')} 之一`, logLevel, 'warn'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/**
 * NO_COLOR (no-color.org): set, in any form, the CLI writes no colours. A
 * terminal convention rather than Luoshi's configuration, read on each use.
 */
export const colorDisabled = (env: Environment = process.env): boolean => env.NO_COLOR !== undefined;

/** A variable named at run time, such as the one `luoshi user add --password-env NAME` reads the password from. */
export const environmentValue = (name: string, env: Environment = process.env): string | undefined => env[name];

/** The environment a program we start (LibreOffice) inherits, with some variables changed: passed through, not configuration. */
export const childEnvironment = (changes: Record<string, string>): Record<string, string | undefined> => ({ ...process.env, ...changes });

function databaseAddress(value: string): string | undefined {
  try {
    parseLocation(value);
    return value;
  } catch {
    return undefined;
  }
}

const integerIn =
  (min: number, max: number) =>
  (value: string): number | undefined => {
    if (!/^\d{1,9}$/.test(value)) return undefined;
    const n = Number(value);
    return n >= min && n <= max ? n : undefined;
  };

const BOOLEANS: Record<string, boolean> = { '1': true, true: true, yes: true, on: true, '0': false, false: false, no: false, off: false };
const boolean = (value: string): boolean | undefined => BOOLEANS[value.toLowerCase()];

const logLevel = (value: string): LogLevel | undefined => LOG_LEVELS.find((level) => level === value.toLowerCase());

const url =
  (...protocols: string[]) =>
  (value: string): string | undefined => {
    try {
      const parsed = new URL(value);
      return protocols.includes(parsed.protocol) && parsed.hostname !== '' ? value : undefined;
    } catch {
      return undefined;
    }
  };

/** An address alone or a display name before it in angle brackets. */
const MAILBOX = /^(?:[^<>@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/u;

/** The value as the message shows it: a password inside a URL masked, control characters escaped, long values cut. */
function shown(value: string): string {
  const masked = value.replace(/(\/\/[^/:@\s]*:)[^@\s]*@/, '$1***@');
  const escaped = masked.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > 200 ? `${escaped.slice(0, 200)}…` : escaped;
}
