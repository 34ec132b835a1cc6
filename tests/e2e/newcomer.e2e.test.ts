import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { type Fixture, PASSWORD } from '../support/test-app.ts';
import { useWebApp } from './harness.ts';

const TIMEOUT = 90_000;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const made = { supplier: 0, hose: 0, hosePo: 0, workOrder: 0 };

/** A store a new team would have after a few weeks: many low parts, orders, a busy board. */
async function newcomerStore(fx: Fixture) {
  const f = fx.factories;
  await fx.as.planner.twin.publish.mutate({ document: demoWarehouse() });
  made.supplier = (await f.newSupplier({ name: 'Northgate Fasteners and Fixings Ltd', leadTimeDays: 4 })).id;
  const part = async (sku: string, name: string, category: string) =>
    (
      await f.newItem({
        sku,
        name,
        category,
        unitCostCents: 250,
        reorderPoint: 5,
        reorderQty: 20,
        supplierId: made.supplier,
      })
    ).id;
  const screws: number[] = [];
  for (let n = 1; n <= 60; n++) {
    screws.push(
      await part(`FST-SCS-${n}`, `Hex socket cap screw M6 x ${n} mm, stainless steel A4-80`, 'Fasteners'),
    );
  }
  made.hose = await part('HYD-HOSE-08', 'Hydraulic hose 1/2 in, two-wire braid', 'Hydraulics');
  const bearing = await fx.as.planner.items.get.query({ id: fx.items.bearing });
  await fx.as.planner.items.update.mutate({
    id: fx.items.bearing,
    item: { ...bearing, supplierId: made.supplier },
  });
  // Ten of the screws are on order already: covered.
  await fx.as.planner.purchasing.createFromSuggestions.mutate({ itemIds: screws.slice(0, 10) });
  const [hosePo] = (
    await fx.as.planner.purchasing.createFromSuggestions.mutate({ itemIds: [made.hose, fx.items.bearing] })
  ).purchaseOrderIds;
  made.hosePo = hosePo ?? 0;

  for (let n = 0; n < 55; n++) {
    const { id } = await fx.as.planner.workOrders.create.mutate({
      title: `Replace tube in light ${n + 1}`,
      priority: n < 5 ? 'high' : 'low',
    });
    if (n % 20 === 0) await fx.as.planner.workOrders.assign.mutate({ id, assigneeId: fx.users.technician });
  }
  made.workOrder = (await fx.as.technician.workOrders.create.mutate({ title: 'Fix the conveyor guard' })).id;
  // Named the way files are named: one long word that cannot wrap.
  await fx.as.planner.scenarios.create.mutate({
    name: 'Layout_B_wider_aisle_C_reach_trucks',
    notes: 'Moves racks C-1 to C-4 half a metre east so two trucks can pass',
  });
}

/**
 * Whether a person can see and press `target` where it sits: scrolled so its bottom edge is at the
 * bottom of the screen (where floating buttons live), nothing may sit over its left, middle or right.
 */
async function coveredBy(target: Locator): Promise<string[]> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const y = r.top + r.height / 2;
    const over: string[] = [];
    for (const x of [r.left + 4, r.left + r.width / 2, r.right - 4]) {
      const hit = document.elementFromPoint(x, y);
      if (hit !== null && hit !== el && !el.contains(hit)) over.push(hit.outerHTML.slice(0, 80));
    }
    return over;
  });
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return {
      tag: a?.tagName.toLowerCase() ?? '',
      text: a?.textContent ?? '',
      testId: a?.getAttribute('data-testid'),
    };
  });

describe('what a newcomer trips over', () => {
  const web = useWebApp({ timeoutMs: 120_000, afterStart: newcomerStore });

  async function loggedIn(username: string, path: string, viewport = DESKTOP) {
    const page = await web.newPage({ viewport, timeoutMs: 30_000 });
    await page.goto(`${web.started().fx.app.url}/login?next=${encodeURIComponent(path)}`);
    await web.logIn(page, username, PASSWORD);
    await page.waitForURL((u) => u.pathname === path.split('?')[0]);
    return page;
  }

  it(
    'the login page starts in the username field',
    async () => {
      const page = await web.newPage();
      await page.goto(`${web.started().fx.app.url}/login`);
      await page.getByTestId('login-username').waitFor();
      await expect.poll(async () => (await focused(page)).testId).toBe('login-username');
    },
    TIMEOUT,
  );

  it(
    'a technician sees no link to what they cannot use, and a plain sentence where they follow one anyway',
    async () => {
      const page = await loggedIn('tech', '/');
      await page.getByTestId('nav-items').waitFor();
      expect(await page.getByTestId('nav-io').count()).toBe(0);
      expect(await page.getByTestId('nav-planner').count()).toBe(0);
      for (const path of ['/planner', '/io', '/planner/1']) {
        await page.goto(`${web.started().fx.app.url}${path}`);
        const gate = page.getByTestId('role-gate');
        await gate.waitFor();
        expect(await gate.textContent()).toContain('This page is for planners');
        expect(await page.getByTestId('scenario-name').count()).toBe(0);
        expect(await page.locator('[role="alert"]').count()).toBe(0);
        expect(await page.getByText('Try again').count()).toBe(0);
      }
      const planner = await loggedIn('plan', '/');
      await planner.getByTestId('nav-io').waitFor();
    },
    TIMEOUT,
  );

  it(
    'after a page change focus is on the new page’s heading, and after a pick on its result',
    async () => {
      const { fx } = web.started();
      const page = await loggedIn('tech', `/items/${fx.items.bolt}`);
      await page.getByTestId('item-page').waitFor();
      await page.getByTestId('qty-input').fill('2');
      await page.getByTestId('submit-action').click();
      await page.getByTestId('form-success').waitFor();
      await expect.poll(async () => (await focused(page)).testId).toBe('form-success');
      expect((await focused(page)).text).toContain('Picked 2 from A-01-1');

      await page.getByTestId('nav-low-stock').click();
      await page.waitForURL(/\/low-stock$/);
      await expect.poll(async () => (await focused(page)).tag).toBe('h1');
      expect((await focused(page)).text).toBe('Low stock');

      // On a phone the menu closes as the page changes; focus must not fall to the page body.
      const phone = await loggedIn('tech', '/assets', PHONE);
      await phone.getByRole('button', { name: 'Menu' }).click();
      await phone.getByTestId('nav-work-orders').click();
      await phone.waitForURL(/\/work-orders$/);
      await expect.poll(async () => (await focused(phone)).tag).toBe('h1');
      expect((await focused(phone)).text).toBe('Work orders');
    },
    TIMEOUT,
  );

  it(
    'arrow down moves from the work-order part search into its matches and back up',
    async () => {
      const page = await loggedIn('tech', `/work-orders/${made.workOrder}`);
      const input = page.getByTestId('item-picker-input');
      await input.fill('bearing');
      await page.getByTestId('item-picker-option').first().waitFor();
      await input.press('ArrowDown');
      await expect.poll(async () => (await focused(page)).testId).toBe('item-picker-option');
      expect((await focused(page)).text).toContain('6204-2RS deep groove ball bearing');
      await page.keyboard.press('ArrowUp');
      await expect.poll(async () => (await focused(page)).testId).toBe('item-picker-input');
    },
    TIMEOUT,
  );

  it(
    'the voice button covers nothing: not the note field or Pick button, not the Pick tab, not the Labels headings',
    async () => {
      const { fx } = web.started();
      for (const viewport of [DESKTOP, PHONE]) {
        const page = await loggedIn('tech', `/items/${fx.items.bolt}`, viewport);
        await page.getByTestId('item-page').waitFor();
        expect(await page.getByTestId('voice-toggle').textContent()).toContain('Voice');
        for (const id of ['action-pick', 'reason-input', 'submit-action']) {
          expect(await coveredBy(page.getByTestId(id)), `${id} at ${viewport.width} px`).toEqual([]);
        }
        await page.goto(`${fx.app.url}/labels`);
        const headings = page.locator('main h2');
        await headings.first().waitFor();
        for (let i = 0; i < (await headings.count()); i++) {
          expect(await coveredBy(headings.nth(i)), `Labels heading ${i} at ${viewport.width} px`).toEqual([]);
        }
      }
    },
    TIMEOUT,
  );

  it(
    'the planner page does not scroll sideways on a phone',
    async () => {
      const page = await loggedIn('plan', '/planner', PHONE);
      await page.getByTestId('scenario-list').waitFor();
      const widths = await page.evaluate(() => ({
        content: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
      }));
      expect(widths.content).toBeLessThanOrEqual(widths.screen);
    },
    TIMEOUT,
  );

  it(
    'low stock: filters and pages on the server, the Supplier column fits 1280 px, cards on a phone',
    async () => {
      const page = await loggedIn('plan', '/low-stock');
      const count = page.getByTestId('low-count');
      // 60 screws, the hose and the fixture's bearing and grease: 63 low, 50 a page.
      await expect.poll(() => count.textContent()).toBe('1–50 of 63');
      expect(await page.getByTestId('low-stock-row').count()).toBe(50);
      await page.getByTestId('low-next').click();
      await expect.poll(() => count.textContent()).toBe('51–63 of 63');
      expect(new URL(page.url()).searchParams.get('page')).toBe('2');

      // Covered lines (already on order) drop out; the choice is in the address.
      await page.getByTestId('low-uncovered').check();
      await expect.poll(() => count.textContent()).toBe('1–50 of 51');
      expect(new URL(page.url()).searchParams.get('uncovered')).toBe('1');
      // The hose is on order: nothing in Hydraulics is left to order.
      await page.getByTestId('low-category').selectOption('Hydraulics');
      await page.getByText('Nothing low matches these filters').waitFor();
      await page.getByTestId('low-category').selectOption('');
      await page.getByTestId('low-supplier').selectOption('none');
      await expect.poll(() => count.textContent()).toBe('1–1 of 1');
      expect(await page.getByTestId('low-stock-row').textContent()).toContain('EP2 lithium grease');

      // Nothing is cut off: the table fits its card, the supplier's name included.
      await page.goto(`${web.started().fx.app.url}/low-stock`);
      await page.getByTestId('low-stock-row').first().waitFor();
      const fit = await page.evaluate(() => {
        const wrap = document.querySelector('.table-wrap');
        const cell = document.querySelector('[data-testid="low-supplier-cell"]');
        return {
          overflow: (wrap?.scrollWidth ?? 0) - (wrap?.clientWidth ?? 0),
          supplierRight: cell?.getBoundingClientRect().right ?? Number.POSITIVE_INFINITY,
          wrapRight: wrap?.getBoundingClientRect().right ?? 0,
        };
      });
      expect(fit.overflow).toBeLessThanOrEqual(0);
      expect(fit.supplierRight).toBeLessThanOrEqual(fit.wrapRight);

      const phone = await loggedIn('tech', '/low-stock', PHONE);
      const card = phone.getByTestId('low-stock-row').first();
      await card.waitFor();
      const shape = await card.evaluate((row) => {
        const box = row.getBoundingClientRect();
        const supplier = row.querySelector('[data-testid="low-supplier-cell"]')?.getBoundingClientRect();
        return {
          display: getComputedStyle(row).display,
          within: box.left >= 0 && box.right <= window.innerWidth,
          supplierShown: supplier !== undefined && supplier.height > 0 && supplier.right <= window.innerWidth,
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      expect(shape).toEqual({ display: 'block', within: true, supplierShown: true, page: 0 });
    },
    TIMEOUT,
  );

  it(
    'the work-order board: My work, filters kept in the address, and more than the 50 most urgent',
    async () => {
      const page = await loggedIn('tech', '/work-orders');
      const open = page.getByTestId('column-open');
      await open.getByTestId('work-order-card').first().waitFor();
      // 52 open orders (55 made, 3 assigned, plus the technician's own): 50 shown, then more.
      expect(await open.getByTestId('work-order-card').count()).toBe(50);
      await open.getByTestId('column-more').click();
      await expect.poll(() => open.getByTestId('work-order-card').count()).toBe(53);
      expect(await open.getByTestId('column-more').count()).toBe(0);

      await page.getByTestId('my-work').click();
      await expect
        .poll(() => new URL(page.url()).searchParams.get('assignee'))
        .toBe(String(web.started().fx.users.technician));
      const assigned = page.getByTestId('column-assigned');
      await expect.poll(() => assigned.getByTestId('column-count').textContent()).toBe('3');
      await expect.poll(() => open.getByTestId('column-count').textContent()).toBe('0');
      expect(await page.getByTestId('my-work').getAttribute('aria-pressed')).toBe('true');

      // The address carries the filters: a reload (or a shared link) shows the same board.
      await page.getByTestId('filter-priority').selectOption('high');
      await expect.poll(() => new URL(page.url()).searchParams.get('priority')).toBe('high');
      await page.reload();
      await expect.poll(() => assigned.getByTestId('column-count').textContent()).toBe('1');
      expect(await page.getByTestId('filter-priority').inputValue()).toBe('high');
    },
    TIMEOUT,
  );

  it(
    'receiving an order starts at the usual bin, and asks before putting hose in the bolt bin',
    async () => {
      const page = await loggedIn('tech', `/purchase-orders/${made.hosePo}`);
      const bearingLine = page.getByTestId('po-line').filter({ hasText: '6204-2RS' });
      await bearingLine.waitFor();
      expect(await bearingLine.getByTestId('po-bin-input').inputValue()).toBe('B-01-1');

      const hoseLine = page.getByTestId('po-line').filter({ hasText: 'Hydraulic hose' });
      expect(await hoseLine.getByTestId('po-bin-input').inputValue()).toBe('');
      await hoseLine.getByTestId('po-qty-input').fill('5');
      await hoseLine.getByTestId('po-bin-input').fill('A-01-1');
      await hoseLine.getByTestId('po-receive').click();
      const warning = hoseLine.getByTestId('po-mixed-bin');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('A-01-1 already holds M8 x 30 hex bolt');
      // Nothing was received yet.
      const level = () => web.started().fx.as.technician.stock.level.query({ itemId: made.hose });
      expect((await level()).onHand).toBe(0);
      await hoseLine.getByTestId('po-mixed-confirm').click();
      await hoseLine.getByTestId('form-success').waitFor();
      expect((await level()).locations.map((l) => [l.code, l.onHand])).toEqual([['A-01-1', 5]]);
    },
    TIMEOUT,
  );
});
