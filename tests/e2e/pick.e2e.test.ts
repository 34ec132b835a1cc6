import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 60_000;

describe('web client: a technician picks stock', () => {
  const { started, newPage, logIn } = useWebApp();

  it(
    'shows an error for a wrong password and stays on the login page',
    async () => {
      const page = await newPage();
      await page.goto(`${started().fx.app.url}/`);
      await page.waitForURL(/\/login/);
      await logIn(page, 'tech', 'not-the-password');
      const error = page.getByTestId('form-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('Wrong username or password');
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.getByTestId('login-password').inputValue()).toBe('');
    },
    TIMEOUT,
  );

  it(
    'logs in, finds "m8 bolt", picks 2 from A-01-1 and sees 98 left and the pick in the history, then receives 5',
    async () => {
      const { fx } = started();
      const page = await newPage();
      await page.goto(`${fx.app.url}/`);
      await logIn(page, 'tech', PASSWORD);

      // Back on the items page, logged in as the technician.
      const search = page.getByTestId('search-input');
      await search.waitFor();
      expect(await page.getByTestId('user-menu').textContent()).toContain('Tess Tech');
      expect(await page.getByTestId('user-menu').textContent()).toContain('Technician');
      expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);

      await search.fill('m8 bolt');
      const result = page.getByTestId('search-result').filter({ hasText: 'M8 x 30 hex bolt' });
      await result.first().waitFor();
      await result.first().click();
      await page.waitForURL(new RegExp(`/items/${fx.items.bolt}$`));

      const row = page.locator('[data-testid="stock-row"][data-bin="A-01-1"]');
      await row.waitFor();
      expect(await row.getByTestId('on-hand').textContent()).toBe('100');

      // Technicians do not get the planners' Adjust tab.
      expect(await page.getByTestId('action-adjust').count()).toBe(0);

      await page.getByTestId('action-pick').click();
      await page.getByTestId('bin-select').selectOption(`${fx.bins.a}|`);
      await page.getByTestId('qty-input').fill('2');
      await page.getByTestId('submit-action').click();

      const success = page.getByTestId('form-success');
      await success.waitFor();
      expect(await success.textContent()).toBe('Picked 2 from A-01-1 — 98 left');

      // The stock table and the history update without a reload.
      await expect.poll(() => row.getByTestId('on-hand').textContent(), { timeout: 10_000 }).toBe('98');
      const newest = page.getByTestId('movement-row').first();
      await expect
        .poll(() => newest.getByTestId('movement-kind').textContent(), { timeout: 10_000 })
        .toBe('Picked');
      expect(await newest.getByTestId('movement-qty').textContent()).toBe('−2');
      expect(await newest.getByTestId('movement-bin').textContent()).toBe('A-01-1');

      // Exactly one pick reached the ledger.
      const item = await fx.as.technician.items.get.query({ id: fx.items.bolt });
      expect(item.stock.find((s) => s.code === 'A-01-1')?.onHand).toBe(98);
      const movements = await fx.as.technician.items.movements.query({ itemId: fx.items.bolt });
      expect(movements.filter((m) => m.kind === 'pick').map((m) => m.qty)).toEqual([-2]);

      await page.screenshot({ path: join(RESULTS_DIR, 'item-page.png'), fullPage: true });

      // Receiving goes through the same single-bin form: 5 back into A-01-1.
      await page.getByTestId('action-receive').click();
      await page.getByTestId('bin-select').selectOption(`${fx.bins.a}|`);
      await page.getByTestId('qty-input').fill('5');
      await page.getByTestId('submit-action').click();
      await expect
        .poll(() => page.getByTestId('form-success').textContent(), { timeout: 10_000 })
        .toBe('Received 5 into A-01-1 — 103 there now');
      await expect.poll(() => row.getByTestId('on-hand').textContent(), { timeout: 10_000 }).toBe('103');

      // The same page at a phone's width.
      const phone = await newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(`${fx.app.url}/login?next=${encodeURIComponent(`/items/${fx.items.bolt}`)}`);
      await logIn(phone, 'tech', PASSWORD);
      await phone.waitForURL(new RegExp(`/items/${fx.items.bolt}$`));
      const phoneRow = phone.locator('[data-testid="stock-row"][data-bin="A-01-1"]');
      await phoneRow.waitFor();
      expect(await phoneRow.getByTestId('on-hand').textContent()).toBe('103');
      await phone.getByTestId('movement-row').first().waitFor();
      await phone.screenshot({ path: join(RESULTS_DIR, 'item-page-phone.png'), fullPage: true });
    },
    TIMEOUT,
  );

  it(
    "shows another user's pick live on an open item page, without a reload",
    async () => {
      const { fx } = started();
      const page = await newPage();
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent(`/items/${fx.items.bearing}`)}`);
      await logIn(page, 'plan', PASSWORD);
      const row = page.locator('[data-testid="stock-row"][data-bin="B-01-1"]');
      await row.waitFor();
      const before = Number(await row.getByTestId('on-hand').textContent());
      // Someone else, elsewhere, picks one through the API.
      await fx.as.technician.stock.pick.mutate({
        itemId: fx.items.bearing,
        locationId: fx.bins.c,
        qty: 1,
        idempotencyKey: 'e2e-live-pick-01',
      });
      await expect
        .poll(() => row.getByTestId('on-hand').textContent(), { timeout: 10_000 })
        .toBe(String(before - 1));
    },
    TIMEOUT,
  );
});
