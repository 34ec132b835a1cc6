import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  DEMO_PASSWORD,
  DEMO_SITE,
  type SeedSummary,
  seedSampleFacility,
} from '../../scripts/seed/seed-database.ts';
import { openServices } from '../../server/app.ts';
import type { Services } from '../../server/services/services.ts';
import { ledgerHolds } from '../support/db-state.ts';
import { tempDatabaseUrl } from '../support/tmp-db.ts';

let services: Services;
let summary: SeedSummary;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const db = await tempDatabaseUrl();
  cleanup = db.cleanup;
  services = await openServices({
    databaseUrl: db.url,
    clock: { now: () => Date.parse('2026-11-01T12:00:00Z') },
  });
  summary = await seedSampleFacility(services, { seed: 42 });
}, 120_000);
afterAll(async () => {
  await services?.writer.close();
  services?.db.close();
  await cleanup?.();
});

test('the sample facility has the promised size', () => {
  expect(summary.locations).toBeGreaterThanOrEqual(5000);
  expect(summary.items).toBeGreaterThanOrEqual(2000);
  expect(summary.movements).toBeGreaterThanOrEqual(100_000);
  expect(summary.refused).toBe(0);
  expect(summary.assets).toBeGreaterThanOrEqual(50);
  expect(summary.workOrders).toBeGreaterThanOrEqual(300);
  expect(summary.purchaseOrders).toBeGreaterThan(0);
});

test('its history was written through the ledger: on-hand equals the movements, the audit chain verifies', async () => {
  expect(await ledgerHolds(services.db)).toBe(true);
  expect((await services.inventory.verifyLedger()).ok).toBe(true);
  const audit = await services.audit.verify();
  expect(audit.ok).toBe(true);
  expect(audit.checked).toBeGreaterThanOrEqual(100_000);
});

test('work orders cover every status, and the demo users can log in', async () => {
  const counts = await services.workOrders.counts();
  for (const n of Object.values(counts)) expect(n).toBeGreaterThan(0);
  for (const username of ['technician', 'planner', 'admin']) {
    await expect(services.auth.login(username, DEMO_PASSWORD)).resolves.toMatchObject({ user: { username } });
  }
});

test('the seeded database is marked demo, so the login page offers the demo logins', async () => {
  expect(await services.site.status()).toEqual({ ...DEMO_SITE, demo: true, setupRequired: false });
});

test('the demo part the README names is findable and stocked in A-01-1', async () => {
  const [hit] = await services.inventory.search('m8 x 30 hex bolt zinc', 5);
  expect(hit?.name).toBe('M8 x 30 hex bolt, zinc plated');
  // What people call it finds it first among the other M8 bolts.
  const byAlias = await services.inventory.search('m8 bolts', 20);
  expect(byAlias[0]?.id).toBe(hit?.id);
  const level = await services.inventory.stockLevel(hit?.id ?? 0);
  expect(level.locations.map((l) => l.code)).toContain('A-01-1');
});

test('history spans the last 180 days with a realistic mix of movements', async () => {
  const rs = await services.db.reader.execute(
    'SELECT kind, count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM movements GROUP BY kind',
  );
  const kinds = new Map(rs.rows.map((r) => [String(r.kind), Number(r.n)]));
  expect(kinds.get('pick')).toBeGreaterThan(50_000);
  expect(kinds.get('receive')).toBeGreaterThan(1000);
  expect(kinds.get('count')).toBeGreaterThan(100);
  expect(kinds.get('transfer')).toBeGreaterThan(100);
  const first = Math.min(...rs.rows.map((r) => Number(r.first)));
  expect(Date.parse('2026-11-01T12:00:00Z') - first).toBeGreaterThan(170 * 86_400_000);
});

test('every seeded asset stands in the published twin under its register tag, and a route from dock D1 reaches it', async () => {
  const rs = await services.db.reader.execute('SELECT tag, name, x, z FROM assets ORDER BY id');
  const twin = await services.twin.current();
  const placed = new Map((twin?.facility.assets ?? []).map((a) => [a.assetTag, a]));
  expect(rs.rows.length).toBe(summary.assets);
  for (const row of rs.rows) {
    const tag = String(row.tag);
    const placement = placed.get(tag);
    expect(placement, `placement for ${tag}`).toMatchObject({
      name: String(row.name),
      pose: { position: { x: Number(row.x), z: Number(row.z) } },
    });
    const route = await services.navigation.route({ kind: 'dock', code: 'D1' }, { kind: 'asset', id: tag });
    expect(route.ok, `route to ${tag}: ${route.ok ? '' : route.reason}`).toBe(true);
  }
}, 120_000);
