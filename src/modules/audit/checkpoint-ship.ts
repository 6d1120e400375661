/**
 * Copies of each checkpoint sent off the machine, so that an attacker who
 * holds the server's disk cannot roll the checkpoint file back unseen: to
 * syslog (RFC 5424 over UDP, facility log audit) and to a webhook (POST of
 * JSON). Best effort: a failure is logged, never fatal, never waited on by
 * a request.
 */
import { createSocket, type Socket } from 'node:dgram';
import { hostname } from 'node:os';
import type { AuditAnchorConfig } from './anchor.config.js';

export interface Shipper {
  ship(lines: readonly string[]): Promise<void>;
  close(): void;
}

const WEBHOOK_TIMEOUT_MS = 5_000;
/** <PRI> = facility 13 (log audit) × 8 + severity 6 (informational). */
const PRI = 13 * 8 + 6;

export function checkpointShipper(config: AuditAnchorConfig, log: (line: string) => void): Shipper {
  let socket: Socket | undefined;
  const host = hostname().replace(/[^!-~]/g, '') || '-';
  const toSyslog = (line: string): Promise<void> =>
    new Promise((resolve) => {
      const target = config.syslog;
      if (target === undefined) return resolve();
      socket ??= createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
      socket.unref();
      const message = `<${PRI}>1 ${new Date().toISOString()} ${host} luoshi ${process.pid} audit-checkpoint - ${line.trim()}`;
      socket.send(message, target.port, target.host, (err) => {
        if (err) log(`审计检查点未能发送到 syslog ${target.host}:${target.port}：${err.message}`);
        resolve();
      });
    });
  const toWebhook = async (lines: readonly string[]): Promise<void> => {
    if (config.webhook === undefined) return;
    try {
      const res = await fetch(config.webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'luoshi.audit-checkpoint', checkpoints: lines.map((l) => JSON.parse(l) as unknown) }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      if (!res.ok) log(`审计检查点未能发送到 Webhook：HTTP ${res.status}`);
    } catch (err) {
      log(`审计检查点未能发送到 Webhook：${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return {
    ship: async (lines) => {
      await Promise.all([...lines.map(toSyslog), toWebhook(lines)]);
    },
    close: () => {
      socket?.close();
      socket = undefined;
    },
  };
}
