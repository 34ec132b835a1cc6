import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.ts';

/**
 * `GET /metrics` for a Prometheus scraper that presents `Authorization: Bearer <METRICS_TOKEN>`.
 * A scraper cannot hold a login session, and the figures (procedure names, traffic, memory) are not
 * for everyone who can reach the site, so the endpoint exists only when a token is configured.
 */
export function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: Metrics,
  token: string,
): void {
  if (!bearerMatches(req.headers.authorization, token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
    res.end('Send the metrics token as a bearer token');
    return;
  }
  metrics.registry.metrics().then(
    (text) => {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(text);
    },
    () => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Could not collect the metrics');
    },
  );
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(token));
}
