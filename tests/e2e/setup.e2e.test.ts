import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../scripts/seed/seed-database.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 90_000;
const PASSWORD = 'a long first password';

// ICU writes en-ZA money with no-break spaces ("R 12,50"); compare the visible text.
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('web client: an own site (DEMO=0) is set up on first visit, then configured', () => {
  const { started, newPage, logIn } = useWebApp({ empty: true });

  const fieldError = (page: Page, testId: string) =>
    page.locator('.field', { has: page.getByTestId(testId) }).getByTestId('field-error');

  it(
    'any URL shows the setup; it creates the admin, logs in, and the settings reformat money everywhere',
    async () => {
      const { app } = started();
      const page = await newPage();
      await page.goto(`${app.url}/items`);
      await page.getByRole('heading', { name: 'Set up your site' }).waitFor();
      expect(await page.getByTestId('login-username').count()).toBe(0);

      // Checked before anything is sent, by the same rules the server applies.
      await page.getByTestId('site-currency').fill('XYZ');
      await page.getByTestId('setup-password').fill('a long first password');
      await page.getByTestId('setup-password-repeat').fill('a different password');
      await page.getByTestId('setup-submit').click();
      expect(await fieldError(page, 'site-name-input').textContent()).toBe('Enter the site name');
      expect(await fieldError(page, 'site-currency').textContent()).toBe(
        'Choose a currency from the list, e.g. ZAR, EUR or USD',
      );
      expect(await fieldError(page, 'setup-username').textContent()).toBe('Enter a username');
      expect(await fieldError(page, 'setup-password-repeat').textContent()).toBe(
        'The two passwords differ; type the same one twice',
      );
      // The first field in error takes the focus, for keyboard and screen-reader users.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('site-name-input');
      expect(await page.getByTestId('preview-money').count()).toBe(0);

      // The same page on a phone: one column, nothing wider than the screen.
      const phone = await newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(`${app.url}/`);
      await phone.getByTestId('setup-form').waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await phone.screenshot({ path: join(RESULTS_DIR, 'setup-phone.png'), fullPage: true });

      await page.getByLabel('Site name').fill('Jo’burg depot');
      await page.getByLabel('Currency').fill('ZAR');
      await page.getByLabel('Language and region').fill('en-ZA');
      await page.getByLabel('Time zone').fill('Africa/Johannesburg');
      await page.getByLabel('Units').selectOption('metric');
      // The preview follows what is typed.
      await expect
        .poll(async () => plain(await page.getByTestId('preview-money').textContent()))
        .toBe('R 1 234,56');
      expect(plain(await page.getByTestId('preview-number').textContent())).toBe('9 876,5');
      expect(plain(await page.getByTestId('preview-length').textContent())).toBe('42 m');
      await page.getByLabel('Username').fill('naledi');
      await page.getByLabel('Your name').fill('Naledi Khumalo');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Password again').fill(PASSWORD);
      await page.screenshot({ path: join(RESULTS_DIR, 'setup.png'), fullPage: true });
      await page.getByTestId('setup-submit').click();

      // In the app as the new administrator, on an own site: its name, and no demo mark.
      await page.getByTestId('search-input').waitFor();
      expect(await page.getByTestId('user-menu').textContent()).toContain('Naledi Khumalo');
      expect(await page.getByTestId('user-menu').textContent()).toContain('Administrator');
      expect(await page.getByTestId('site-name').textContent()).toBe('Jo’burg depot');
      expect(await page.getByTestId('demo-badge').count()).toBe(0);
      const [admin] = await app.services.auth.users();
      expect(admin).toMatchObject({ username: 'naledi', role: 'admin' });

      // The login page of an own site says nothing about demo users.
      await page.getByTestId('logout').click();
      await page.getByTestId('login-username').waitFor();
      expect(await page.getByTestId('demo-logins').count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toContain('demo1234');
      expect(await page.getByTestId('login-site').textContent()).toContain('Jo’burg depot');

      // An own site starts with no categories: a planner adds one under Setup first.
      await app.services.masters.createCategory({ name: 'filters' }, admin?.id ?? 0);
      const itemId = await app.services.inventory.createItem(
        {
          sku: 'FLT-G4-001',
          name: 'G4 panel filter 592 x 592',
          aliases: [],
          unit: 'ea',
          barcode: null,
          category: 'filters',
          unitCostCents: 1250,
          reorderPoint: 2,
          reorderQty: 10,
          tracking: 'none',
          supplierId: null,
        },
        admin?.id ?? 0,
      );
      await page.goto(`${app.url}/login?next=${encodeURIComponent(`/items/${itemId}`)}`);
      await logIn(page, 'naledi', PASSWORD);
      const cost = page.getByTestId('unit-cost');
      await cost.waitFor();
      expect(plain(await cost.textContent())).toBe('R 12,50');

      // Another screen stays open on the item while the currency changes.
      const other = await newPage();
      await other.goto(`${app.url}/login?next=${encodeURIComponent(`/items/${itemId}`)}`);
      await logIn(other, 'naledi', PASSWORD);
      await other.getByTestId('unit-cost').waitFor();
      await other.locator('[data-testid="live-indicator"].live--live').waitFor();

      await page.getByTestId('nav-settings').click();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      expect(await page.getByLabel('Currency').inputValue()).toBe('ZAR');
      await page.getByLabel('Currency').fill('USD');
      await expect
        .poll(async () => plain(await page.getByTestId('preview-money').textContent()))
        .toBe('US$1 234,56');
      await page.getByTestId('settings-submit').click();
      await page.getByTestId('form-success').waitFor();

      await page.goto(`${app.url}/items/${itemId}`);
      await expect
        .poll(async () => plain(await page.getByTestId('unit-cost').textContent()))
        .toBe('US$12,50');
      // The open screen reformatted without a reload.
      await expect
        .poll(async () => plain(await other.getByTestId('unit-cost').textContent()), { timeout: 10_000 })
        .toBe('US$12,50');
      const [latest] = await app.services.audit.recent(1);
      expect(latest).toMatchObject({ action: 'site.update', actorId: admin?.id });
    },
    TIMEOUT,
  );

  it(
    'a demo database says so in the header and offers the demo logins; the setup fits a phone',
    async () => {
      const { app } = started();
      await app.services.site.markDemo(DEMO_SITE, null);
      const page = await newPage();
      await page.goto(`${app.url}/login`);
      const demo = page.getByTestId('demo-logins');
      await demo.waitFor();
      expect(await demo.textContent()).toContain('demo1234');
      await logIn(page, 'naledi', PASSWORD);
      const badge = page.getByRole('note', { name: /Demo data/ });
      await badge.waitFor();
      expect(await badge.textContent()).toBe('Demo data');
      expect(await page.getByTestId('site-name').textContent()).toBe(DEMO_SITE.siteName);
      await page.screenshot({ path: join(RESULTS_DIR, 'demo-header.png') });

      const phone = await newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(`${app.url}/settings`);
      await phone.getByTestId('login-username').waitFor();
      await logIn(phone, 'naledi', PASSWORD);
      await phone.getByTestId('settings-form').waitFor();
      expect(await phone.getByRole('note', { name: /Demo data/ }).isVisible()).toBe(true);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: join(RESULTS_DIR, 'settings-phone.png'), fullPage: true });
    },
    TIMEOUT,
  );
});
