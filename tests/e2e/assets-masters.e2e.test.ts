import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 180_000;
const DAY_MS = 86_400_000;
/** A free spot in the demo warehouse's staging area, clear of docks, benches and aisles. */
const SPOT = { x: 6, z: 9 };

/**
 * The maintenance journey through the screens: a planner registers an asset by clicking its spot in
 * the 3D view, gives it a plan with a checklist and a parts kit, and raises the due work; the
 * technician it is assigned to works it and uses a part; another technician is told it is not theirs.
 */
describe('asset and maintenance-plan masters in the browser', () => {
  const web = useWebApp({
    timeoutMs: 90_000,
    afterStart: async (fx) => {
      await fx.as.planner.twin.publish.mutate({ document: demoWarehouse() });
      await fx.factories.newUser('technician', { username: 'sipho', displayName: 'Sipho Dlamini' });
    },
  });

  async function logInAt(path: string, username: string): Promise<Page> {
    const page = await web.newPage({ timeoutMs: 30_000 });
    await page.goto(`${web.started().fx.app.url}/login?next=${encodeURIComponent(path)}`);
    await web.logIn(page, username, PASSWORD);
    return page;
  }

  it(
    'a plan falls due and raises its work order with the kit reserved; only its technician may use the parts',
    async () => {
      const { fx } = web.started();

      // A planner registers the compressor, placing it by clicking the floor of the twin.
      const planner = await logInAt('/assets', 'plan');
      await planner.getByTestId('asset-new').click();
      await planner.waitForURL(/\/assets\/new$/);
      await planner.getByTestId('asset-tag').fill('CMP-77');
      await planner.getByTestId('asset-name').fill('Air compressor 77');
      await planner.getByTestId('asset-type').fill('Screw compressor');
      await planner.getByTestId('asset-category').fill('Compressed air');
      await planner.getByTestId('placement-kind-twin').check();
      await planner.waitForFunction(() => window.__twin?.ready === true, undefined, { timeout: 60_000 });
      await planner.getByTestId('placement-width').fill('1.4');
      await planner.getByTestId('placement-depth').fill('0.9');
      await expect.poll(() => planner.evaluate(() => window.__assetPicker !== undefined)).toBe(true);
      const at = await planner.evaluate(({ x, z }) => window.__assetPicker?.screenAt(x, z) ?? null, SPOT);
      if (!at) throw new Error('the spot picker is not on screen');
      await planner.mouse.click(at.x, at.y);
      await planner.getByTestId('placement-fits').waitFor();
      expect(Math.abs(Number(await planner.getByTestId('placement-x').inputValue()) - SPOT.x)).toBeLessThan(
        0.3,
      );
      await planner
        .getByTestId('asset-spot-picker')
        .screenshot({ path: join(RESULTS_DIR, 'asset-spot-picker.png') });
      await planner.getByTestId('asset-save').click();
      await planner.waitForURL(/\/assets\/\d+$/);
      const assetId = Number(new URL(planner.url()).pathname.split('/').pop());
      await expect.poll(() => planner.getByTestId('asset-where').textContent()).toContain('On the floor');
      const twin = await fx.as.technician.twin.current.query();
      expect(twin.facility.assets).toEqual([
        expect.objectContaining({ assetTag: 'CMP-77', name: 'Air compressor 77' }),
      ]);
      await planner.getByTestId('guide-me').waitFor();

      // A plan every day, last done ten days ago, with two tasks and four M8 bolts in its kit.
      await planner.getByTestId('plan-new').click();
      await planner.getByTestId('plan-title').fill('Daily leak check');
      await planner.getByTestId('plan-days').fill('1');
      const tenDaysAgo = new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10);
      await planner.getByTestId('plan-last-done').fill(tenDaysAgo);
      await planner.getByTestId('plan-checklist').fill('Listen for air leaks\nDrain the receiver');
      await planner.getByTestId('item-picker-input').fill('M8');
      await planner.getByTestId('item-picker-option').first().click();
      await planner.getByTestId('kit-qty').fill('4');
      await planner.getByTestId('plan-save').click();
      await expect
        .poll(() => planner.getByTestId('plan-row').textContent())
        .toContain('kit: 4 × M8 x 30 hex bolt');

      // The scheduler raises its work order with the checklist and the kit reserved.
      await planner.goto(`${fx.app.url}/assets`);
      await planner.getByTestId('run-scheduler').click();
      await planner.getByTestId('toast-success').filter({ hasText: 'Created 1 work order' }).waitFor();
      const [wo] = await fx.as.planner.workOrders.list.query({ assetId });
      if (!wo) throw new Error('no work order was raised');
      await fx.as.planner.workOrders.assign.mutate({ id: wo.id, assigneeId: fx.users.technician });
      await planner.goto(`${fx.app.url}/work-orders/${wo.id}`);
      await expect.poll(() => planner.getByTestId('checklist-progress').textContent()).toBe('0 of 2 done');
      await expect.poll(() => planner.getByTestId('part-row').textContent()).toContain('M8 x 30 hex bolt');
      expect(await fx.as.planner.stock.level.query({ itemId: fx.items.bolt })).toMatchObject({ reserved: 4 });

      // Tess, who it is assigned to, starts it, ticks a task and uses a bolt.
      const tess = await logInAt(`/work-orders/${wo.id}`, 'tech');
      await tess.getByTestId('status-in_progress').click();
      await tess.getByTestId('checklist-task').first().check();
      await expect.poll(() => tess.getByTestId('checklist-progress').textContent()).toBe('1 of 2 done');
      await tess.getByLabel('Quantity of M8 x 30 hex bolt to use').fill('1');
      await tess.getByRole('button', { name: 'Use', exact: true }).click();
      await tess.getByTestId('toast-success').filter({ hasText: 'Used 1 ea of M8 x 30 hex bolt' }).waitFor();
      expect(await fx.as.planner.stock.level.query({ itemId: fx.items.bolt })).toMatchObject({
        onHand: 99,
        reserved: 3,
      });

      // Sipho is another technician: he is told whose it is and offered nothing that would be refused.
      const sipho = await logInAt(`/work-orders/${wo.id}`, 'sipho');
      const notYours = sipho.getByTestId('wo-not-yours');
      await notYours.waitFor();
      expect(await notYours.textContent()).toContain(
        'This work order is assigned to Tess Tech; only they or a planner can change it',
      );
      expect(await sipho.getByRole('button', { name: 'Use', exact: true }).count()).toBe(0);
      expect(await sipho.getByTestId('checklist-task').first().isDisabled()).toBe(true);

      // Done with a task unticked asks first.
      await tess.getByTestId('status-done').click();
      await tess.locator('dialog[open]').getByTestId('confirm').click();
      await expect
        .poll(async () => (await fx.as.planner.workOrders.get.query({ id: wo.id })).status)
        .toBe('done');
    },
    TIMEOUT,
  );
});
