// The real parts every end-to-end test drives: the built web client served by the real server over
// a temp libSQL database, and Debian Chromium. Build the client first (`npx vite build`).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { seedSampleFacility } from '../../scripts/seed/seed-database.ts';
import { BUILT_CLIENT_DIR, type RunningApp, startApp } from '../../server/app.ts';
import type { Services } from '../../server/services/services.ts';
import { launchBrowser } from '../support/browser.ts';
import { type Fixture, startFixture } from '../support/test-app.ts';
import { tempDatabaseUrl } from '../support/tmp-db.ts';

export const RESULTS_DIR = join(import.meta.dirname, '..', '..', 'test-results');

// E2E_CLIENT_DIR lets a developer test a build made elsewhere (`npx vite build --outDir DIR`).
const CLIENT_DIR = process.env.E2E_CLIENT_DIR ?? BUILT_CLIENT_DIR;

type Pages = {
  /** A page in a fresh browser context (its own cookies), closed after the file. */
  newPage(options?: BrowserContextOptions & { timeoutMs?: number }): Promise<Page>;
  logIn(page: Page, username: string, password: string): Promise<void>;
};

export type WebApp = Pages & { started(): { fx: Fixture; browser: Browser } };

/** A server without the fixture: an empty database (`DEMO=0 npm start`) or the seeded demo. */
export type BareWebApp = Pages & { started(): { app: RunningApp; browser: Browser } };

type Options = { timeoutMs?: number; afterStart?: (fx: Fixture) => Promise<unknown> };

/**
 * Registers the set-up and tear-down in the calling `describe`. `afterStart` runs once the server
 * is up (e.g. to publish a layout through the API). `empty: true` starts no fixture: no users, no
 * data, so the first visit meets the first-run setup.
 */
export function useWebApp(options?: Options & { empty?: false }): WebApp;
export function useWebApp(options: Omit<Options, 'afterStart'> & { empty: true }): BareWebApp;
export function useWebApp(options: Options & { empty?: boolean } = {}): WebApp | BareWebApp {
  if (options.empty)
    return bare(
      registerBrowserApp((databaseUrl) => startBare(databaseUrl), { timeoutMs: options.timeoutMs }),
    );
  return registerBrowserApp<Fixture>(
    (databaseUrl) => startFixture(databaseUrl, undefined, { clientDir: CLIENT_DIR }),
    options,
  );
}

/** The app as `npm start` first shows it: the sample facility seeded (about 15 s) and its demo logins. */
export function useDemoApp(options: { timeoutMs?: number } = {}): BareWebApp {
  return bare(
    registerBrowserApp(
      (databaseUrl) => startBare(databaseUrl, (services) => seedSampleFacility(services, { seed: 42 })),
      { timeoutMs: options.timeoutMs ?? 180_000 },
    ),
  );
}

async function startBare(
  databaseUrl: string,
  seedIfEmpty?: (services: Services) => Promise<unknown>,
): Promise<{ app: RunningApp }> {
  return {
    app: await startApp({
      databaseUrl,
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      clientDir: CLIENT_DIR,
      seedIfEmpty,
    }),
  };
}

function bare(web: Pages & { started(): { fx: { app: RunningApp }; browser: Browser } }): BareWebApp {
  return {
    ...web,
    started: () => {
      const { fx, browser } = web.started();
      return { app: fx.app, browser };
    },
  };
}

function registerBrowserApp<F extends { app: RunningApp }>(
  start: (databaseUrl: string) => Promise<F>,
  options: { timeoutMs?: number | undefined; afterStart?: (fx: F) => Promise<unknown> },
): Pages & { started(): { fx: F; browser: Browser } } {
  let fx: F | undefined;
  let db: Awaited<ReturnType<typeof tempDatabaseUrl>> | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
      throw new Error(
        `The web client is not built: ${join(CLIENT_DIR, 'index.html')} is missing. Run \`npx vite build\` first.`,
      );
    }
    await mkdir(RESULTS_DIR, { recursive: true });
    db = await tempDatabaseUrl();
    fx = await start(db.url);
    browser = await launchBrowser();
    await options.afterStart?.(fx);
  }, options.timeoutMs ?? 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await fx?.app.close();
    await db?.cleanup();
  });

  return {
    started: () => {
      if (!fx || !browser) throw new Error('the server did not start');
      return { fx, browser };
    },
    async newPage({ timeoutMs, ...contextOptions } = {}) {
      if (!browser) throw new Error('the browser did not start');
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        ...contextOptions,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs ?? 15_000);
      return page;
    },
    async logIn(page, username, password) {
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
    },
  };
}
