import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 120_000;

describe('web client: a planner tries a layout scenario', () => {
  const web = useWebApp({
    afterStart: async (fx) => {
      await fx.as.planner.twin.publish.mutate({ document: demoWarehouse() });
      // A little real work for the simulation to replay.
      for (let i = 0; i < 5; i++) {
        await fx.as.technician.stock.pick.mutate({
          itemId: fx.items.bolt,
          locationId: fx.bins.a,
          qty: 1,
          idempotencyKey: `planner-e2e-pick-${i}`,
        });
      }
    },
  });

  it(
    'opens a scenario, moves a rack, is refused an overlapping move, runs the simulation and sees the comparison',
    async () => {
      const { fx } = web.started();
      const page = await web.newPage({ timeoutMs: 30_000 });
      await page.goto(`${fx.app.url}/`);
      await web.logIn(page, 'plan', PASSWORD);

      await page.getByTestId('nav-planner').click();
      await page.waitForURL(/\/planner$/);
      await page.getByTestId('scenario-name').fill('Turn aisle L');
      await page.getByTestId('scenario-notes').fill('e2e');
      await page.getByTestId('scenario-create').click();
      await page.waitForURL(/\/planner\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      await page.waitForFunction(() => window.__twin?.ready === true, undefined, { timeout: 30_000 });

      // Move the last rack of aisle L half a metre towards the front.
      await page.getByTestId('planner-rack').selectOption('R-L-4-L');
      const before = await page.getByTestId('planner-rack-position').textContent();
      await page.getByTestId('planner-nudge-up').click();
      await expect.poll(() => page.getByTestId('planner-edit-count').textContent()).toBe('1 edit(s)');
      expect(await page.getByTestId('planner-rack-position').textContent()).not.toBe(before);
      await expect
        .poll(async () => (await fx.as.planner.scenarios.get.query({ id })).edits.length, { timeout: 10_000 })
        .toBe(1);

      // Dragging the handle moves the rack too, snapped to 10 cm (the camera does not orbit meanwhile).
      await expect.poll(() => page.evaluate(() => window.__planner?.handleAt() ?? null)).not.toBeNull();
      const handle = await page.evaluate(() => window.__planner?.handleAt() ?? null);
      if (!handle) throw new Error('no rack handle on screen');
      await page.mouse.move(handle.x, handle.y);
      await page.mouse.down();
      await page.mouse.move(handle.x + 4, handle.y + 8, { steps: 4 });
      await page.mouse.up();
      await expect
        .poll(() => page.getByTestId('planner-edit-count').textContent(), { timeout: 20_000 })
        .toBe('2 edit(s)');
      await expect
        .poll(async () => (await fx.as.planner.scenarios.get.query({ id })).edits.length, { timeout: 10_000 })
        .toBe(2);
      const dragged = (await fx.as.planner.scenarios.get.query({ id })).edits.at(-1);
      if (dragged?.kind !== 'moveRack') throw new Error('the drag did not move the rack');
      expect(dragged.rackId).toBe('R-L-4-L');
      expect(Math.abs(dragged.x * 10 - Math.round(dragged.x * 10))).toBeLessThan(1e-6);
      expect(Math.abs(dragged.z * 10 - Math.round(dragged.z * 10))).toBeLessThan(1e-6);
      await page.getByTestId('planner-undo').click();
      await expect.poll(() => page.getByTestId('planner-edit-count').textContent()).toBe('1 edit(s)');

      // Pushing rack A-1-L into the rack behind it is refused with the reason, and nothing is added.
      await page.getByTestId('planner-rack').selectOption('R-A-1-L');
      await page.getByTestId('planner-nudge-right').click();
      const refused = page.getByTestId('planner-refused');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('rack R-A-1-L overlaps rack R-B-1-R');
      expect(await page.getByTestId('planner-edit-count').textContent()).toBe('1 edit(s)');

      // An aisle narrowed below the site minimum is refused too.
      await page.getByTestId('planner-aisle').selectOption('AISLE-C');
      await page.getByTestId('planner-aisle-width').fill('0.9');
      await page.getByTestId('planner-aisle-apply').click();
      await expect
        .poll(() => page.getByTestId('planner-refused').textContent())
        .toContain('aisle C would be 0.9 m wide; the minimum is 1.2 m');

      // Undo and redo go through the same list.
      await page.getByTestId('planner-undo').click();
      await expect.poll(() => page.getByTestId('planner-edit-count').textContent()).toBe('0 edit(s)');
      await page.getByTestId('planner-redo').click();
      await expect.poll(() => page.getByTestId('planner-edit-count').textContent()).toBe('1 edit(s)');

      await page.getByTestId('planner-days').fill('30');
      await page.getByTestId('planner-simulate').click();
      const table = page.getByTestId('planner-comparison');
      await table.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('compare-pickDistanceM').textContent()).toContain('Pick-list walking');
      await page.getByTestId('planner-histogram').waitFor();
      await page.getByTestId('planner-heatmap').selectOption('scenario');
      await page
        .locator('[data-testid="planner-stage"] canvas')
        .screenshot({ path: join(RESULTS_DIR, 'planner-scenario.png') });
      await page
        .getByTestId('planner-comparison')
        .screenshot({ path: join(RESULTS_DIR, 'planner-comparison.png') });

      // Nothing was published: the live twin is still the first revision.
      const live = await fx.as.technician.twin.current.query();
      expect(live.facility.racks.find((r) => r.id === 'R-L-4-L')?.origin.position).toEqual(
        demoWarehouse().racks.find((r) => r.id === 'R-L-4-L')?.origin.position,
      );
    },
    TIMEOUT,
  );
});
