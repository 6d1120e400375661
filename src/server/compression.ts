/**
 * Large JSON answers of the API go gzipped to clients that accept it.
 *
 * The ledger of a large plan is megabytes of JSON (3.3 MB at 5,000 tasks)
 * and shrinks about tenfold: on a district office's line that is seconds
 * saved on every visit, for ~10 ms of the server's time off the event loop
 * (zlib's thread pool). Small answers go as they are: below the threshold
 * compression saves less than it costs.
 *
 * Never compressed: the session's own answers (`/api/session`, `/api/me`),
 * which carry the CSRF token (with a request reflected in the same answer,
 * compression would let its size leak the secret: BREACH), anything already
 * encoded, and streams (file downloads: .docx, .xlsx and PDF are compressed
 * already).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Answers smaller than this go uncompressed. */
export const COMPRESS_FROM_BYTES = 16 * 1024;

const SECRET_BEARING = /^\/api\/(session|me)(\/|\?|$)/;

/** Whether the client's Accept-Encoding takes gzip (not `gzip;q=0`). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  return acceptsEncoding(header, 'gzip');
}

/** Whether the client's Accept-Encoding takes this coding, by name or as `*` (not with q=0). */
export function acceptsEncoding(header: string | string[] | undefined, wanted: 'gzip' | 'br'): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== wanted && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** A JSON answer of the API large enough to compress, and free of secrets. */
function compressible(request: FastifyRequest, reply: FastifyReply, payload: unknown): payload is string | Buffer {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return false;
  if (!request.url.startsWith('/api/') || SECRET_BEARING.test(request.url)) return false;
  if (reply.hasHeader('content-encoding')) return false;
  if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return false;
  return Buffer.byteLength(payload) >= COMPRESS_FROM_BYTES;
}

export function addCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!compressible(request, reply, payload)) return payload;
    reply.header('vary', 'accept-encoding');
    if (!acceptsGzip(request.headers['accept-encoding'])) return payload;
    const body = await gzipAsync(payload);
    reply.header('content-encoding', 'gzip').removeHeader('content-length');
    return body;
  });
}
