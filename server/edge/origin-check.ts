import type { IncomingMessage } from 'node:http';

/**
 * Whether a request that changes something may come from where it says it comes from. Browsers send
 * `Origin` on every cross-site POST and WebSocket upgrade, so a page on another site that makes a
 * logged-in user's browser call us is recognised and refused, whatever the cookie's SameSite does
 * (Lax still lets top-level navigations and same-site subdomains through). A request without Origin
 * is not a browser's cross-site request (the CLI, tests, curl) and is let through: the session
 * cookie still has to be valid.
 *
 * Our own origin is whatever host the request was sent to (the Host header), whichever scheme: a TLS
 * proxy in front of us forwards the browser's Host but speaks HTTP to us. Other sites that may call
 * us (a separate front end) are listed in `allowed` as full origins (`https://ops.example.com`).
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    // "null" (a sandboxed frame, a file:// page) and anything unparsable.
    return false;
  }
}
