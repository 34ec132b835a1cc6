import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionUser } from '../../common/roles.ts';
import type { RateLimiter } from '../edge/rate-limiter.ts';
import type { Services } from '../services/services.ts';

export const SESSION_COOKIE = 'tv_session';

export type CookieJar = {
  token: string | undefined;
  setSession(token: string, maxAgeS: number): void;
  clearSession(): void;
};

export type Context = {
  services: Services;
  user: SessionUser | null;
  cookies: CookieJar;
  /** The caller's network address (login throttling); null for in-process callers. */
  clientAddress: string | null;
  /** Limits on expensive procedures (meta `rateLimit`); null for in-process callers. */
  rateLimiter: RateLimiter | null;
};

/** A context without HTTP, for tests and in-process callers. */
export function createContextInner(
  services: Services,
  user: SessionUser | null,
  cookies?: CookieJar,
  clientAddress: string | null = null,
): Context {
  return {
    services,
    user,
    cookies: cookies ?? { token: undefined, setSession() {}, clearSession() {} },
    clientAddress,
    rateLimiter: null,
  };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function httpCookieJar(req: IncomingMessage, res: ServerResponse, secure: boolean): CookieJar {
  const flags = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return {
    token: readCookie(req.headers.cookie, SESSION_COOKIE),
    setSession(token, maxAgeS) {
      res.appendHeader(
        'Set-Cookie',
        `${SESSION_COOKIE}=${encodeURIComponent(token)}; Max-Age=${maxAgeS}; ${flags}`,
      );
    },
    clearSession() {
      res.appendHeader('Set-Cookie', `${SESSION_COOKIE}=; Max-Age=0; ${flags}`);
    },
  };
}

export async function createHttpContext(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  rateLimiter: RateLimiter | null = null,
): Promise<Context> {
  const cookies = httpCookieJar(req, res, Boolean((req.socket as { encrypted?: boolean }).encrypted));
  const user = await services.auth.userForToken(cookies.token);
  // The socket's peer, not X-Forwarded-For: a header anyone can set would let a guesser pick a fresh
  // address for every attempt. Behind a proxy this is the proxy's address (see docs/accounts.md).
  return { services, user, cookies, clientAddress: req.socket.remoteAddress ?? null, rateLimiter };
}
