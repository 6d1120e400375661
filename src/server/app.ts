/**
 * The Fastify application: plugins, hooks, error handling and every module's
 * routes. Routes are thin: validate → authorize → call a service → present.
 */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, type RawServerDefault } from 'fastify';
import type { Server as HttpServer, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Clock } from '../store/unit-of-work.js';
import type { DeliveryConfig } from '../modules/notification/delivery.config.js';
import type { AnchorPaths } from '../modules/audit/audit-anchor.js';
import { authenticate } from '../modules/session/session.service.js';
import type { Store } from '../store/connection.js';
import type { FileStore } from '../store/files.js';
import { registerAuthHooks, type RoutePolicy } from './auth-hooks.js';
import { registerErrorHandler } from './error-handler.js';
import { registerRoutes } from './routes.js';
import { allowAbsentBodies, validatorCompiler } from './validation.js';
import { cleanIncomingText, parseJsonStrictly } from './text-input.js';
import { addSecurityHeaders } from './security-headers.js';
import { addCompression } from './compression.js';
import { BODY_LIMIT } from './http-schema.js';

export interface AppDeps {
  store: Store;
  /**
   * The install's first government (openDatabase): the plain page shown while the web app is not built lists its
   * plan. Requests are scoped by their session's user, each to that user's own government.
   */
  governmentId: number;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Send the session cookie with Secure on every request; without it, on requests that came over HTTPS. */
  secureCookies?: boolean;
  /**
   * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are
   * believed (LUOSHI_TRUST_PROXY): request.ip and request.protocol come from
   * them only when the peer is one of these; none by default.
   */
  trustProxy?: readonly string[];
  /** A certificate and its key (PEM): the server speaks HTTPS itself. */
  https?: { cert: string | Buffer; key: string | Buffer };
  /** Where evidence files go (`luoshi serve`: the LUOSHI_FILES folder); by default files/ beside the SQLite file, else data/files (fileStoreFor). */
  files?: FileStore;
  /** Where notifications go besides the app (e-mail, webhook); none by default. */
  delivery?: DeliveryConfig;
  /** The LibreOffice program for bulletins' PDF (LUOSHI_SOFFICE); the usual places by default. */
  soffice?: string;
  /** The built web app's folder (index.html, assets/); by default dist/web of this checkout; null: none, the plain page instead. */
  webRoot?: string | null;
  /** Where the audit log's signed checkpoints lie (audit-anchor.ts anchorPaths), for the auditor's check; none by default. */
  auditAnchor?: AnchorPaths | null;
}

export interface RouteEntry {
  method: string;
  url: string;
  policy: RoutePolicy | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared policy; tests walk it. */
    routeTable: RouteEntry[];
  }
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export async function buildApp(deps: AppDeps): Promise<App> {
  const tls = deps.https;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy: deps.trustProxy !== undefined && deps.trustProxy.length > 0 ? [...deps.trustProxy] : false,
    // An HTTPS server answers Node's request events as an HTTP one does; Fastify's types only know one kind per instance.
    ...(tls === undefined ? {} : { serverFactory: (handler: RequestListener) => createHttpsServer(tls, handler) as unknown as HttpServer }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  parseJsonStrictly(app);
  allowAbsentBodies(app);
  cleanIncomingText(app);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, policy: route.config?.policy });
    }
  });
  registerErrorHandler(app);
  addSecurityHeaders(app);
  addCompression(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Luoshi 落实 API', version: '0.1.0', description: '任务台账与督查督办' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'luoshi_session' } },
      },
    },
  });
  const clock = deps.clock;
  registerAuthHooks(app, async (token, ip) => {
    const auth = await authenticate(deps.store.db, token, clock, ip);
    return auth ? { actor: auth.actor, csrfToken: auth.session.csrfToken } : null;
  });
  await registerRoutes(app, deps);
  return app;
}
