/**
 * Security headers on every response; API answers are never cached.
 *
 * The CSP lets the web app (dist/web, served from this origin) run and
 * nothing else: scripts only from 'self' (Vite emits external module scripts
 * and no inline script), data only to 'self'. Styles allow 'unsafe-inline'
 * because Ant Design's CSS-in-JS writes <style> elements at run time; the
 * alternative, a fresh nonce per page load given to antd's style provider,
 * would tie every response of index.html to a rendering step for little
 * gain: with scripts locked to 'self', injected CSS cannot run code, and the
 * app renders no user HTML. See docs/adr/0009-web-app.md.
 *
 * HSTS goes on answers to requests that came over HTTPS: directly, or from a
 * trusted proxy that says so (request.protocol; docs/adr/0017). Sent over
 * HTTP, browsers would ignore it, and it must not pin a site that has no TLS.
 */
import type { FastifyInstance } from 'fastify';

const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
};

const ENTRIES = Object.entries(HEADERS);

export function addSecurityHeaders(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every response and needs no promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    for (const [name, value] of ENTRIES) reply.header(name, value);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    done(null, payload);
  });
}
