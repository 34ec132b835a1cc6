import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 180_000;
const ADMIN_PASSWORD = 'harbour lights at dusk';
const TEAM_PASSWORD = 'morning shift on bay four';

type Row = Record<string, string>;

/** A CSV cell as a spreadsheet would write it. */
const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * The journey of the issue, as a new facility team would walk it on an empty `DEMO=0` database:
 * first-run setup; the administrator creates a planner and two technicians; the planner fills the
 * masters from the page's own CSV templates (one bad row is caught by the dry run and fixed); an
 * imported plan is overdue and raises its work order with the parts kit reserved; a technician uses
 * the parts on their own work order and is refused on someone else's; the administrator disables
 * that technician, whose open screen is signed out.
 */
describe('web client: a facility team runs its own site from an empty database', () => {
  const { started, newPage, logIn } = useWebApp({ empty: true });

  /** Downloads the kind's template and returns a file with its header and `rows` in its columns. */
  async function fromTemplate(page: Page, kind: string, rows: Row[]): Promise<string> {
    await page.getByTestId('import-kind').selectOption(kind);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-template').click(),
    ]);
    const header = (await readFile(await download.path(), 'utf8')).split(/\r?\n/)[0] ?? '';
    const columns = header.split(',');
    for (const row of rows) {
      for (const key of Object.keys(row)) expect(columns, `${kind} template has ${key}`).toContain(key);
    }
    return [header, ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))].join('\n');
  }

  async function dryRun(page: Page, name: string, csv: string): Promise<void> {
    await page
      .getByTestId('import-file')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-report').waitFor();
  }

  /** Template, dry run (clean), import: what a planner does for each master. */
  async function importRows(page: Page, kind: string, rows: Row[]): Promise<void> {
    await dryRun(page, `${kind}.csv`, await fromTemplate(page, kind, rows));
    expect(await page.getByTestId('import-total-error').textContent()).toContain('0');
    expect(await page.getByTestId('import-total-create').textContent()).toContain(String(rows.length));
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-result').waitFor();
  }

  it(
    'from first-run setup to a disabled technician, through accounts, CSV masters and a due plan',
    async () => {
      const { app } = started();

      // 1. First-run setup.
      const admin = await newPage();
      await admin.goto(`${app.url}/`);
      await admin.getByRole('heading', { name: 'Set up your site' }).waitFor();
      await admin.getByLabel('Site name').fill('Durban plant room');
      await admin.getByLabel('Currency').fill('ZAR');
      await admin.getByLabel('Language and region').fill('en-ZA');
      await admin.getByLabel('Time zone').fill('Africa/Johannesburg');
      await admin.getByLabel('Units').selectOption('metric');
      await admin.getByLabel('Username').fill('nomsa');
      await admin.getByLabel('Your name').fill('Nomsa Zulu');
      await admin.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
      await admin.getByLabel('Password again').fill(ADMIN_PASSWORD);
      await admin.getByTestId('setup-submit').click();
      await admin.getByTestId('search-input').waitFor();
      expect(await admin.getByTestId('demo-badge').count()).toBe(0);

      // 2. The administrator creates a planner and two technicians.
      await admin.goto(`${app.url}/admin`);
      for (const [username, name, role] of [
        ['pieter', 'Pieter van Wyk', 'planner'],
        ['thandi', 'Thandi Nkosi', 'technician'],
        ['sipho', 'Sipho Dlamini', 'technician'],
      ] as const) {
        await admin.getByTestId('user-username').fill(username);
        await admin.getByTestId('user-display-name').fill(name);
        await admin.getByTestId('user-role').selectOption(role);
        await admin.getByTestId('user-password').fill(TEAM_PASSWORD);
        await admin.getByTestId('user-submit').click();
        await admin.locator(`[data-testid="user-row"][data-username="${username}"]`).waitFor();
      }

      // 3. The planner fills the masters from the templates.
      const planner = await newPage();
      await planner.goto(`${app.url}/login?next=${encodeURIComponent('/io')}`);
      await logIn(planner, 'pieter', TEAM_PASSWORD);
      await planner.getByTestId('import-columns').waitFor();
      await importRows(planner, 'suppliers', [
        {
          name: 'Umgeni Filters',
          lead_time_days: '3',
          currency: 'ZAR',
          contact_name: 'Ayanda Mthembu',
          contact_email: 'orders@umgeni.example',
        },
      ]);

      // One bad row: the dry run names its line and column, and nothing can be imported until fixed.
      const items = [
        {
          sku: 'FLT-G4-592',
          name: 'G4 panel filter 592 x 592',
          unit: 'ea',
          category: 'Filters',
          unit_cost: '125.00',
          reorder_point: '4',
          reorder_qty: '12',
          supplier: 'Umgeni Filters',
        },
        {
          sku: 'BLT-A42',
          name: 'V-belt A42',
          unit: 'ea',
          category: 'Belts',
          unit_cost: 'about 80',
          reorder_point: '2',
          reorder_qty: '6',
        },
      ];
      await dryRun(planner, 'items.csv', await fromTemplate(planner, 'items', items));
      const reported = await planner.getByTestId('import-row').allTextContents();
      expect(await planner.getByTestId('import-total-error').textContent(), reported.join('\n')).toContain(
        '1',
      );
      const bad = planner.getByTestId('import-row').first();
      expect(await bad.textContent()).toContain('unit_cost');
      expect(await bad.getAttribute('data-action')).toBe('error');
      expect(await bad.locator('td').first().textContent()).toBe('3');
      expect(await planner.getByTestId('import-apply').isDisabled()).toBe(true);
      await planner.screenshot({ path: join(RESULTS_DIR, 'own-site-bad-row.png'), fullPage: true });
      const fixed = items.map((i) => (i.sku === 'BLT-A42' ? { ...i, unit_cost: '80.00' } : i));
      await importRows(planner, 'items', fixed);

      await importRows(planner, 'locations', [
        { code: 'CAB-1', kind: 'cabinet', name: 'Workshop cabinet', capacity: '500' },
      ]);
      await importRows(planner, 'stock', [
        { sku: 'FLT-G4-592', location: 'CAB-1', on_hand: '12' },
        { sku: 'BLT-A42', location: 'CAB-1', on_hand: '3' },
      ]);
      await importRows(planner, 'assets', [
        {
          tag: 'AHU-1',
          name: 'Air handler 1',
          type: 'Air handling unit',
          category: 'HVAC',
          criticality: 'high',
        },
        { tag: 'AHU-2', name: 'Air handler 2', type: 'Air handling unit', category: 'HVAC' },
      ]);
      // Last done long ago on a 30-day interval: both are overdue at once.
      await importRows(planner, 'plans', [
        {
          asset: 'AHU-1',
          title: 'Filter change',
          interval_days: '30',
          priority: 'high',
          checklist: 'Isolate the unit|Change the filters|Record the pressure drop',
          kit: 'FLT-G4-592:4',
          last_done: '2026-01-05',
        },
        {
          asset: 'AHU-2',
          title: 'Belt check',
          interval_days: '30',
          kit: 'BLT-A42:1',
          last_done: '2026-01-05',
        },
      ]);

      // 4. The plans fall due and raise their work orders, each with its kit reserved.
      await planner.goto(`${app.url}/assets`);
      await planner.getByTestId('run-scheduler').click();
      await planner.getByText('Created 2 work orders for due maintenance').waitFor();
      const orders = await app.services.workOrders.list({ limit: 50 });
      const filterOrder = orders.find((o) => o.title.startsWith('Filter change'));
      const beltOrder = orders.find((o) => o.title.startsWith('Belt check'));
      if (!filterOrder || !beltOrder) throw new Error('the scheduler raised no work orders');
      await planner.goto(`${app.url}/work-orders/${filterOrder.id}`);
      const kit = planner.getByTestId('part-row');
      await expect.poll(() => kit.first().textContent()).toContain('G4 panel filter');
      expect(await kit.first().textContent()).toContain('CAB-1');
      expect(await planner.getByTestId('checklist-task').count()).toBe(3);
      const filters = await app.services.inventory.stockLevel(await itemId(app, 'FLT-G4-592'));
      expect({ onHand: filters.onHand, reserved: filters.reserved }).toEqual({ onHand: 12, reserved: 4 });

      // The planner gives the filter change to Thandi, the belt check to Sipho.
      await planner.getByTestId('assignee-select').selectOption({ label: 'Thandi Nkosi (Technician)' });
      await planner.getByRole('button', { name: 'Assign', exact: true }).click();
      await expect
        .poll(async () => (await app.services.workOrders.get(filterOrder.id)).assignee)
        .toBe('Thandi Nkosi');
      await planner.goto(`${app.url}/work-orders/${beltOrder.id}`);
      await planner.getByTestId('assignee-select').selectOption({ label: 'Sipho Dlamini (Technician)' });
      await planner.getByRole('button', { name: 'Assign', exact: true }).click();
      await expect
        .poll(async () => (await app.services.workOrders.get(beltOrder.id)).assignee)
        .toBe('Sipho Dlamini');

      // 5. Thandi starts her work order and uses two of the reserved filters.
      const thandi = await newPage({ viewport: { width: 390, height: 844 } });
      await thandi.goto(`${app.url}/login?next=${encodeURIComponent(`/work-orders/${filterOrder.id}`)}`);
      await logIn(thandi, 'thandi', TEAM_PASSWORD);
      await thandi.getByTestId('status-in_progress').click();
      await expect
        .poll(async () => (await app.services.workOrders.get(filterOrder.id)).status)
        .toBe('in_progress');
      const part = thandi.getByTestId('part-row').first();
      // On her phone the part is a card: the Use field fits the screen, no sideways scrolling.
      const use = part.getByRole('button', { name: 'Use' });
      const box = await use.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(390);
      await thandi.screenshot({ path: join(RESULTS_DIR, 'own-site-phone-parts.png'), fullPage: true });
      await part.getByLabel(/Quantity of G4 panel filter .* to use/).fill('2');
      await use.click();
      await thandi.getByText('Used 2 ea of G4 panel filter 592 x 592 from CAB-1').waitFor();
      const after = await app.services.inventory.stockLevel(await itemId(app, 'FLT-G4-592'));
      expect({ onHand: after.onHand, reserved: after.reserved }).toEqual({ onHand: 10, reserved: 2 });

      // Sipho's work order: the page says whose it is and offers nothing to do; the server refuses.
      await thandi.goto(`${app.url}/work-orders/${beltOrder.id}`);
      const notYours = thandi.getByTestId('wo-not-yours');
      await notYours.waitFor();
      expect(await notYours.textContent()).toContain('Sipho Dlamini');
      expect(await thandi.getByTestId('status-in_progress').count()).toBe(0);
      const refused = await thandi.request.post(`${app.url}/trpc/workOrders.transition`, {
        data: { id: beltOrder.id, to: 'in_progress', note: '' },
        headers: { origin: app.url },
      });
      expect(refused.status()).toBe(403);
      expect((await app.services.workOrders.get(beltOrder.id)).status).toBe('assigned');
      await thandi.screenshot({ path: join(RESULTS_DIR, 'own-site-not-yours.png'), fullPage: true });

      // 6. The administrator disables Thandi: her open screen is signed out at once.
      await admin.goto(`${app.url}/admin`);
      const row = admin.locator('[data-testid="user-row"][data-username="thandi"]');
      await row.getByTestId('user-disable').click();
      await admin.getByRole('dialog').getByTestId('confirm').click();
      await expect.poll(() => row.getAttribute('data-status')).toBe('disabled');
      await thandi.waitForURL(/\/login\?signedOut=disabled$/, { timeout: 10_000 });
      expect(await thandi.getByTestId('signed-out-message').textContent()).toBe(
        'Your account was disabled by an administrator.',
      );
    },
    TIMEOUT,
  );
});

async function itemId(app: RunningApp, sku: string): Promise<number> {
  const [hit] = await app.services.inventory.search(sku, 1);
  if (hit?.sku !== sku) throw new Error(`no item ${sku}`);
  return hit.id;
}
