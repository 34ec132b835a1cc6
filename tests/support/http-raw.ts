import { type IncomingMessage, request } from 'node:http';

export type RawResponse = {
  status: number;
  headers: IncomingMessage['headers'];
  body: { error?: { message: string; data?: { code?: string; details?: Record<string, unknown> } } };
  cookie: string;
};

/**
 * POSTs one procedure over plain HTTP and keeps the status, headers and session cookie.
 * `localAddress` sends it from another loopback address (127.0.0.N), as another client would.
 */
export function postProcedure(
  baseUrl: string,
  path: string,
  input: unknown,
  options: { cookie?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/trpc/${path}`,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie'] ?? [];
          const cookie = (set[0] ?? '').split(';')[0] ?? '';
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
            cookie: cookie.endsWith('=') ? '' : cookie,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export type SseMessage = { event: string; id: string | null; data: unknown };

export type SseStream = {
  /** Every message so far, the opening `position` included. */
  messages: SseMessage[];
  /** Resolves with the first message (seen or still to come) that matches, or rejects after `timeoutMs`. */
  next(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
};

/**
 * Opens `GET /events` as the browser's EventSource does, with the given session cookie, and
 * optionally `Last-Event-ID`, a query (`topics=stock`) or an Origin.
 */
export function openLiveStream(
  baseUrl: string,
  cookie: string,
  options: { lastEventId?: string; query?: string; origin?: string } = {},
): Promise<SseStream> {
  const url = new URL(baseUrl);
  const messages: SseMessage[] = [];
  const waiters: (() => void)[] = [];
  let markEnded: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    markEnded = resolve;
  });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'GET',
        path: `/events${options.query ? `?${options.query}` : ''}`,
        headers: {
          accept: 'text/event-stream',
          cookie,
          ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
          ...(options.origin ? { origin: options.origin } : {}),
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`/events answered ${res.statusCode}`));
          res.resume();
          return;
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            let id: string | null = null;
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('id: ')) id = line.slice(4);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            // Comments (heartbeats) and the retry line alone dispatch nothing, as in EventSource.
            if (data === '') continue;
            messages.push({ event, id, data: JSON.parse(data) });
            for (const wake of waiters.splice(0)) wake();
          }
        });
        res.on('end', markEnded);
        res.on('close', markEnded);
        const stream: SseStream = {
          messages,
          ended,
          close: () => req.destroy(),
          next(match, timeoutMs = 5_000) {
            return new Promise((found, missing) => {
              const timer = setTimeout(
                () => missing(new Error('no matching live message in time')),
                timeoutMs,
              );
              const look = () => {
                const hit = messages.find(match);
                if (hit) {
                  clearTimeout(timer);
                  found(hit);
                } else waiters.push(look);
              };
              look();
            });
          },
        };
        // The server has subscribed the stream before it answers: every event from now on reaches it.
        resolve(stream);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
