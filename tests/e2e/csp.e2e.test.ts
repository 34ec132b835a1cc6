import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { PASSWORD } from '../support/test-app.ts';
import { useWebApp } from './harness.ts';

const TIMEOUT = 120_000;

/**
 * The built client under the server's Content-Security-Policy (no inline scripts or styles): the
 * pages that load the most (the 3D twin, the AR guide's fallback, labels with QR codes, the planner,
 * import/export) run without the browser blocking anything. A violation is reported by the browser
 * as a `securitypolicyviolation` event, recorded here by a script injected outside the page's CSP.
 */
describe('web client under the Content-Security-Policy', () => {
  const web = useWebApp({
    afterStart: (fx) => fx.as.planner.twin.publish.mutate({ document: demoWarehouse() }),
  });

  async function violations(page: Page): Promise<string[]> {
    return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  }

  it(
    'serves the page with a CSP and the busiest pages trip none of it',
    async () => {
      const { fx } = web.started();
      const page = await web.newPage({ timeoutMs: 30_000 });
      await page.context().addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __csp: string[] }).__csp = seen;
        document.addEventListener('securitypolicyviolation', (e) => {
          seen.push(
            `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
          );
        });
      });
      const first = await page.goto(`${fx.app.url}/login`);
      expect(first?.headers()['content-security-policy']).toContain("script-src 'self' blob:");
      await web.logIn(page, 'plan', PASSWORD);
      await page.getByTestId('search-input').waitFor();

      const visits: [string, () => Promise<unknown>][] = [
        [
          '/twin',
          () => page.waitForFunction(() => window.__twin?.ready === true, undefined, { timeout: 30_000 }),
        ],
        ['/guide?bin=A-01-1', () => page.getByTestId('route-steps').waitFor()],
        [
          `/labels?bin=A-01-1&item=${fx.items.bolt}`,
          () => page.locator('[data-testid="qrcode"][src^="data:image/svg"]').first().waitFor(),
        ],
        ['/planner', () => page.getByTestId('scenario-create').waitFor()],
        ['/io', () => page.getByTestId('import-kind').waitFor()],
      ];
      const found: string[] = [];
      for (const [path, settled] of visits) {
        await page.goto(`${fx.app.url}${path}`);
        await settled();
        // Lazy chunks, workers and images load after the first paint.
        await page.waitForTimeout(1_000);
        found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
      }
      expect(found).toEqual([]);
    },
    TIMEOUT,
  );
});
