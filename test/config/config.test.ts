/** loadConfig: every variable's default, the values it takes, and the one-line message for a bad one. */
import { describe, expect, it } from 'vitest';
import { ConfigError, colorDisabled, environmentValue, loadConfig, type Environment } from '../../src/config.js';

/** The message loadConfig refuses the environment with. */
function refusal(env: Environment): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('gives every default on an empty environment, frozen', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      db: './data/luoshi.db',
      dbPool: 10,
      dbRead: undefined,
      cacheMb: 64,
      files: undefined,
      government: '',
      adminUsername: undefined,
      adminPassword: undefined,
      secureCookies: false,
      trustProxy: [],
      tls: undefined,
      soffice: undefined,
      delivery: {},
      audit: {},
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'warn',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.delivery)).toBe(true);
  });

  it('takes a blank variable as unset', () => {
    const blank = [
      'LUOSHI_DB',
      'LUOSHI_DB_POOL',
      'LUOSHI_DB_READ',
      'LUOSHI_CACHE_MB',
      'LUOSHI_FILES',
      'LUOSHI_GOVERNMENT',
      'LUOSHI_ADMIN_USERNAME',
      'LUOSHI_ADMIN_PASSWORD',
      'LUOSHI_SECURE_COOKIES',
      'LUOSHI_TRUST_PROXY',
      'LUOSHI_TLS_CERT',
      'LUOSHI_TLS_KEY',
      'LUOSHI_SOFFICE',
      'LUOSHI_SMTP_URL',
      'LUOSHI_MAIL_FROM',
      'LUOSHI_WEBHOOK_URL',
      'LUOSHI_PUBLIC_URL',
      'LUOSHI_AUDIT_DIR',
      'LUOSHI_AUDIT_KEY_FILE',
      'LUOSHI_AUDIT_SYSLOG',
      'LUOSHI_AUDIT_WEBHOOK',
      'PORT',
      'HOST',
      'LOG_LEVEL',
    ];
    expect(loadConfig(Object.fromEntries(blank.map((name) => [name, name === 'LUOSHI_ADMIN_PASSWORD' ? '' : '  '])))).toEqual(loadConfig({}));
  });

  it('reports every bad variable in one line', () => {
    const message = refusal({ LUOSHI_DB_POOL: 'abc', PORT: '80x' });
    expect(message).toBe('环境变量 LUOSHI_DB_POOL 应为 1 到 100 之间的整数，现为“abc”；环境变量 PORT 应为 0 到 65535 之间的整数，现为“80x”');
    expect(message).not.toContain('\n');
  });

  describe('LUOSHI_AUDIT_*', () => {
    it('takes the anchor folder, the key file, a syslog server and an https webhook', () => {
      const config = loadConfig({
        LUOSHI_AUDIT_DIR: '/srv/luoshi/audit',
        LUOSHI_AUDIT_KEY_FILE: '/etc/luoshi/audit.key',
        LUOSHI_AUDIT_SYSLOG: 'udp://10.0.0.5:514',
        LUOSHI_AUDIT_WEBHOOK: 'https://siem.example.gov.cn/luoshi',
      });
      expect(config.audit).toEqual({
        dir: '/srv/luoshi/audit',
        keyFile: '/etc/luoshi/audit.key',
        syslog: { host: '10.0.0.5', port: 514 },
        webhook: 'https://siem.example.gov.cn/luoshi',
      });
      expect(loadConfig({ LUOSHI_AUDIT_SYSLOG: '[::1]:5514' }).audit.syslog).toEqual({ host: '::1', port: 5514 });
    });

    it('refuses a syslog address without a port and a webhook that is not https', () => {
      expect(refusal({ LUOSHI_AUDIT_SYSLOG: 'log.example' })).toBe(
        '环境变量 LUOSHI_AUDIT_SYSLOG 应为 udp://主机:端口 或 主机:端口，如 udp://10.0.0.5:514，现为“log.example”',
      );
      expect(refusal({ LUOSHI_AUDIT_WEBHOOK: 'http://siem.example/x' })).toBe('环境变量 LUOSHI_AUDIT_WEBHOOK 应为 https:// 地址，现为“http://siem.example/x”');
    });
  });

  describe('LUOSHI_DB', () => {
    it('takes a path, a sqlite: URL or a postgres:// URL', () => {
      expect(loadConfig({ LUOSHI_DB: '/srv/luoshi/luoshi.db' }).db).toBe('/srv/luoshi/luoshi.db');
      expect(loadConfig({ LUOSHI_DB: ' sqlite:data/x.db ' }).db).toBe('sqlite:data/x.db');
      expect(loadConfig({ LUOSHI_DB: 'postgres://luoshi_app:pw@127.0.0.1/luoshi' }).db).toBe('postgres://luoshi_app:pw@127.0.0.1/luoshi');
      expect(loadConfig({ LUOSHI_DB: 'postgresql://127.0.0.1/luoshi' }).db).toBe('postgresql://127.0.0.1/luoshi');
    });

    it('refuses another kind of address, showing it without its password', () => {
      expect(refusal({ LUOSHI_DB: 'mysql://root:secret@db.example/luoshi' })).toBe(
        '环境变量 LUOSHI_DB 应为文件路径、sqlite: 地址或 postgres:// 地址，现为“mysql://root:***@db.example/luoshi”',
      );
      expect(refusal({ LUOSHI_DB: 'sqlite:' })).toMatch(/^环境变量 LUOSHI_DB 应为文件路径、sqlite: 地址或 postgres:\/\/ 地址，现为“sqlite:”$/);
    });
  });

  describe('LUOSHI_CACHE_MB', () => {
    it('takes megabytes from 0 (no cache) to 65536', () => {
      expect(loadConfig({ LUOSHI_CACHE_MB: '0' }).cacheMb).toBe(0);
      expect(loadConfig({ LUOSHI_CACHE_MB: '256' }).cacheMb).toBe(256);
    });

    it.each(['abc', '65537', '1.5', '-1'])('refuses %s', (value) => {
      expect(refusal({ LUOSHI_CACHE_MB: value })).toBe(`环境变量 LUOSHI_CACHE_MB 应为 0 到 65536 之间的整数，现为“${value}”`);
    });
  });

  describe('LUOSHI_DB_POOL', () => {
    it('takes an integer from 1 to 100', () => {
      expect(loadConfig({ LUOSHI_DB_POOL: '1' }).dbPool).toBe(1);
      expect(loadConfig({ LUOSHI_DB_POOL: '100' }).dbPool).toBe(100);
    });

    it.each(['abc', '0', '101', '2.5', '-3', '1e2'])('refuses %s', (value) => {
      expect(refusal({ LUOSHI_DB_POOL: value })).toBe(`环境变量 LUOSHI_DB_POOL 应为 1 到 100 之间的整数，现为“${value}”`);
    });
  });

  describe('LUOSHI_DB_READ', () => {
    it('takes a postgres:// URL of the standby', () => {
      expect(loadConfig({ LUOSHI_DB_READ: ' postgres://luoshi_app:secret@10.0.0.6/luoshi ' }).dbRead).toBe('postgres://luoshi_app:secret@10.0.0.6/luoshi');
      expect(loadConfig({ LUOSHI_DB_READ: 'postgresql://10.0.0.6/luoshi' }).dbRead).toBe('postgresql://10.0.0.6/luoshi');
    });

    it.each(['./data/luoshi.db', 'sqlite:/tmp/x.db', 'mysql://10.0.0.6/luoshi'])('refuses %s', (value) => {
      expect(refusal({ LUOSHI_DB_READ: value })).toBe(`环境变量 LUOSHI_DB_READ 应为 postgres:// 地址（PostgreSQL 备库），现为“${value}”`);
    });

    it('masks the password of a refused URL', () => {
      expect(refusal({ LUOSHI_DB_READ: 'postgres://app:secret@' })).not.toContain('secret');
    });
  });

  it('LUOSHI_FILES: any folder, trimmed', () => {
    expect(loadConfig({ LUOSHI_FILES: ' /mnt/evidence ' }).files).toBe('/mnt/evidence');
  });

  it('LUOSHI_GOVERNMENT: the name, trimmed', () => {
    expect(loadConfig({ LUOSHI_GOVERNMENT: ' 临河区人民政府 ' }).government).toBe('临河区人民政府');
  });

  it('LUOSHI_ADMIN_PASSWORD: kept exactly as given (its policy is checked where the administrator is created)', () => {
    expect(loadConfig({ LUOSHI_ADMIN_PASSWORD: ' Adm1n Passw0rd ' }).adminPassword).toBe(' Adm1n Passw0rd ');
    expect(loadConfig({ LUOSHI_ADMIN_PASSWORD: 'short' }).adminPassword).toBe('short');
  });

  describe('LUOSHI_SECURE_COOKIES', () => {
    it.each(['1', 'true', 'TRUE', 'yes', 'on'])('%s is on', (value) => {
      expect(loadConfig({ LUOSHI_SECURE_COOKIES: value }).secureCookies).toBe(true);
    });

    it.each(['0', 'false', 'no', 'Off'])('%s is off', (value) => {
      expect(loadConfig({ LUOSHI_SECURE_COOKIES: value }).secureCookies).toBe(false);
    });

    it('refuses anything else rather than guessing', () => {
      expect(refusal({ LUOSHI_SECURE_COOKIES: 'secure' })).toBe(
        '环境变量 LUOSHI_SECURE_COOKIES 应为 1 或 0（也可写 true/false、yes/no、on/off），现为“secure”',
      );
    });
  });

  describe('LUOSHI_TRUST_PROXY', () => {
    it('takes addresses, CIDR ranges and the names loopback, linklocal, uniquelocal, comma-separated', () => {
      expect(loadConfig({ LUOSHI_TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
      expect(loadConfig({ LUOSHI_TRUST_PROXY: ' 10.0.0.0/8, ::1 ,fd00::/8, Loopback' }).trustProxy).toEqual(['10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    });

    it.each(['true', '*', '1', '2', '10.0.0.0/33', '10.0.0.1/8/8', 'proxy.example.gov.cn', '127.0.0.1,'])(
      'refuses %s: trusting every peer or a hop count would let any client forge its address and protocol',
      (value) => {
        expect(refusal({ LUOSHI_TRUST_PROXY: value })).toBe(
          `环境变量 LUOSHI_TRUST_PROXY 应为逗号分隔的反向代理地址或网段，如 127.0.0.1 或 10.0.0.0/8，也可写 loopback，现为“${value}”`,
        );
      },
    );
  });

  describe('LUOSHI_TLS_CERT and LUOSHI_TLS_KEY', () => {
    it('take the two files together', () => {
      expect(loadConfig({ LUOSHI_TLS_CERT: '/etc/luoshi/cert.pem', LUOSHI_TLS_KEY: '/etc/luoshi/key.pem' }).tls).toEqual({
        cert: '/etc/luoshi/cert.pem',
        key: '/etc/luoshi/key.pem',
      });
    });

    it('refuse one without the other', () => {
      const message = '环境变量 LUOSHI_TLS_CERT 和 LUOSHI_TLS_KEY 应同时设置（证书文件和私钥文件）';
      expect(refusal({ LUOSHI_TLS_CERT: '/etc/luoshi/cert.pem' })).toBe(message);
      expect(refusal({ LUOSHI_TLS_KEY: '/etc/luoshi/key.pem' })).toBe(message);
    });
  });

  it('LUOSHI_SOFFICE: the program, trimmed', () => {
    expect(loadConfig({ LUOSHI_SOFFICE: '/opt/libreoffice/program/soffice' }).soffice).toBe('/opt/libreoffice/program/soffice');
  });

  describe('delivery: LUOSHI_SMTP_URL, LUOSHI_MAIL_FROM, LUOSHI_WEBHOOK_URL, LUOSHI_PUBLIC_URL', () => {
    it('takes the four, the public address without its trailing slashes', () => {
      const config = loadConfig({
        LUOSHI_SMTP_URL: 'smtps://dcs:pw@mail.example.gov.cn:465',
        LUOSHI_MAIL_FROM: '督查室 <duchashi@example.gov.cn>',
        LUOSHI_WEBHOOK_URL: 'https://im.example.gov.cn/hook/abc',
        LUOSHI_PUBLIC_URL: 'https://luoshi.example.gov.cn//',
      });
      expect(config.delivery).toEqual({
        smtpUrl: 'smtps://dcs:pw@mail.example.gov.cn:465',
        mailFrom: '督查室 <duchashi@example.gov.cn>',
        webhookUrl: 'https://im.example.gov.cn/hook/abc',
        publicUrl: 'https://luoshi.example.gov.cn',
      });
      expect(loadConfig({ LUOSHI_SMTP_URL: 'smtp://mail.example.gov.cn:587', LUOSHI_MAIL_FROM: 'duchashi@example.gov.cn' }).delivery).toEqual({
        smtpUrl: 'smtp://mail.example.gov.cn:587',
        mailFrom: 'duchashi@example.gov.cn',
      });
    });

    it('refuses an SMTP address of another scheme, hiding its password', () => {
      expect(refusal({ LUOSHI_SMTP_URL: 'mail.example.gov.cn' })).toBe('环境变量 LUOSHI_SMTP_URL 应为 smtp:// 或 smtps:// 地址，现为“mail.example.gov.cn”');
      expect(refusal({ LUOSHI_SMTP_URL: 'http://dcs:secret@mail.example.gov.cn' })).toBe(
        '环境变量 LUOSHI_SMTP_URL 应为 smtp:// 或 smtps:// 地址，现为“http://dcs:***@mail.example.gov.cn”',
      );
    });

    it('refuses a sender that is not a mail address', () => {
      expect(refusal({ LUOSHI_MAIL_FROM: '督查室' })).toBe(
        '环境变量 LUOSHI_MAIL_FROM 应为邮件地址，如 duchashi@example.gov.cn 或 督查室 <duchashi@example.gov.cn>，现为“督查室”',
      );
    });

    it('refuses a webhook or public address that is not http(s)', () => {
      expect(refusal({ LUOSHI_WEBHOOK_URL: 'ftp://im.example.gov.cn/hook' })).toBe(
        '环境变量 LUOSHI_WEBHOOK_URL 应为 http:// 或 https:// 地址，现为“ftp://im.example.gov.cn/hook”',
      );
      expect(refusal({ LUOSHI_PUBLIC_URL: 'luoshi.example.gov.cn' })).toBe(
        '环境变量 LUOSHI_PUBLIC_URL 应为 http:// 或 https:// 地址，如 https://luoshi.example.gov.cn，现为“luoshi.example.gov.cn”',
      );
    });
  });

  describe('PORT, HOST, LOG_LEVEL', () => {
    it('take a port from 0 to 65535, any host, a pino level', () => {
      const config = loadConfig({ PORT: '3000', HOST: '0.0.0.0', LOG_LEVEL: 'INFO' });
      expect([config.port, config.host, config.logLevel]).toEqual([3000, '0.0.0.0', 'info']);
      expect(loadConfig({ PORT: '0' }).port).toBe(0);
    });

    it('refuse a port out of range and an unknown level', () => {
      expect(refusal({ PORT: '65536' })).toBe('环境变量 PORT 应为 0 到 65535 之间的整数，现为“65536”');
      expect(refusal({ LOG_LEVEL: 'verbose' })).toBe('环境变量 LOG_LEVEL 应为 fatal、error、warn、info、debug、trace、silent 之一，现为“verbose”');
    });
  });

  it('shows control characters escaped, keeping the message on one line', () => {
    expect(refusal({ LUOSHI_DB_POOL: '1\n0' })).toBe('环境变量 LUOSHI_DB_POOL 应为 1 到 100 之间的整数，现为“1\\u000a0”');
  });
});

describe('the variables outside Config', () => {
  it('NO_COLOR: set in any form turns colours off', () => {
    expect(colorDisabled({})).toBe(false);
    expect(colorDisabled({ NO_COLOR: '' })).toBe(true);
    expect(colorDisabled({ NO_COLOR: '1' })).toBe(true);
  });

  it('a variable named at run time is read as it is', () => {
    expect(environmentValue('NEW_PASSWORD', { NEW_PASSWORD: ' Lh-21-Strong!Pass9 ' })).toBe(' Lh-21-Strong!Pass9 ');
    expect(environmentValue('NEW_PASSWORD', {})).toBeUndefined();
  });
});
