import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 120_000;

type DroneProbe = { t: number; scanned: number; scans: number };
const drone = (page: Page) => page.evaluate(() => window.__drone as DroneProbe | undefined);

describe('web client: drone audits', () => {
  const web = useWebApp({
    afterStart: (fx) => fx.as.planner.twin.publish.mutate({ document: demoWarehouse() }),
  });

  it(
    'a planner plans aisle B, sees the figures, plays it back, flies it and approves a discrepancy into the ledger',
    async () => {
      const { fx } = web.started();
      const page = await web.newPage({ timeoutMs: 30_000 });
      // The voice command "start a drone audit of aisle B" lands here.
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/audits?aisle=B')}`);
      await web.logIn(page, 'plan', PASSWORD);
      await page.getByTestId('audit-plan-form').waitFor();
      expect(await page.getByTestId('audit-aisle').inputValue()).toBe('B');
      await page.getByTestId('audit-plan-submit').click();
      await page.waitForURL(/\/audits\/\d+$/);

      await page.getByTestId('audit-figures').waitFor();
      expect(await page.getByTestId('figure-bins').textContent()).toContain('440');
      expect(await page.getByTestId('figure-sorties').textContent()).toMatch(/\d/);
      expect(await page.getByTestId('figure-rate').textContent()).toMatch(/\d/);

      // Playback: play fast, pause, then scrub to the end: every bin has lit up.
      await page.waitForFunction(() => window.__twin?.ready === true && window.__drone?.scans === 440);
      await page.getByTestId('playback-speed').selectOption('3600');
      await page.getByTestId('playback-toggle').click();
      await expect
        .poll(async () => (await drone(page))?.scanned ?? 0, { timeout: 20_000 })
        .toBeGreaterThan(0);
      await page.getByTestId('playback-toggle').click();
      const max = await page.getByTestId('playback-scrub').getAttribute('max');
      await page.getByTestId('playback-scrub').fill(String(max));
      await expect.poll(async () => (await drone(page))?.scanned).toBe(440);
      await page
        .locator('[data-testid="audit-stage"] canvas')
        .screenshot({ path: join(RESULTS_DIR, 'drone-audit.png') });

      await page.getByTestId('fly-seed').fill('1');
      await page.getByTestId('fly-submit').click();
      await page.getByTestId('audit-review').waitFor();
      const pending = page.locator('[data-testid="review-line"][data-review="pending"]');
      await pending.first().waitFor();
      // Approving every line at once asks first; going back writes nothing.
      const before = await pending.count();
      expect(before).toBeGreaterThan(1);
      await page.getByTestId('review-approve-all').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Go back' }).click();
      expect(await pending.count()).toBe(before);
      const row = pending.first();
      const code = await row.getAttribute('data-code');
      const read = Number(await row.locator('td').nth(2).textContent());
      const item = (await row.locator('td').first().locator('a').textContent()) ?? '';
      await row.getByTestId('review-approve').click();
      await page
        .locator(`[data-testid="review-line"][data-code="${code}"][data-review="approved"]`)
        .first()
        .waitFor();

      // The ledger has the count: the bin now holds what the drone read.
      await page.goto(`${fx.app.url}/bins/${code}`);
      const binRow = page.getByTestId('bin-row').filter({ hasText: item });
      if (read === 0) {
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(await binRow.count()).toBe(0);
      } else {
        await binRow.first().waitFor();
        expect(await binRow.first().textContent()).toContain(String(read));
      }
      const ledger = await fx.as.admin.stock.verifyLedger.query();
      expect(ledger.ok).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'technicians do not see drone audits in the menu and cannot plan one',
    async () => {
      const { fx } = web.started();
      const page = await web.newPage();
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/audits')}`);
      await web.logIn(page, 'tech', PASSWORD);
      await page.getByRole('heading', { name: 'Drone audits' }).waitFor();
      expect(await page.getByTestId('nav-audits').count()).toBe(0);
      expect(await page.getByTestId('audit-plan-form').count()).toBe(0);
    },
    TIMEOUT,
  );
});
