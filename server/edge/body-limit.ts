import type { IncomingMessage } from 'node:http';

const MB = 1024 * 1024;

/** Ordinary tRPC calls: a form, a pick, a twin layout of 50,000 bins (~200 kB of JSON). */
export const JSON_BODY_LIMIT = 1 * MB;

/**
 * A call to a procedure declared `upload` (the CSV import sends its file inside the JSON body): the
 * procedure itself accepts 20 MB of text, and JSON escaping adds quotes and backslashes on top.
 */
export const UPLOAD_BODY_LIMIT = 25 * MB;

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`;
}

export type BodyRead = { kind: 'body'; body: Buffer } | { kind: 'too_large' } | { kind: 'gone' };

/**
 * Reads a request body of at most `limit` bytes. A larger one is refused before anything is buffered
 * when its Content-Length says so, and otherwise as soon as the count passes the limit: the bytes
 * read so far are dropped and the rest is left unread (Node discards it; the answer closes the
 * connection). A client that goes away mid-body is `gone`, and nothing waits for it.
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      chunks.length = 0;
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle({ kind: 'too_large' });
      else chunks.push(chunk);
    };
    const onEnd = () => settle({ kind: 'body', body: Buffer.concat(chunks, size) });
    const onGone = () => settle({ kind: 'gone' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}
