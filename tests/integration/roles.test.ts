import { describe, expect, test } from 'vitest';
import type { Access } from '../../common/roles.ts';
import { appRouter } from '../../server/api/app.router.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { rawCall } from '../support/raw-call.ts';
import { apiClient, cookieOf, PASSWORD } from '../support/test-app.ts';

type Proc = { _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { access?: Access } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>);
const callers = ['anonymous', 'technician', 'planner', 'admin'] as const;

/**
 * The policy, written out independently of the routers: a procedure opened to the wrong role by
 * mistake fails here. Everything not listed is for any logged-in user.
 */
const POLICY: Record<string, Access> = {
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.me': 'public',
  'users.create': ['admin'],
  'users.invite': ['admin'],
  'users.update': ['admin'],
  'users.disable': ['admin'],
  'users.enable': ['admin'],
  'users.issueResetLink': ['admin'],
  'users.issueInviteLink': ['admin'],
  'account.redeemToken': 'public',
  'items.create': ['planner', 'admin'],
  'items.update': ['planner', 'admin'],
  'items.setPreferredSupplier': ['planner', 'admin'],
  'suppliers.create': ['planner', 'admin'],
  'suppliers.update': ['planner', 'admin'],
  'suppliers.archive': ['planner', 'admin'],
  'suppliers.restore': ['planner', 'admin'],
  'suppliers.setPrice': ['planner', 'admin'],
  'suppliers.removePrice': ['planner', 'admin'],
  'categories.create': ['planner', 'admin'],
  'categories.update': ['planner', 'admin'],
  'categories.archive': ['planner', 'admin'],
  'categories.restore': ['planner', 'admin'],
  'units.create': ['planner', 'admin'],
  'units.update': ['planner', 'admin'],
  'units.archive': ['planner', 'admin'],
  'units.restore': ['planner', 'admin'],
  'locations.create': ['planner', 'admin'],
  'locations.update': ['planner', 'admin'],
  'locations.archive': ['planner', 'admin'],
  'locations.restore': ['planner', 'admin'],
  'stock.adjust': ['planner', 'admin'],
  'stock.verifyLedger': ['admin'],
  'purchasing.createFromSuggestions': ['planner', 'admin'],
  'purchasing.cancel': ['planner', 'admin'],
  'assets.runScheduler': ['planner', 'admin'],
  'assets.create': ['planner', 'admin'],
  'assets.update': ['planner', 'admin'],
  'assets.archive': ['planner', 'admin'],
  'assets.restore': ['planner', 'admin'],
  'plans.create': ['planner', 'admin'],
  'plans.update': ['planner', 'admin'],
  'plans.archive': ['planner', 'admin'],
  'workOrders.assign': ['planner', 'admin'],
  'audit.verify': ['admin'],
  'audit.recent': ['admin'],
  'audit.verifyExport': ['admin'],
  'audit.checkpoints': ['admin'],
  'io.kinds': ['planner', 'admin'],
  'io.template': ['planner', 'admin'],
  'io.exportCsv': ['planner', 'admin'],
  'io.importCsv': ['planner', 'admin'],
  'twin.publish': ['planner', 'admin'],
  'scenarios.list': ['planner', 'admin'],
  'scenarios.get': ['planner', 'admin'],
  'scenarios.create': ['planner', 'admin'],
  'scenarios.update': ['planner', 'admin'],
  'scenarios.remove': ['planner', 'admin'],
  'scenarios.simulate': ['planner', 'admin'],
  'scenarios.suggestSlotting': ['planner', 'admin'],
  'scenarios.publish': ['planner', 'admin'],
  'droneAudits.plan': ['planner', 'admin'],
  'droneAudits.simulate': ['planner', 'admin'],
  'droneAudits.review': ['planner', 'admin'],
  'droneAudits.refly': ['planner', 'admin'],
  'site.status': 'public',
  'site.setup': 'public',
  'site.update': ['admin'],
};

test('each procedure admits exactly the roles the policy gives it', () => {
  for (const [path, p] of procedures) {
    expect({ path, access: p._def.meta?.access }).toEqual({
      path,
      access: POLICY[path] ?? ['technician', 'planner', 'admin'],
    });
  }
});

test('every procedure states who may call it', () => {
  const undeclared = procedures.filter(([, p]) => p._def.meta?.access === undefined).map(([path]) => path);
  expect(undeclared).toEqual([]);
  expect(procedures.length).toBeGreaterThan(40);
});

describe.each(BACKENDS)('access over HTTP on $name', (backend) => {
  const fx = useFixture(backend);
  describe.each(procedures)('%s', (path, proc) => {
    const access = proc._def.meta?.access ?? [];
    test.skipIf(!backend.available).each(callers)('as %s', async (caller) => {
      // Logging a shared session out would break the other cases; logout is exercised on its own below
      // and signing out everywhere in accounts.test.ts.
      if ((path === 'auth.logout' || path === 'account.signOutEverywhere') && caller !== 'anonymous') return;
      const allowed = access === 'public' || (caller !== 'anonymous' && access.includes(caller));
      // A string where an object is expected: an allowed caller reaches validation (400) and writes nothing.
      const cookie = caller === 'anonymous' ? '' : cookieOf(fx().as[caller]);
      const { status, body } = await rawCall(
        fx().app.url,
        proc._def.type as 'query' | 'mutation',
        path,
        'not-an-object',
        cookie,
      );
      if (allowed) {
        expect([401, 403]).not.toContain(status);
      } else {
        expect(status).toBe(caller === 'anonymous' ? 401 : 403);
        expect(body.error?.message).toMatch(caller === 'anonymous' ? /Log in first/ : /cannot do this/);
      }
      expect(body.error?.data?.stack).toBeUndefined();
    });
  });

  test.skipIf(!backend.available)(
    'the live event stream refuses anonymous callers and pages of other sites',
    async () => {
      const anonymous = await fetch(`${fx().app.url}/events`, { headers: { accept: 'text/event-stream' } });
      expect([anonymous.status, await anonymous.json()]).toEqual([
        401,
        { error: { message: 'Log in first' } },
      ]);
      const elsewhere = await fetch(`${fx().app.url}/events`, {
        headers: { cookie: cookieOf(fx().as.technician), origin: 'https://evil.example' },
      });
      expect(elsewhere.status).toBe(403);
      const unknownTopic = await fetch(`${fx().app.url}/events?topics=stock,gossip`, {
        headers: { cookie: cookieOf(fx().as.technician) },
      });
      expect(unknownTopic.status).toBe(400);
      expect((await unknownTopic.json()).error.message).toMatch(/^topics are stock, work_orders/);
    },
  );

  test.skipIf(!backend.available)('logging out ends the session', async () => {
    const client = apiClient(fx().app.url);
    await client.auth.login.mutate({ username: 'tech', password: PASSWORD });
    expect((await client.auth.me.query())?.username).toBe('tech');
    const cookieBefore = cookieOf(client);
    await client.auth.logout.mutate();
    expect(await client.auth.me.query()).toBeNull();
    // The old token is dead on the server too, not just forgotten by this client.
    const replay = await rawCall(fx().app.url, 'query', 'stock.lowStock', undefined, cookieBefore);
    expect(replay.status).toBe(401);
  });

  test.skipIf(!backend.available)(
    'a wrong password is refused without saying which part was wrong',
    async () => {
      const r = await rawCall(
        fx().app.url,
        'mutation',
        'auth.login',
        { username: 'tech', password: 'nope' },
        '',
      );
      expect(r.status).toBe(401);
      expect(r.body.error?.message).toBe('Wrong username or password');
      const unknown = await rawCall(
        fx().app.url,
        'mutation',
        'auth.login',
        { username: 'nobody', password: 'nope' },
        '',
      );
      expect(unknown.body.error?.message).toBe('Wrong username or password');
    },
  );
});
