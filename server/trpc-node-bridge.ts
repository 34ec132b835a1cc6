import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AnyTRPCRouter, TRPCError } from '@trpc/server';
import { type FetchCreateContextFnOptions, fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { megabytes, readBodyWithin } from './edge/body-limit.ts';

/**
 * Serves tRPC's fetch adapter from node:http. tRPC's own Node adapter streams every response
 * through a WritableStream in chunked writes and builds an AbortSignal per call; measured here
 * (`npm run bench -- api`) that held an empty query to ~1,900 calls/s. Answers are small JSON,
 * so this bridge buffers them and writes once with a content length. (Live events are not tRPC:
 * they have their own endpoint, api/events-endpoint.ts.)
 *
 * It is also where a request is refused before any procedure sees it (a body over its limit, a
 * cross-site mutation): the refusal is handed to tRPC as a failed context, so the answer has tRPC's
 * usual shape (one error per call of a batch) and status, and goes through the same error formatter.
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
    error: { code: string; message: string; stack?: string | undefined; cause?: unknown },
    path: string | undefined,
    req: IncomingMessage,
  ) => void;
  /** Extra response headers decided from the errors of the call (e.g. Retry-After). */
  headersFor?: (errors: readonly TRPCError[]) => Record<string, string>;
  /** The most calls one request may batch (tRPC refuses more with a 400). */
  maxBatchSize: number;
  /** The largest body this request may have, in bytes (decided from the procedures it calls). */
  bodyLimit: (req: IncomingMessage) => number;
  /** A refusal decided from the request alone, before its body is read (e.g. its Origin). */
  admit?: (req: IncomingMessage) => TRPCError | null;
  /** Told when a body was refused for its size. */
  onBodyTooLarge?: () => void;
}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    let refusal = opts.admit?.(req) ?? null;
    let body: Buffer | null = null;
    if (refusal === null && method !== 'GET' && method !== 'HEAD') {
      const limit = opts.bodyLimit(req);
      const read = await readBodyWithin(req, limit);
      if (read.kind === 'gone') {
        res.destroy();
        return;
      }
      if (read.kind === 'body') body = read.body;
      else {
        opts.onBodyTooLarge?.();
        refusal = new TRPCError({
          code: 'PAYLOAD_TOO_LARGE',
          message: `The request is larger than ${megabytes(limit)}, the most this server accepts for it`,
        });
      }
    }
    // The rest of a refused body is not read: close the connection rather than wait for it.
    if (refusal !== null && method !== 'GET' && method !== 'HEAD') res.setHeader('connection', 'close');
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
      maxBatchSize: opts.maxBatchSize,
      createContext: (fetchOpts) =>
        (refusal === null ? opts.createContext(req, res, fetchOpts) : Promise.reject(refusal)) as never,
      onError: ({ error, path }) => opts.onError(error, path, req),
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
