import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient } from '@trpc/client';
import { MAX_BATCH_CALLS } from '../../common/limits.ts';
import type { Role } from '../../common/roles.ts';
import type { AppRouter } from '../../server/api/app.router.ts';
import { type RunningApp, startApp } from '../../server/app.ts';
import { type AuditKey, generateAuditKey } from '../../server/audit-signing.ts';
import type { EdgeOptions } from '../../server/http-server.ts';
import type { Clock } from '../../server/services/clock.ts';
import { createFactories, type Factories, PASSWORD } from './factories.ts';

export type Api = TRPCClient<AppRouter>;

export { PASSWORD };

/** A tRPC client that keeps its session cookie, like a browser tab. */
const cookies = new WeakMap<object, () => string>();

/** The session cookie a client holds (the tRPC client is a proxy, so it cannot carry it itself). */
export function cookieOf(client: Api): string {
  return cookies.get(client)?.() ?? '';
}

export function apiClient(url: string, options: { batch?: boolean } = {}): Api {
  let cookie = '';
  const fetchWithCookies = async (input: string | URL | Request, init?: object) => {
    const headers = new Headers((init as RequestInit | undefined)?.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(input, { ...(init as RequestInit), headers });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const pair = c.split(';')[0] ?? '';
      cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  };
  const link =
    (options.batch ?? true)
      ? httpBatchLink({ url: `${url}/trpc`, fetch: fetchWithCookies, maxItems: MAX_BATCH_CALLS })
      : httpLink({ url: `${url}/trpc`, fetch: fetchWithCookies });
  const client = createTRPCClient<AppRouter>({ links: [link] });
  cookies.set(client, () => cookie);
  return client;
}

export type Fixture = {
  app: RunningApp;
  as: Record<Role | 'anonymous', Api>;
  users: Record<Role, number>;
  items: { bolt: number; bearing: number; grease: number };
  bins: { a: number; b: number; c: number; dock: number };
  /** Factories over the running server's services, acting as the fixture's admin. */
  factories: Factories;
  /** The key the server signs audit checkpoints with (tools that check them need it too). */
  auditKey: AuditKey;
};

/** Starts the real server on a random port over `databaseUrl` with three users and a tiny store. */
export async function startFixture(
  databaseUrl: string,
  clock?: Clock,
  /** `clientDir` also serves a built web client (for browser tests); the rest configures the edge. */
  options: { clientDir?: string } & EdgeOptions = {},
): Promise<Fixture> {
  // In memory: checkpoints are signed and checked as in production, with nothing left on disk.
  const auditKey = generateAuditKey();
  const { clientDir, ...edge } = options;
  const app = await startApp({
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    auditKey,
    ...(clock ? { clock } : {}),
    ...(clientDir ? { clientDir } : {}),
    ...edge,
  });
  const f = createFactories(app.services);
  const users = {
    technician: (await f.newUser('technician', { username: 'tech', displayName: 'Tess Tech' })).id,
    planner: (await f.newUser('planner', { username: 'plan', displayName: 'Pat Planner' })).id,
    admin: (await f.newUser('admin', { username: 'admin', displayName: 'Ada Admin' })).id,
  };
  f.actAs(users.admin);
  const bins = {
    a: (await f.newBin({ code: 'A-01-1', x: 1 })).id,
    b: (await f.newBin({ code: 'A-01-2', x: 1 })).id,
    c: (await f.newBin({ code: 'B-01-1', x: 4 })).id,
    dock: (await f.newDock({ code: 'DOCK-1' })).id,
  };
  const items = {
    bolt: (await f.newItem({ sku: 'FST-M8-030', name: 'M8 x 30 hex bolt', aliases: ['M8 bolts'] })).id,
    bearing: (
      await f.newItem({
        sku: 'BRG-6204',
        name: '6204-2RS deep groove ball bearing',
        aliases: ['6204 bearing'],
      })
    ).id,
    grease: (
      await f.newItem({
        sku: 'LUB-EP2',
        name: 'EP2 lithium grease 400 g',
        aliases: ['grease'],
        tracking: 'lot',
      })
    ).id,
  };
  await f.receive(items.bolt, bins.a, 100);
  await f.receive(items.bearing, bins.c, 5);

  const login = async (username: string) => {
    const client = apiClient(app.url);
    await client.auth.login.mutate({ username, password: PASSWORD });
    return client;
  };
  const as = {
    anonymous: apiClient(app.url),
    technician: await login('tech'),
    planner: await login('plan'),
    admin: await login('admin'),
  };
  return { app, as, users, items, bins, factories: f, auditKey };
}
