import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 90_000;

type Probe = {
  ready: boolean;
  highlighted: string[];
  selected: string | null;
  routeLengthM: number | null;
  drawCalls: number;
  bins: number;
};

describe('web client: the 3D twin', () => {
  const web = useWebApp();
  const { started, logIn } = web;

  const newPage = () => web.newPage({ timeoutMs: 20_000 });

  const probe = (page: Page) => page.evaluate(() => window.__twin as Probe | undefined);

  it(
    'says so when no layout has been published yet',
    async () => {
      const { fx } = started();
      const page = await newPage();
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/twin')}`);
      await logIn(page, 'tech', PASSWORD);
      const empty = page.getByTestId('twin-empty');
      await empty.waitFor();
      expect(await empty.textContent()).toContain('No facility layout has been published yet');
      expect(await empty.textContent()).toContain('planner');
    },
    TIMEOUT,
  );

  it(
    'finds "m8 bolt" in the demo warehouse: highlights A-01-1, routes there, few draw calls',
    async () => {
      const { fx } = started();
      await fx.as.planner.twin.publish.mutate({ document: demoWarehouse() });

      const page = await newPage();
      await page.goto(`${fx.app.url}/`);
      await logIn(page, 'tech', PASSWORD);
      await page.getByTestId('search-input').waitFor();

      // The twin is in the main navigation for everyone.
      const navigatedAt = Date.now();
      await page.getByTestId('nav-twin').click();
      await page.waitForURL(/\/twin$/);
      await page.waitForFunction(() => window.__twin?.ready === true, undefined, { timeout: 30_000 });
      const readyMs = Date.now() - navigatedAt;
      console.log(`twin: navigation to ready in ${readyMs} ms`);

      await page
        .locator('[data-testid="twin-stage"] canvas')
        .screenshot({ path: join(RESULTS_DIR, 'twin-overview.png') });
      const first = await probe(page);
      expect(first?.bins).toBe(5_280);
      expect(first?.highlighted).toEqual([]);
      expect(first?.routeLengthM).toBeNull();

      await page.getByTestId('twin-search-input').fill('m8 bolt');
      const hit = page.getByTestId('twin-search-result').filter({ hasText: 'M8 x 30 hex bolt' });
      await hit.first().waitFor();
      await hit.first().click();
      await page.waitForURL(new RegExp(`/twin\\?item=${fx.items.bolt}$`));

      await expect
        .poll(async () => (await probe(page))?.highlighted, { timeout: 15_000 })
        .toContain('A-01-1');
      await expect
        .poll(async () => (await probe(page))?.routeLengthM ?? 0, { timeout: 20_000 })
        .toBeGreaterThan(0);

      const steps = page.getByTestId('route-step');
      await steps.first().waitFor();
      expect(await page.getByTestId('route-steps').isVisible()).toBe(true);
      const texts = await steps.allTextContents();
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.at(-1)).toContain('A-01-1');
      expect(await page.getByTestId('twin-item-bin').allTextContents()).toEqual([
        expect.stringContaining('A-01-1'),
      ]);

      // Let the fly-to settle and the probe refresh its draw-call count.
      await page.waitForTimeout(2_500);
      const after = await probe(page);
      console.log(`twin: ${after?.drawCalls} draw calls for ${after?.bins} bins`);
      expect(after?.drawCalls).toBeGreaterThan(0);
      expect(after?.drawCalls).toBeLessThanOrEqual(60);

      // The canvas shows something: decode the screenshot in the page and measure pixel variance.
      const canvas = page.locator('[data-testid="twin-stage"] canvas');
      const shot = join(RESULTS_DIR, 'twin.png');
      await canvas.screenshot({ path: shot });
      const png = (await readFile(shot)).toString('base64');
      const stats = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(img, 0, 0);
        const { data } = ctx.getImageData(0, 0, c.width, c.height);
        let sum = 0;
        let sumSq = 0;
        let n = 0;
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 7) {
          const lum = 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
          sum += lum;
          sumSq += lum * lum;
          n++;
          colours.add(
            ((data[i] ?? 0) >> 4) * 256 + ((data[i + 1] ?? 0) >> 4) * 16 + ((data[i + 2] ?? 0) >> 4),
          );
        }
        const mean = sum / n;
        return { width: c.width, height: c.height, variance: sumSq / n - mean * mean, colours: colours.size };
      }, png);
      console.log(
        `twin: screenshot ${stats.width}x${stats.height}, variance ${stats.variance.toFixed(1)}, ${stats.colours} colours`,
      );
      expect(stats.width).toBeGreaterThan(300);
      expect(stats.variance).toBeGreaterThan(50);
      expect(stats.colours).toBeGreaterThan(8);

      // Clicking a bin in the side list selects it and shows what it holds.
      await page.getByTestId('twin-item-bin').first().click();
      await expect.poll(async () => (await probe(page))?.selected).toBe('A-01-1');
      const contents = page.getByTestId('twin-selected').getByTestId('bin-row');
      await contents.first().waitFor();
      expect(await contents.first().textContent()).toContain('M8 x 30 hex bolt');
    },
    TIMEOUT,
  );

  it(
    'opens from the item page with "Show in 3D"',
    async () => {
      const { fx } = started();
      const page = await newPage();
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent(`/items/${fx.items.bolt}`)}`);
      await logIn(page, 'tech', PASSWORD);
      await page.getByTestId('show-in-3d').click();
      await page.waitForURL(new RegExp(`/twin\\?item=${fx.items.bolt}$`));
      await page.waitForFunction(() => window.__twin?.ready === true, undefined, { timeout: 30_000 });
      await expect
        .poll(async () => (await probe(page))?.highlighted, { timeout: 15_000 })
        .toEqual(['A-01-1']);
    },
    TIMEOUT,
  );
});
