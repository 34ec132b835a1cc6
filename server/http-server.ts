import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import sirv from 'sirv';
import { MAX_BATCH_CALLS } from '../common/limits.ts';
import { appRouter } from './api/app.router.ts';
import { createHttpContext } from './api/context.ts';
import { serveLiveEvents } from './api/events-endpoint.ts';
import { isBatchTooLarge, type Meta, responseHeaders } from './api/trpc.ts';
import { ping } from './db/database.ts';
import { JSON_BODY_LIMIT, UPLOAD_BODY_LIMIT } from './edge/body-limit.ts';
import { originAllowed } from './edge/origin-check.ts';
import { createRateLimiter, NO_RATE_LIMITS } from './edge/rate-limiter.ts';
import { securityHeaders, setStaticCacheHeaders } from './edge/security-headers.ts';
import { applyTimeouts } from './edge/server-timeouts.ts';
import { type Logger, requestIdOf, silentLogger } from './observability/logger.ts';
import type { HttpRoute } from './observability/metrics.ts';
import { serveMetrics } from './observability/metrics-endpoint.ts';
import type { Services } from './services/services.ts';
import { createTrpcNodeHandler } from './trpc-node-bridge.ts';

/** What the edge enforces and reports; see docs/operations.md ("Limits, headers and logs"). */
export type EdgeOptions = {
  /** Origins besides the server's own whose pages may call mutations and open /speech. */
  allowedOrigins?: readonly string[] | undefined;
  /** Per-user and per-address limits on expensive procedures; false only to measure raw capacity. */
  rateLimits?: boolean | undefined;
  /** Serve /metrics to a caller presenting this bearer token; without one there is no /metrics. */
  metricsToken?: string | undefined;
  /** One JSON line per request and per failure; silent when absent. */
  logger?: Logger | undefined;
};

export type HttpOptions = EdgeOptions & {
  services: Services;
  /** Built client to serve (production). Absent in API-only tests. */
  clientDir?: string | undefined;
  /** Extra middleware ahead of the SPA fallback (Vite's dev server). */
  devMiddleware?: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | undefined;
  /** Key and certificate: serve HTTPS instead of HTTP (see https.ts). */
  tls?: { key: string; cert: string } | undefined;
};

/**
 * Procedures that take a file in their body (meta `upload`): they get the larger body limit. (tRPC
 * types `_def.procedures` as the nested router, but holds it flat by dotted path.)
 */
const UPLOADS = new Set(
  Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>)
    .filter(([, procedure]) => procedure._def.meta?.upload === true)
    .map(([path]) => path),
);

const TRPC_PREFIX = '/trpc/';

/** `/trpc/a,b?batch=1` -> ['a', 'b']. */
function proceduresOf(url: string): string[] {
  const end = url.indexOf('?');
  return url.slice(TRPC_PREFIX.length, end < 0 ? undefined : end).split(',');
}

/** Where a request goes, for the metrics (a bounded set of labels). */
function routeOf(req: IncomingMessage, url: string): HttpRoute {
  if (url.startsWith(TRPC_PREFIX)) return 'trpc';
  if (url === '/events' || url.startsWith('/events?')) return 'events';
  if (url === '/healthz' || url.startsWith('/healthz?')) return 'healthz';
  if (url === '/metrics') return 'metrics';
  return req.method === 'GET' || req.method === 'HEAD' ? 'static' : 'other';
}

/** The path without its query string (which can hold a reset token or search words), capped. */
function loggedPath(url: string): string {
  const end = url.indexOf('?');
  return (end < 0 ? url : url.slice(0, end)).slice(0, 300);
}

const CROSS_ORIGIN = 'This request came from a page on another site; open Twinventory itself and try again';

export function createHttpServer(options: HttpOptions): Server {
  const { services } = options;
  const { metrics } = services;
  const logger = options.logger ?? silentLogger();
  const allowedOrigins = options.allowedOrigins ?? [];
  const limiter = (options.rateLimits ?? true) ? createRateLimiter(() => performance.now()) : NO_RATE_LIMITS;
  const requestIds = new WeakMap<IncomingMessage, string>();
  const trpc = createTrpcNodeHandler({
    router: appRouter,
    endpoint: '/trpc',
    createContext: (req, res) => createHttpContext(services, req, res, limiter),
    headersFor: responseHeaders,
    maxBatchSize: MAX_BATCH_CALLS,
    bodyLimit: (req) =>
      proceduresOf(req.url ?? '').some((p) => UPLOADS.has(p)) ? UPLOAD_BODY_LIMIT : JSON_BODY_LIMIT,
    // Only mutations are POSTs; a cross-site GET cannot read the answer (no CORS headers).
    admit: (req) => {
      if (req.method !== 'POST' || originAllowed(req, allowedOrigins)) return null;
      metrics.refused('cross_origin');
      return new TRPCError({ code: 'FORBIDDEN', message: CROSS_ORIGIN });
    },
    onBodyTooLarge: () => metrics.refused('body_too_large'),
    onError(error, path, req) {
      if (isBatchTooLarge(error)) metrics.refused('batch_too_large');
      // Expected refusals are the user's business; only our own failures are logged.
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error(
          { reqId: requestIds.get(req), procedure: path ?? null, err: error.cause ?? error },
          'procedure failed',
        );
      }
    },
  });
  const clientDir = options.clientDir;
  const statics =
    clientDir && existsSync(join(clientDir, 'index.html'))
      ? sirv(clientDir, { single: true, etag: true, gzip: true, setHeaders: setStaticCacheHeaders })
      : null;
  // Vite's development server injects inline scripts (hot reload), which a CSP would block.
  const headers = securityHeaders({ https: options.tls !== undefined, csp: !options.devMiddleware });
  if (options.metricsToken) metrics.includeProcessMetrics();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const id = requestIdOf(req);
    requestIds.set(req, id);
    res.setHeader('x-request-id', id);
    for (const [name, value] of headers) res.setHeader(name, value);
    const route = routeOf(req, url);
    res.once('close', () => {
      const ms = performance.now() - started;
      metrics.httpRequests.inc({ route, status: String(res.statusCode) });
      metrics.httpSeconds.observe({ route }, ms / 1000);
      // Method, path and outcome only: headers (cookies, authorization), bodies (passwords) and
      // query strings (tokens, search words) never reach the log.
      logger.info(
        {
          reqId: id,
          method: req.method,
          path: loggedPath(url),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });

    if (route === 'trpc') {
      trpc(req, res).catch((error: unknown) => {
        logger.error({ reqId: id, err: error }, 'HTTP handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
      return;
    }
    if (route === 'events') {
      serveLiveEvents(services, req, res).catch((error: unknown) => {
        logger.error({ reqId: id, err: error }, 'event stream failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
      return;
    }
    if (route === 'healthz') {
      void health(services).then((body) => {
        res.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
      return;
    }
    if (route === 'metrics' && options.metricsToken) {
      serveMetrics(req, res, metrics, options.metricsToken);
      return;
    }
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(
        statics
          ? 'Not found'
          : 'The client has not been built. Run `npm start` (which builds it) or `npm run dev` for development.',
      );
    };
    if (route === 'metrics') {
      notFound();
      return;
    }
    const serveStatic = () => (statics ? statics(req, res, notFound) : notFound());
    if (options.devMiddleware) options.devMiddleware(req, res, serveStatic);
    else serveStatic();
  };
  const server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle);
  applyTimeouts(server);
  return server;
}

async function health(services: Services) {
  const started = performance.now();
  try {
    await ping(services.db.reader);
    return {
      status: 'ok' as const,
      database: {
        status: 'ok' as const,
        kind: services.db.isLocal ? 'file' : 'remote',
        latencyMs: Number((performance.now() - started).toFixed(2)),
      },
      writer: services.writer.stats,
      workers: services.workers.stats,
      jobs: { running: services.jobs.running },
      scheduler: services.scheduler.stats,
      feed: services.feed.stats(),
      live: services.live.stats(),
      speech: speechHealth(services),
    };
  } catch {
    return { status: 'degraded' as const, database: { status: 'unreachable' as const } };
  }
}

/** Whether this server can recognise speech offline (the browser's own recogniser aside). */
function speechHealth(services: Services) {
  const offline = services.voice.status().offline;
  return offline.status === 'available'
    ? { offline: 'available' as const }
    : { offline: 'unavailable' as const, reason: offline.reason };
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
