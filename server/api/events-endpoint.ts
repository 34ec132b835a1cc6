import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { LIVE_TOPICS } from '../../common/live-events.ts';
import { hashSecretToken } from '../domain/secret-token.ts';
import type { Services } from '../services/services.ts';
import { readCookie, SESSION_COOKIE } from './context.ts';

/** `GET /events?topics=stock,work_orders&after=N`; `Last-Event-ID` (a reconnecting EventSource) wins over `after`. */
const EventsQuery = z.object({
  topics: z
    .string()
    .max(200)
    .transform((v) => (v === '' ? [] : v.split(',')))
    .pipe(
      z.array(z.enum(LIVE_TOPICS, { error: `topics are ${LIVE_TOPICS.join(', ')}` })).max(LIVE_TOPICS.length),
    )
    .default([]),
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'the last event id is a whole number')
    .transform(Number)
    .nullable()
    .default(null),
});

/**
 * The live event stream (server-sent events): the session cookie says who it is for, and a page of
 * another site may not open it (the Origin, when the browser sends one, must be this server).
 * Everything else is the LiveHub's: what is sent, to whom, and when the stream ends.
 */
export async function serveLiveEvents(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET') return refuse(res, 405, 'Open the event stream with GET', { allow: 'GET' });
  if (!sameOrigin(req.headers.origin, req.headers.host)) {
    return refuse(res, 403, 'The event stream may only be opened by this site');
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const lastEventId = req.headers['last-event-id'];
  const parsed = EventsQuery.safeParse({
    topics: url.searchParams.get('topics') ?? undefined,
    after:
      (typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : null) ??
      url.searchParams.get('after'),
  });
  if (!parsed.success) return refuse(res, 400, parsed.error.issues[0]?.message ?? 'Invalid request');
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const user = await services.auth.userForToken(token);
  if (user === null) return refuse(res, 401, 'Log in first');
  if (res.destroyed) return;
  // Not chunked: the stream ends only when the connection does, and each event is then one plain
  // socket write (chunked framing tripled the writes per stream, and a burst is written to every open
  // screen).
  res.useChunkedEncodingByDefault = false;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // Proxies (nginx) must pass each event on as it comes rather than buffer the stream.
    'x-accel-buffering': 'no',
  });
  // The stream is meant to stay open; heartbeats, not an idle timeout, find dead clients.
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  const close = services.live.open({
    sink: res,
    userId: user.id,
    role: user.role,
    sessionHash: token === undefined ? null : hashSecretToken(token),
    topics: parsed.data.topics,
    after: parsed.data.after,
  });
  res.once('close', close);
}

function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message } }));
}
