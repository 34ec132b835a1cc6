import { expect, test } from 'vitest';
import { startApp } from '../../server/app.ts';
import { generateDistributionCentre } from '../../twin-models/generate/distribution-centre.ts';
import { createFactories } from '../support/factories.ts';
import { tempDatabaseUrl } from '../support/tmp-db.ts';

test('/healthz keeps answering while the navmesh of a 50,000-bin distribution centre builds', async () => {
  const db = await tempDatabaseUrl();
  const first = await startApp({ databaseUrl: db.url, log: () => {} });
  const planner = await createFactories(first.services).newUser('planner');
  await first.services.twin.publish(generateDistributionCentre({}, 1), 'distribution centre', planner.id);
  await first.close();
  // The client's first fetch loads its HTTP stack; that is not the server's time.
  await fetch('data:,warm');
  // A restarted server builds the current layout's navmesh as soon as it listens (about a second of
  // voxelising for this floor), while load balancers and people already call it.
  const app = await startApp({ databaseUrl: db.url, log: () => {} });
  try {
    let built = false;
    const ready = app.services.navigation.warm().then(() => {
      built = true;
    });
    const latencies: number[] = [];
    while (!built) {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).toBe(200);
      await res.json();
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    await ready;
    // On the main thread the build held every request for one to three seconds.
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    const route = await app.services.navigation.route(
      { kind: 'bin', code: 'A-02-1' },
      { kind: 'dock', code: 'D1' },
    );
    expect(route.ok).toBe(true);
  } finally {
    await app.close();
    await db.cleanup();
  }
}, 60_000);
