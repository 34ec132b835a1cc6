import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 90_000;

describe('web client: a planner sets up a supplier, a price in boxes and a van, then receives into it', () => {
  const { started, newPage, logIn } = useWebApp();

  it(
    'creates a supplier with a contact and a box-of-100 price, makes it preferred, adds a van and receives 2 boxes there: 200 ea',
    async () => {
      const { fx } = started();
      const bolt = fx.items.bolt;
      const page = await newPage();
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent(`/items/${bolt}/edit`)}`);
      await logIn(page, 'plan', PASSWORD);

      // The bolt comes in boxes of 100 (its unit stays ea).
      await page.getByTestId('add-pack').click();
      await page.getByTestId('pack-unit').selectOption('box');
      await page.getByTestId('pack-size').fill('100');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(new RegExp(`/items/${bolt}$`));
      await expect
        .poll(() => page.getByTestId('item-packs').textContent(), { timeout: 10_000 })
        .toContain('box of 100');

      // Setup → Suppliers → New supplier, with one contact; a bad currency is caught on its field first.
      await page.getByTestId('nav-masters').first().click();
      await page.waitForURL(/\/masters\/suppliers$/);
      await page.getByTestId('new-supplier').click();
      await page.getByTestId('supplier-name').fill('Northgate Fasteners');
      await page.getByTestId('supplier-lead-time').fill('3');
      await page.getByTestId('supplier-currency').fill('ABC');
      await page.getByTestId('contact-name').fill('Orders desk');
      await page.getByTestId('contact-email').fill('orders@northgate.example');
      await page.getByTestId('supplier-submit').click();
      const currencyError = page
        .locator('.field--invalid')
        .filter({ has: page.getByTestId('supplier-currency') });
      await expect
        .poll(() => currencyError.getByTestId('field-error').textContent(), { timeout: 10_000 })
        .toBe('Use an ISO 4217 currency code such as EUR, USD or GBP');
      await page.getByTestId('supplier-currency').fill('EUR');
      await page.getByTestId('supplier-submit').click();
      await page.waitForURL(/\/masters\/suppliers\/\d+$/);
      await page.getByTestId('supplier-page').waitFor();

      // Its price for the bolt: part number, 12.50 per box of 100.
      await page.getByTestId('item-picker-input').fill('M8 x 30');
      await page.getByTestId('item-picker-option').first().click();
      await page.getByTestId('price-part-number').fill('NG-M8-30-BOX');
      await page.getByTestId('price-amount').fill('12.50');
      await page.getByTestId('price-pack-unit').selectOption('box');
      await page.getByTestId('price-pack-size').fill('100');
      await page.getByTestId('price-submit').click();
      const priceRow = page.locator('[data-testid="supplier-price-row"][data-sku="FST-M8-030"]');
      await priceRow.waitFor();
      expect(await priceRow.textContent()).toContain('NG-M8-30-BOX');
      expect(await priceRow.textContent()).toContain('box of 100');
      await page.screenshot({ path: join(RESULTS_DIR, 'supplier-page.png'), fullPage: true });

      // On the item page it becomes the preferred supplier.
      await priceRow.getByRole('link', { name: 'M8 x 30 hex bolt' }).click();
      await page.waitForURL(new RegExp(`/items/${bolt}$`));
      const supplierRow = page.locator('[data-testid="item-price-row"][data-supplier="Northgate Fasteners"]');
      await supplierRow.getByTestId('make-preferred').click();
      await expect.poll(() => supplierRow.textContent(), { timeout: 10_000 }).toContain('Preferred');
      const item = await fx.as.planner.items.get.query({ id: bolt });
      expect(item.supplier?.name).toBe('Northgate Fasteners');

      // Setup → Locations: a van, which has no place in the twin.
      await page.getByTestId('nav-masters').first().click();
      await page.getByTestId('masters-tab-locations').click();
      await page.waitForURL(/\/masters\/locations$/);
      await page.getByTestId('location-kind').selectOption('van');
      await page.getByTestId('location-code').fill('van-1');
      await page.getByTestId('location-name').fill('Service van 1');
      await page.getByTestId('location-submit').click();
      const vanRow = page.locator('[data-testid="location-row"][data-code="VAN-1"]');
      await vanRow.waitFor();
      expect(await vanRow.textContent()).toContain('Not placed in the twin');
      const van = (await fx.as.planner.locations.listManual.query()).find((l) => l.code === 'VAN-1');
      expect(van).toMatchObject({ kind: 'van', name: 'Service van 1', active: true });

      // From the item page: receive 2 boxes into the van.
      await page.goto(`${fx.app.url}/items/${bolt}`);
      await page.getByTestId('action-receive').click();
      await page.getByTestId('bin-select').selectOption(`${van?.id}|`);
      await page.getByTestId('pack-select').selectOption('box|100');
      await page.getByTestId('qty-input').fill('2');
      await expect.poll(() => page.locator('.field__hint').filter({ hasText: '= 200 ea' }).count()).toBe(1);
      await page.getByTestId('submit-action').click();
      await expect
        .poll(() => page.getByTestId('form-success').textContent(), { timeout: 10_000 })
        .toBe('Received 2 box of 100 (200 ea) into VAN-1 — 200 there now');
      const vanStock = page.locator('[data-testid="stock-row"][data-bin="VAN-1"]');
      await expect.poll(() => vanStock.getByTestId('on-hand').textContent(), { timeout: 10_000 }).toBe('200');
      const [movement] = await fx.as.planner.items.movements.query({ itemId: bolt, limit: 1 });
      expect(movement).toMatchObject({ kind: 'receive', qty: 200, code: 'VAN-1', reason: '2 box of 100' });
      await page.screenshot({ path: join(RESULTS_DIR, 'receive-in-boxes.png'), fullPage: true });

      // The setup screen at a phone's width.
      const phone = await newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(`${fx.app.url}/login?next=${encodeURIComponent('/masters/locations')}`);
      await logIn(phone, 'plan', PASSWORD);
      await phone.locator('[data-testid="location-row"][data-code="VAN-1"]').waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: join(RESULTS_DIR, 'setup-phone.png'), fullPage: true });
    },
    TIMEOUT,
  );

  it(
    'a technician gets no Setup link and is told the screen is for planners',
    async () => {
      const { fx } = started();
      const page = await newPage();
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/masters/suppliers')}`);
      await logIn(page, 'tech', PASSWORD);
      await page.getByText('Setup is for planners').waitFor();
      expect(await page.getByTestId('nav-masters').count()).toBe(0);
    },
    TIMEOUT,
  );
});
