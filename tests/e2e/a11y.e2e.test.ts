import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/seed/seed-database.ts';
import { apiClient } from '../support/test-app.ts';
import { useDemoApp, useWebApp } from './harness.ts';

const TIMEOUT = 600_000;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
// Evaluated through the debugging protocol rather than added as a <script>: the app's CSP refuses
// inline scripts, and it should stay on while axe looks at the pages.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Violation = { rule: string; impact: string; where: string[]; help: string };

declare global {
  interface Window {
    axe?: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
  }
}
type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** Waits until the page has drawn its content: a heading, and no loading indicator left. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => document.querySelectorAll('.spinner:not(.searchbar__spinner), [aria-busy="true"]').length === 0,
    undefined,
    { timeout: 30_000 },
  );
  if (new URL(page.url()).pathname === '/twin')
    await page.waitForFunction(() => window.__twin?.ready === true, undefined, { timeout: 60_000 });
  // Animations (toasts, the live light) finish before axe reads colours.
  await page.waitForTimeout(300);
}

/** Serious and critical axe violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if ((await page.evaluate(() => window.axe === undefined)) === true) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    // A page that refused the script must fail here, not pass with no violations found.
    if (window.axe === undefined) throw new Error('axe-core did not load into the page');
    const result = await window.axe.run(document, {
      // An experimental rule in axe, but a real failure: a link named other than what it says.
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      where: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('accessibility: axe finds nothing serious on any page, at desktop and phone sizes', () => {
  const web = useDemoApp();

  it(
    'every page as an admin, and the login and one-time link pages logged out',
    async () => {
      const { app } = web.started();
      const s = app.services;
      const admin = apiClient(app.url);
      await admin.auth.login.mutate({ username: 'admin', password: DEMO_PASSWORD });
      const firstId = async (sql: string) => Number((await s.db.reader.execute(sql)).rows[0]?.id);
      const scenario = await admin.scenarios.create.mutate({ name: 'Wider aisle C', notes: 'axe check' });
      const plan = await admin.droneAudits.plan.mutate({ scope: { kind: 'aisle', aisle: 'A' } });
      await expect
        .poll(async () => (await admin.jobs.get.query({ id: plan.id })).status, { timeout: 120_000 })
        .toBe('done');
      const audit = await firstId('SELECT id FROM drone_audits ORDER BY id LIMIT 1');
      const asset = await firstId('SELECT id FROM assets ORDER BY id LIMIT 1');
      // One-time links, looked at but never redeemed.
      const technician = (await admin.users.list.query()).find((u) => u.username === 'technician');
      if (technician === undefined) throw new Error('the demo has no technician');
      const reset = await admin.users.issueResetLink.mutate({ id: technician.id });
      const invited = await admin.users.invite.mutate({
        username: 'newhire',
        displayName: 'New Hire',
        role: 'technician',
      });
      const pages = [
        '/',
        '/?q=bolt',
        '/items/1',
        '/items/1/edit',
        '/items/new',
        '/bins/A-01-1',
        '/low-stock',
        '/purchase-orders',
        `/purchase-orders/${await firstId("SELECT id FROM purchase_orders WHERE status = 'open' ORDER BY id LIMIT 1")}`,
        '/assets',
        `/assets/${asset}`,
        `/assets/${asset}/edit`,
        '/assets/new',
        '/work-orders',
        `/work-orders/${await firstId("SELECT id FROM work_orders WHERE status = 'in_progress' ORDER BY id LIMIT 1")}`,
        '/twin',
        '/twin?item=1',
        '/planner',
        `/planner/${scenario.id}`,
        '/audits',
        `/audits/${audit}`,
        '/guide?item=1',
        '/guide/markers',
        '/labels',
        '/io',
        '/admin',
        '/settings',
        '/account',
        '/masters',
        '/masters/categories',
        '/masters/units',
        '/masters/locations',
        `/masters/suppliers/${await firstId('SELECT id FROM suppliers ORDER BY id LIMIT 1')}`,
        '/masters/suppliers/new',
        '/no-such-page',
      ];

      const found: string[] = [];
      const report = (where: string, violations: Violation[]) => {
        for (const v of violations)
          found.push(`${where}: ${v.rule} (${v.impact}) ${v.help} at ${v.where.join(' ')}`);
      };
      for (const viewport of SIZES) {
        const size = `${viewport.width}x${viewport.height}`;
        const loggedOut = await web.newPage({ viewport, timeoutMs: 30_000 });
        for (const path of ['/login', reset.path, invited.link.path]) {
          await loggedOut.goto(`${app.url}${path}`);
          await settled(loggedOut);
          report(`${path.replace(/token=.*/, 'token=…')} ${size}`, await seriousViolations(loggedOut));
        }

        const page = await web.newPage({ viewport, timeoutMs: 30_000 });
        await page.goto(`${app.url}/login`);
        await web.logIn(page, 'admin', DEMO_PASSWORD);
        await page.waitForURL((u) => u.pathname === '/');
        for (const path of pages) {
          await page.goto(`${app.url}${path}`);
          await settled(page);
          report(`${path} ${size}`, await seriousViolations(page));
        }
        // The voice panel and the phone menu are part of every page too.
        await page.getByTestId('voice-toggle').click();
        await page.getByTestId('voice-panel').waitFor();
        report(`voice panel ${size}`, await seriousViolations(page));
        if (viewport.width < 640) {
          await page.getByRole('button', { name: 'Menu' }).click();
          report(`menu ${size}`, await seriousViolations(page));
        }
      }
      expect(found).toEqual([]);
    },
    TIMEOUT,
  );
});

describe('accessibility: the first-run setup of an empty site', () => {
  const web = useWebApp({ empty: true });

  it(
    'has nothing serious at desktop and phone sizes',
    async () => {
      const { app } = web.started();
      const found: string[] = [];
      for (const viewport of SIZES) {
        const page = await web.newPage({ viewport, timeoutMs: 30_000 });
        await page.goto(`${app.url}/`);
        await page.getByRole('heading', { name: 'Set up your site' }).waitFor();
        await settled(page);
        for (const v of await seriousViolations(page))
          found.push(
            `setup ${viewport.width}x${viewport.height}: ${v.rule} (${v.impact}) ${v.help} at ${v.where.join(' ')}`,
          );
      }
      expect(found).toEqual([]);
    },
    TIMEOUT,
  );
});
