import type { Server } from 'node:http';

/**
 * How long a client may take. Node's defaults let a slow client hold a connection for a minute before
 * its headers arrive and five minutes for its whole request; these are tighter where a person is not
 * waiting on a slow link:
 * - headers within 15 s (a client that trickles its headers is a slowloris, not a phone);
 * - the whole request within 2 minutes (a 25 MB CSV over a 2 Mbit/s uplink takes ~100 s);
 * - an idle keep-alive connection closed after 5 s; a proxy in front must time out sooner than that
 *   (see docs/operations.md).
 * The answer is not limited: an event stream stays open as long as its tab.
 */
export const TIMEOUTS = { headersMs: 15_000, requestMs: 120_000, keepAliveMs: 5_000 } as const;

export function applyTimeouts(server: Server): void {
  server.headersTimeout = TIMEOUTS.headersMs;
  server.requestTimeout = TIMEOUTS.requestMs;
  server.keepAliveTimeout = TIMEOUTS.keepAliveMs;
}
