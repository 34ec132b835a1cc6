import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyTRPCRouter, TRPCError } from '@trpc/server';
import { type FetchCreateContextFnOptions, fetchRequestHandler } from '@trpc/server/adapters/fetch';

/**
 * Serves tRPC's fetch adapter from node:http. tRPC's own Node adapter streams every response
 * through a WritableStream in chunked writes and builds an AbortSignal per call; measured here
 * (`npm run bench -- api`) that held an empty query to ~1,900 calls/s. Answers are small JSON,
 * so this bridge buffers them and writes once with a content length. (Live events are not tRPC:
 * they have their own endpoint, api/events-endpoint.ts.)
 */
export function createTrpcNodeHandler<TRouter extends AnyTRPCRouter>(opts: {
  router: TRouter;
  endpoint: string;
  createContext: (
    req: IncomingMessage,
    res: ServerResponse,
    fetch: FetchCreateContextFnOptions,
  ) => Promise<unknown>;
  onError: (
    error: { code: string; stack?: string | undefined; cause?: unknown },
    path: string | undefined,
  ) => void;
  /** Extra response headers decided from the errors of the call (e.g. Retry-After). */
  headersFor?: (errors: readonly TRPCError[]) => Record<string, string>;
}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(key, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    }
    const init: RequestInit = { method, headers };
    if (body) init.body = body.toString('utf8');
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, init);
    const response = await fetchRequestHandler({
      router: opts.router,
      endpoint: opts.endpoint,
      req: request,
      createContext: (fetchOpts) => opts.createContext(req, res, fetchOpts) as never,
      onError: ({ error, path }) => opts.onError(error, path),
      responseMeta: ({ errors }) => ({ headers: opts.headersFor?.(errors) ?? {} }),
    });
    res.statusCode = response.status;
    response.headers.forEach((value, key) => {
      if (key !== 'set-cookie') res.setHeader(key, value);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.appendHeader('set-cookie', cookies);
    if (!response.body) {
      res.end();
      return;
    }
    const buffer = Buffer.from(await response.arrayBuffer());
    res.setHeader('content-length', buffer.length);
    res.end(buffer);
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
