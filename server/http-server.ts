import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { appRouter } from './api/app.router.ts';
import { createHttpContext } from './api/context.ts';
import { serveLiveEvents } from './api/events-endpoint.ts';
import { responseHeaders } from './api/trpc.ts';
import { ping } from './db/database.ts';
import type { Services } from './services/services.ts';
import { createTrpcNodeHandler } from './trpc-node-bridge.ts';

export type HttpOptions = {
  services: Services;
  /** Built client to serve (production). Absent in API-only tests. */
  clientDir?: string | undefined;
  /** Extra middleware ahead of the SPA fallback (Vite's dev server). */
  devMiddleware?: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | undefined;
  log?: (message: string) => void;
  /** Key and certificate: serve HTTPS instead of HTTP (see https.ts). */
  tls?: { key: string; cert: string } | undefined;
};

export function createHttpServer(options: HttpOptions): Server {
  const { services } = options;
  const log = options.log ?? ((m: string) => console.error(m));
  const trpc = createTrpcNodeHandler({
    router: appRouter,
    endpoint: '/trpc',
    createContext: (req, res) => createHttpContext(services, req, res),
    headersFor: responseHeaders,
    onError(error, path) {
      // Expected refusals are the user's business; only our own failures are logged.
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log(`tRPC ${path ?? '?'} failed: ${(error.cause as Error | undefined)?.stack ?? error.stack}`);
      }
    },
  });
  const clientDir = options.clientDir;
  const statics =
    clientDir && existsSync(join(clientDir, 'index.html'))
      ? sirv(clientDir, { single: true, etag: true, gzip: true, immutable: true })
      : null;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url.startsWith('/trpc/')) {
      trpc(req, res).catch((error: unknown) => {
        log(`HTTP handler failed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
      return;
    }
    if (url === '/events' || url.startsWith('/events?')) {
      serveLiveEvents(services, req, res).catch((error: unknown) => {
        log(`Event stream failed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
      return;
    }
    if (url === '/healthz' || url.startsWith('/healthz?')) {
      void health(services).then((body) => {
        res.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
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
    const serveStatic = () => (statics ? statics(req, res, notFound) : notFound());
    if (options.devMiddleware) options.devMiddleware(req, res, serveStatic);
    else serveStatic();
  };
  return options.tls ? createTlsServer(options.tls, handle) : createServer(handle);
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
