import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient } from '@trpc/client';
import type { Role } from '../../common/roles.ts';
import type { AppRouter } from '../../server/api/app.router.ts';
import { type RunningApp, startApp } from '../../server/app.ts';
import { upsertLocation } from '../../server/db/catalog.repository.ts';
import type { Clock } from '../../server/services/clock.ts';

export type Api = TRPCClient<AppRouter>;

export const PASSWORD = 'correct horse battery';

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
  const link = (options.batch ?? true) ? httpBatchLink : httpLink;
  const client = createTRPCClient<AppRouter>({
    links: [link({ url: `${url}/trpc`, fetch: fetchWithCookies })],
  });
  cookies.set(client, () => cookie);
  return client;
}

export type Fixture = {
  app: RunningApp;
  as: Record<Role | 'anonymous', Api>;
  users: Record<Role, number>;
  items: { bolt: number; bearing: number; grease: number };
  bins: { a: number; b: number; c: number; dock: number };
};

/** Starts the real server on a random port over `databaseUrl` with three users and a tiny store. */
export async function startFixture(
  databaseUrl: string,
  clock?: Clock,
  /** `clientDir` also serves a built web client (for browser tests). */
  options: { clientDir?: string } = {},
): Promise<Fixture> {
  const app = await startApp({
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    ...(clock ? { clock } : {}),
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
  });
  const s = app.services;
  const users = {
    technician: await s.auth.createUser({
      username: 'tech',
      displayName: 'Tess Tech',
      role: 'technician',
      password: PASSWORD,
    }),
    planner: await s.auth.createUser({
      username: 'plan',
      displayName: 'Pat Planner',
      role: 'planner',
      password: PASSWORD,
    }),
    admin: await s.auth.createUser({
      username: 'admin',
      displayName: 'Ada Admin',
      role: 'admin',
      password: PASSWORD,
    }),
  };
  await s.writer.run(async (tx) => {
    for (const [code, x] of [
      ['A-01-1', 1],
      ['A-01-2', 1],
      ['B-01-1', 4],
    ] as const) {
      await upsertLocation(tx, {
        code,
        kind: 'bin',
        aisle: code[0] ?? 'A',
        bay: 1,
        level: Number(code.at(-1)),
        x,
        y: 0,
        z: 1,
        width: 1,
        height: 0.5,
        depth: 0.6,
        capacity: 1000,
        active: true,
      });
    }
    await upsertLocation(tx, {
      code: 'DOCK-1',
      kind: 'dock',
      aisle: null,
      bay: null,
      level: null,
      x: 0,
      y: 0,
      z: 0,
      width: 4,
      height: 0,
      depth: 4,
      capacity: 100000,
      active: true,
    });
  });
  const bins = {
    a: (await s.inventory.location({ code: 'A-01-1' })).id,
    b: (await s.inventory.location({ code: 'A-01-2' })).id,
    c: (await s.inventory.location({ code: 'B-01-1' })).id,
    dock: (await s.inventory.location({ code: 'DOCK-1' })).id,
  };
  const item = (sku: string, name: string, aliases: string[], tracking: 'none' | 'lot' | 'serial') =>
    s.inventory.createItem(
      {
        sku,
        name,
        aliases,
        unit: 'ea',
        barcode: null,
        category: 'test',
        unitCostCents: 100,
        reorderPoint: 10,
        reorderQty: 50,
        tracking,
        supplierId: null,
      },
      users.admin,
    );
  const items = {
    bolt: await item('FST-M8-030', 'M8 x 30 hex bolt', ['M8 bolts'], 'none'),
    bearing: await item('BRG-6204', '6204-2RS deep groove ball bearing', ['6204 bearing'], 'none'),
    grease: await item('LUB-EP2', 'EP2 lithium grease 400 g', ['grease'], 'lot'),
  };
  await s.ledger.post({
    op: { kind: 'receive', itemId: items.bolt, locationId: bins.a, qty: 100 },
    actorId: users.admin,
  });
  await s.ledger.post({
    op: { kind: 'receive', itemId: items.bearing, locationId: bins.c, qty: 5 },
    actorId: users.admin,
  });

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
  return { app, as, users, items, bins };
}
