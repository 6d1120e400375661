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
import { isIP } from 'node:net';
import { DEFAULT_GOVERNMENT_NAME } from './modules/government/government.repository.js';
import type { AuditAnchorConfig } from './modules/audit/anchor.config.js';
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
  /**
   * LUOSHI_DB_READ: a postgres:// URL of a streaming-replication standby of LUOSHI_DB; the reads that may be a moment
   * behind go there (store.replica, docs/deploy.md). Unset: every read goes to LUOSHI_DB.
   */
  readonly dbRead: string | undefined;
  /** LUOSHI_CACHE_MB: megabytes the process may hold in cached answers (lists, dashboards), all caches together. */
  readonly cacheMb: number;
  /** LUOSHI_FILES: the evidence files' folder; unset: files/ beside the SQLite file, else data/files. */
  readonly files: string | undefined;
  /**
   * LUOSHI_GOVERNMENT: the government's name, given when the database is first opened; optional ('' when unset):
   * the office sets it in the app, or it is read from the first notice imported (ADR 0023).
   */
  readonly government: string;
  /** LUOSHI_ADMIN_USERNAME: the first administrator's username; unset: drawn at random (admin-xxxxxx) and shown. */
  readonly adminUsername: string | undefined;
  /** LUOSHI_ADMIN_PASSWORD: the first administrator's password; unset: drawn at random and shown once. */
  readonly adminPassword: string | undefined;
  /** LUOSHI_SECURE_COOKIES: the session cookie always carries Secure; without it, it does whenever the request came over HTTPS. */
  readonly secureCookies: boolean;
  /**
   * LUOSHI_TRUST_PROXY: the reverse proxies whose X-Forwarded-For and
   * X-Forwarded-Proto are believed (addresses, CIDR ranges, or loopback,
   * linklocal, uniquelocal); empty: none, the peer is the client.
   */
  readonly trustProxy: readonly string[];
  /** LUOSHI_TLS_CERT, LUOSHI_TLS_KEY: PEM files; both set, `luoshi serve` speaks HTTPS itself. */
  readonly tls: Readonly<TlsFiles> | undefined;
  /** LUOSHI_SOFFICE: the LibreOffice program; unset: the usual places. */
  readonly soffice: string | undefined;
  /** LUOSHI_SMTP_URL, LUOSHI_MAIL_FROM, LUOSHI_WEBHOOK_URL, LUOSHI_PUBLIC_URL: where notifications go besides the app. */
  readonly delivery: Readonly<DeliveryConfig>;
  /** LUOSHI_AUDIT_DIR, LUOSHI_AUDIT_KEY_FILE, LUOSHI_AUDIT_SYSLOG, LUOSHI_AUDIT_WEBHOOK: the audit log's checkpoints (ADR 0015). */
  readonly audit: Readonly<AuditAnchorConfig>;
  /** PORT: where `luoshi serve` and `luoshi demo` listen; the --port flag wins. */
  readonly port: number;
  /** HOST: the address they listen on; the --host flag wins. */
  readonly host: string;
  /** LOG_LEVEL: the server log's level (pino). */
  readonly logLevel: LogLevel;
}

export interface TlsFiles {
  /** The certificate chain, PEM. */
  cert: string;
  /** The private key, PEM. */
  key: string;
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

  const audit = (): AuditAnchorConfig => {
    const dir = text('LUOSHI_AUDIT_DIR');
    const keyFile = text('LUOSHI_AUDIT_KEY_FILE');
    const syslog = read('LUOSHI_AUDIT_SYSLOG', 'udp://主机:端口 或 主机:端口，如 udp://10.0.0.5:514', hostPort, undefined);
    const webhook = read('LUOSHI_AUDIT_WEBHOOK', 'https:// 地址', url('https:'), undefined);
    return Object.freeze({
      ...(dir === undefined ? {} : { dir }),
      ...(keyFile === undefined ? {} : { keyFile }),
      ...(syslog === undefined ? {} : { syslog: Object.freeze(syslog) }),
      ...(webhook === undefined ? {} : { webhook }),
    });
  };

  const tls = (): Readonly<TlsFiles> | undefined => {
    const cert = text('LUOSHI_TLS_CERT');
    const key = text('LUOSHI_TLS_KEY');
    if (cert !== undefined && key !== undefined) return Object.freeze({ cert, key });
    if (cert !== undefined || key !== undefined) problems.push('环境变量 LUOSHI_TLS_CERT 和 LUOSHI_TLS_KEY 应同时设置（证书文件和私钥文件）');
    return undefined;
  };

  const adminPassword = env.LUOSHI_ADMIN_PASSWORD;
  const config: Config = {
    db: read('LUOSHI_DB', '文件路径、sqlite: 地址或 postgres:// 地址', databaseAddress, DEFAULT_DB),
    dbPool: read('LUOSHI_DB_POOL', '1 到 100 之间的整数', integerIn(1, 100), DEFAULT_DB_POOL),
    dbRead: read('LUOSHI_DB_READ', 'postgres:// 地址（PostgreSQL 备库）', url('postgres:', 'postgresql:'), undefined),
    cacheMb: read('LUOSHI_CACHE_MB', '0 到 65536 之间的整数', integerIn(0, 65536), 64),
    files: text('LUOSHI_FILES'),
    government: text('LUOSHI_GOVERNMENT') ?? DEFAULT_GOVERNMENT_NAME,
    adminUsername: text('LUOSHI_ADMIN_USERNAME'),
    adminPassword: adminPassword === undefined || adminPassword === '' ? undefined : adminPassword,
    secureCookies: read('LUOSHI_SECURE_COOKIES', '1 或 0（也可写 true/false、yes/no、on/off）', boolean, false),
    trustProxy: read('LUOSHI_TRUST_PROXY', '逗号分隔的反向代理地址或网段，如 127.0.0.1 或 10.0.0.0/8，也可写 loopback', proxyList, Object.freeze([])),
    tls: tls(),
    soffice: text('LUOSHI_SOFFICE'),
    delivery: delivery(),
    audit: audit(),
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

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Named proxies only: an address, a CIDR range or one of proxy-addr's names.
 * Trusting every peer ("true") or a hop count would let any client that
 * reaches the port write its own X-Forwarded-For and X-Forwarded-Proto.
 */
const proxyList = (value: string): readonly string[] | undefined => {
  const items = value.split(',').map((item) => item.trim());
  return items.every(proxyItem) ? Object.freeze(items.map((item) => item.toLowerCase())) : undefined;
};

function proxyItem(item: string): boolean {
  if (PROXY_NAMES.has(item.toLowerCase())) return true;
  const [address = '', prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

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

/** A syslog server: udp://host:port or host:port ([v6]:port for an IPv6 address). */
function hostPort(value: string): { host: string; port: number } | undefined {
  const m = /^(?:udp:\/\/)?(?:\[([0-9a-f:.]+)\]|([\w.-]+)):(\d{1,5})$/i.exec(value);
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  return host !== undefined && port >= 1 && port <= 65535 ? { host, port } : undefined;
}

/** An address alone or a display name before it in angle brackets. */
const MAILBOX = /^(?:[^<>@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/u;

/** The value as the message shows it: a password inside a URL masked, control characters escaped, long values cut. */
function shown(value: string): string {
  const masked = value.replace(/(\/\/[^/:@\s]*:)[^@\s]*@/, '$1***@');
  const escaped = masked.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > 200 ? `${escaped.slice(0, 200)}…` : escaped;
}
