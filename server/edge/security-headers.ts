import type { ServerResponse } from 'node:http';

/**
 * The Content-Security-Policy of every response. No inline script or style may run, so injected
 * markup cannot execute; what the client legitimately needs beyond its own origin:
 * - `blob:` scripts: the speech capture AudioWorklet is loaded from a Blob URL (worklets count as
 *   scripts), and three.js decodes glTF textures through Blob URLs (img, fetch);
 * - `data:` images: the favicon and the QR codes are SVG data URLs;
 * - `https://cdn.jsdelivr.net` for fetches: @react-three/xr loads XR controller models from the
 *   WebXR input profiles there when a headset is in use;
 * - `connect-src 'self'` also covers the /speech WebSocket and the event stream.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' blob:",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self' blob: https://cdn.jsdelivr.net",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A year; no includeSubDomains: other hosts under the same domain are not ours to decide for. */
const HSTS = 'max-age=31536000';

/** Headers for every response, worked out once per server. */
export function securityHeaders(options: {
  https: boolean;
  csp: boolean;
}): readonly (readonly [string, string])[] {
  return [
    ...(options.csp ? [['content-security-policy', CONTENT_SECURITY_POLICY] as const] : []),
    ['x-content-type-options', 'nosniff'],
    // Links to other sites get our origin at most, never a path that may hold a token (/reset?token=).
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    ['x-frame-options', 'DENY'],
    ['cross-origin-opener-policy', 'same-origin'],
    // HSTS is only honoured over HTTPS, and sent over HTTP it would only mislead a reader.
    ...(options.https ? [['strict-transport-security', HSTS] as const] : []),
  ];
}

/**
 * Cache rules for the built client: files under /assets/ carry a content hash in their name, so a
 * new build has new names and the old ones can be kept forever; everything else (index.html, which
 * names the current assets, and the SPA's routes) must be revalidated on every load.
 */
export function setStaticCacheHeaders(res: ServerResponse, pathname: string): void {
  res.setHeader(
    'cache-control',
    pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}
