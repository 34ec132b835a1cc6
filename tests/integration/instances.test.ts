import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningApp, startApp } from '../../server/app.ts';
import { BACKENDS } from '../support/backends.ts';
import { openLiveStream, type SseMessage } from '../support/http-raw.ts';
import { rawCall } from '../support/raw-call.ts';
import { type Api, apiClient, cookieOf, type Fixture, PASSWORD, startFixture } from '../support/test-app.ts';

const typeOf = (m: SseMessage) => (m.data as { type?: string } | null)?.type;

/**
 * Two server instances on one database, as behind a load balancer: whatever one commits reaches the
 * other's screens, search index and session cache through the change feed (the outbox table), within
 * its polling interval or, for a logged-out session, at once. On sqld (the deployment this is for)
 * and on one shared `file:` database (two instances in one process, each with its own connections).
 */
describe.each(BACKENDS)('two instances on one $name', (backend) => {
  const run = test.skipIf(!backend.available);
  let a: Fixture;
  let b: RunningApp;
  let closeDb: () => Promise<void> = async () => {};

  beforeAll(async () => {
    if (!backend.available) return;
    const db = await backend.open();
    closeDb = db.close;
    a = await startFixture(db.url);
    b = await startApp({ databaseUrl: db.url, port: 0, host: '127.0.0.1', log: () => {} });
  });
  afterAll(async () => {
    await b?.close();
    await a?.app.close();
    await closeDb();
  });

  async function onB(username: string): Promise<Api> {
    const client = apiClient(b.url);
    await client.auth.login.mutate({ username, password: PASSWORD });
    return client;
  }

  run('a pick on B reaches a screen on A within a second', async () => {
    const screenOnA = await openLiveStream(a.app.url, cookieOf(a.as.planner));
    const technicianOnB = await onB('tech');
    const started = performance.now();
    await technicianOnB.stock.pick.mutate({
      itemId: a.items.bolt,
      locationId: a.bins.a,
      qty: 2,
      idempotencyKey: 'instances-pick-0001',
    });
    const heard = await screenOnA.next((m) => typeOf(m) === 'stock', 1_000);
    const elapsed = performance.now() - started;
    screenOnA.close();
    expect(heard.data).toMatchObject({ type: 'stock', itemId: a.items.bolt });
    expect(elapsed).toBeLessThan(1_000);
    // The id is the change feed's, the same on every instance: a screen can resume on either.
    const onHand = await b.services.db.reader.execute({
      sql: 'SELECT max(id) AS id FROM outbox',
      args: [],
    });
    expect(Number(heard.id)).toBe(Number(onHand.rows[0]?.id));
  });

  run('an item created on B is found by a search on A within two seconds', async () => {
    // A has searched before, so its index is built and must be patched, not built afresh.
    expect(await a.as.technician.items.search.query({ q: 'flux capacitor' })).toEqual([]);
    const plannerOnB = await onB('plan');
    const created = await plannerOnB.items.create.mutate({
      sku: 'INS-FLUX-01',
      name: 'Flux capacitor housing',
      unit: 'ea',
      category: 'test',
      unitCostCents: 1_250,
      aliases: ['flux capacitor'],
      reorderPoint: 0,
      reorderQty: 0,
      tracking: 'none',
    });
    const started = performance.now();
    let found: number | undefined;
    while (performance.now() - started < 2_000) {
      found = (await a.as.technician.items.search.query({ q: 'flux capacitor' }))[0]?.id;
      if (found !== undefined) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(found).toBe(created.id);
  });

  run('a logout on A refuses the token on B at once, and ends its streams on both', async () => {
    const technician = apiClient(a.app.url);
    await technician.auth.login.mutate({ username: 'tech', password: PASSWORD });
    const cookie = cookieOf(technician);
    // B has checked the session, so its cache holds it.
    expect((await rawCall(b.url, 'query', 'stock.lowStock', undefined, cookie)).status).toBe(200);
    const streamOnA = await openLiveStream(a.app.url, cookie);
    const streamOnB = await openLiveStream(b.url, cookie);
    const otherSession = await openLiveStream(b.url, cookieOf(a.as.technician));

    await technician.auth.logout.mutate();

    expect((await rawCall(b.url, 'query', 'stock.lowStock', undefined, cookie)).status).toBe(401);
    expect((await rawCall(a.app.url, 'query', 'stock.lowStock', undefined, cookie)).status).toBe(401);
    for (const stream of [streamOnA, streamOnB]) {
      expect((await stream.next((m) => typeOf(m) === 'signed_out')).data).toEqual({
        type: 'signed_out',
        reason: 'logged_out',
      });
      await stream.ended;
    }
    // The same user's other session is not logged out.
    expect(
      (await rawCall(b.url, 'query', 'stock.lowStock', undefined, cookieOf(a.as.technician))).status,
    ).toBe(200);
    expect(otherSession.messages.some((m) => typeOf(m) === 'signed_out')).toBe(false);
    otherSession.close();
  });
});
