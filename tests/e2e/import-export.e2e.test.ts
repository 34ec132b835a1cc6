import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/test-app.ts';
import { useWebApp } from './harness.ts';

const TIMEOUT = 60_000;
const HEADER = 'sku,name,unit,category,unit_cost,reorder_point,reorder_qty';

describe('web client: a planner checks a CSV file, fixes it and imports it', () => {
  const { started, newPage, logIn } = useWebApp();

  async function ioPage(viewport?: { width: number; height: number }, username = 'plan'): Promise<Page> {
    const page = await newPage(viewport ? { viewport } : {});
    await page.goto(`${started().fx.app.url}/login?next=${encodeURIComponent('/io')}`);
    await logIn(page, username, PASSWORD);
    await page.waitForURL(/\/io$/);
    await page.getByTestId('import-columns').waitFor();
    return page;
  }

  const choose = (page: Page, name: string, text: string) =>
    page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  it(
    'shows each row with its action and errors; Import waits for a clean dry run with the same options',
    async () => {
      const page = await ioPage();
      // The columns of the chosen kind, and a template to start from.
      expect(await page.getByTestId('import-columns').textContent()).toContain('Stock-keeping unit; the key');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-template').click(),
      ]);
      expect(download.suggestedFilename()).toBe('twinventory-items-template.csv');
      expect((await readFile(await download.path(), 'utf8')).split('\n')[0]).toBe(
        'sku,name,aliases,unit,barcode,category,unit_cost,reorder_point,reorder_qty,tracking,supplier,packs',
      );

      const csv = [
        HEADER,
        'FST-M8-030,M8 x 30 hex bolt (zinc),ea,test,1.00,10,50',
        'FST-M6-020,M6 x 20 hex bolt,ea,Fasteners,0.08,100,500,oops',
        'FST-M5-010,M5 x 10 hex bolt,ea,Fasteners,=1+1,100,500',
        'FST-M4-010,M4 x 10 hex bolt,ea,Fasteners,0.05,100,500',
      ].join('\n');
      await choose(page, 'items.csv', csv);
      expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-report').waitFor();
      expect(await page.getByTestId('import-total-error').textContent()).toContain('3');
      expect(await page.getByTestId('import-total-create').textContent()).toContain('1');
      // Errors first: each with its line, column and message.
      const rows = page.getByTestId('import-row');
      expect(await rows.count()).toBe(3);
      expect(await rows.nth(0).textContent()).toContain(
        "SKU FST-M8-030 already exists; tick 'Update existing' to change it (changes: name)",
      );
      expect(await rows.nth(1).textContent()).toContain('This row has 8 cells but the header has 7');
      expect(await rows.nth(2).textContent()).toMatch(
        /unit_cost\s*starts with '=': formulas are not accepted/,
      );
      expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
      await page.getByTestId('import-filter').selectOption('all');
      expect(await page.locator('[data-testid="import-row"][data-action="create"]').count()).toBe(1);

      // Fixed, with "Update existing": a clean dry run enables Import; changing the option again disables it.
      const fixed = [
        HEADER,
        'FST-M8-030,M8 x 30 hex bolt (zinc),ea,test,1.00,10,50',
        'FST-M4-010,M4 x 10 hex bolt,ea,Fasteners,0.05,100,500',
      ].join('\n');
      await choose(page, 'fixed.csv', fixed);
      await page.getByTestId('import-update').check();
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-ok').waitFor();
      expect(await page.locator('[data-testid="import-row"][data-action="update"]').textContent()).toContain(
        'Changes name',
      );
      expect(await page.getByTestId('import-apply').textContent()).toBe('Import (2 changes)');
      // The category the new row names does not exist yet: the import will create it.
      expect(await page.getByTestId('import-notes').textContent()).toContain('Creates category Fasteners');
      // Planners are not offered users.
      expect(await page.getByTestId('import-kind').locator('option').allTextContents()).not.toContain(
        'Users',
      );
      await page.getByTestId('import-update').uncheck();
      expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
      await page.getByTestId('import-update').check();
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-ok').waitFor();
      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-result').waitFor();
      expect(await page.getByTestId('form-success').textContent()).toBe(
        'Imported items: 1 created, 1 updated',
      );

      const { fx } = started();
      expect((await fx.as.technician.items.get.query({ id: fx.items.bolt })).name).toBe(
        'M8 x 30 hex bolt (zinc)',
      );
    },
    TIMEOUT,
  );

  it(
    'an administrator invites users from a file and gets each invitation link once, with Copy',
    async () => {
      const page = await ioPage({ width: 390, height: 844 }, 'admin');
      await page.getByTestId('import-kind').selectOption('users');
      expect(await page.getByTestId('import-columns').textContent()).toContain(
        'new users are invited by link',
      );
      await choose(page, 'users.csv', 'username,display_name,role\nnew.fitter,New Fitter,technician\n');
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-ok').waitFor();
      await page.getByTestId('import-apply').click();
      await page.getByTestId('import-invites').waitFor();
      const link = page.getByTestId('one-time-link');
      expect(await link.count()).toBe(1);
      expect(await link.textContent()).toContain('Invitation link for new.fitter');
      expect(await page.getByTestId('one-time-link-url').inputValue()).toMatch(/\/invite\?token=/);
      expect(await page.getByTestId('one-time-link-copy').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const users = await started().fx.as.admin.users.list.query();
      expect(users.find((u) => u.username === 'new.fitter')).toMatchObject({ status: 'invited' });
    },
    TIMEOUT,
  );

  it(
    'pages through a big dry run on a phone',
    async () => {
      const page = await ioPage({ width: 390, height: 844 });
      await page.getByTestId('import-kind').selectOption('locations');
      const rows = Array.from({ length: 250 }, (_, i) => `Z-${i + 1},0,0,-${i}.5,1,1,1,10`);
      await choose(page, 'locations.csv', ['code,x,y,z,width,height,depth,capacity', ...rows].join('\n'));
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-ok').waitFor();
      expect(await page.getByTestId('import-total-create').textContent()).toContain('250');
      expect(await page.getByTestId('import-row').count()).toBe(100);
      expect(await page.getByTestId('import-page').textContent()).toBe('1–100 of 250');
      await page.getByTestId('import-next-page').click();
      await page.getByTestId('import-next-page').click();
      expect(await page.getByTestId('import-page').textContent()).toBe('201–250 of 250');
      expect(await page.getByTestId('import-row').count()).toBe(50);
      // Nothing on the page is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    },
    TIMEOUT,
  );
});
