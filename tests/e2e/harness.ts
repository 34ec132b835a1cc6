// The real parts every end-to-end test drives: the built web client served by the real server over
// a temp libSQL database, and Debian Chromium. Build the client first (`npx vite build`).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { BUILT_CLIENT_DIR, type RunningApp, startApp } from '../../server/app.ts';
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

/** A server on an empty database, as `DEMO=0 npm start` leaves it: no users, setup required. */
export type EmptyWebApp = Pages & { started(): { app: RunningApp; browser: Browser } };

type Options = { timeoutMs?: number; afterStart?: (fx: Fixture) => Promise<unknown> };

/**
 * Registers the set-up and tear-down in the calling `describe`. `afterStart` runs once the server
 * is up (e.g. to publish a layout through the API). `empty: true` starts no fixture: no users, no
 * data, so the first visit meets the first-run setup.
 */
export function useWebApp(options?: Options & { empty?: false }): WebApp;
export function useWebApp(options: Omit<Options, 'afterStart'> & { empty: true }): EmptyWebApp;
export function useWebApp(options: Options & { empty?: boolean } = {}): WebApp | EmptyWebApp {
  let fx: Fixture | undefined;
  let app: RunningApp | undefined;
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
    if (options.empty) {
      app = await startApp({
        databaseUrl: db.url,
        port: 0,
        host: '127.0.0.1',
        log: () => {},
        clientDir: CLIENT_DIR,
      });
    } else {
      fx = await startFixture(db.url, undefined, { clientDir: CLIENT_DIR });
      app = fx.app;
    }
    browser = await launchBrowser();
    if (fx) await options.afterStart?.(fx);
  }, options.timeoutMs ?? 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.close();
    await db?.cleanup();
  });

  const pages: Pages = {
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

  if (options.empty) {
    return {
      ...pages,
      started: () => {
        if (!app || !browser) throw new Error('the server did not start');
        return { app, browser };
      },
    };
  }
  return {
    ...pages,
    started: () => {
      if (!fx || !browser) throw new Error('the fixture did not start');
      return { fx, browser };
    },
  };
}
