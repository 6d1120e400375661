/**
 * All cryptography goes through this module, so that algorithms can be
 * changed in one place (national algorithms SM3/SM4 where Node has them).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** SM3 digest, lowercase hex. */
export const sm3 = (data: string | Uint8Array): string => createHash('sm3').update(data).digest('hex');

/** HMAC-SM3, lowercase hex. */
export const hmacSm3 = (key: string | Uint8Array, data: string): string => createHmac('sm3', key).update(data).digest('hex');

/** A random token for cookies and CSRF, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Compares secrets in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
