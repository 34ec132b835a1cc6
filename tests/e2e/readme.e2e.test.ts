import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WAKE_HINT } from '../../client/src/voice/wake.ts';
import { DEMO_PASSWORD } from '../../scripts/seed/seed-database.ts';
import { useDemoApp } from './harness.ts';

const TIMEOUT = 120_000;

/**
 * The README's short tour, read from the README itself, against the demo `npm start` creates: when
 * the README or the product changes and they stop agreeing, this fails.
 */
const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The text of the tour's step `n` ("8. **Twin** shows …"), up to the next step. */
function step(n: number): string {
  const tour = README.slice(README.indexOf('## A short tour'));
  const found = new RegExp(`\\n${n}\\. ([\\s\\S]*?)(?=\\n\\d+\\. |\\n## )`).exec(tour);
  if (found?.[1] === undefined) throw new Error(`The README's tour has no step ${n}`);
  return found[1].replace(/\s+/g, ' ');
}

function match(text: string, pattern: RegExp, what: string): string[] {
  const found = pattern.exec(text);
  if (found === null) throw new Error(`The README no longer says ${what}: ${text}`);
  return found.slice(1).map((s) => s ?? '');
}

/** Every "quoted phrase" of a step. */
const quoted = (text: string) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');

describe('the README tour works on the demo', () => {
  const web = useDemoApp();

  async function loggedIn(username: string, path = '/') {
    const page = await web.newPage({ viewport: { width: 1280, height: 800 }, timeoutMs: 30_000 });
    await page.goto(`${web.started().app.url}/login?next=${encodeURIComponent(path)}`);
    await web.logIn(page, username, DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname === path);
    return page;
  }

  it(
    'step 1: the search forgives the typo the README shows',
    async () => {
      const [typo, finds] = match(step(1), /\("(\w+)" finds (\w+)\)/, 'which typo search forgives');
      const page = await loggedIn('technician');
      await page.getByTestId('search-input').fill(typo ?? '');
      const first = page.getByTestId('search-result').first();
      await expect
        .poll(async () => (await first.textContent())?.toLowerCase())
        .toContain((finds ?? '').replace(/s$/, '').toLowerCase());
    },
    TIMEOUT,
  );

  it(
    'step 2: the named part picks from the named bin',
    async () => {
      const text = step(2);
      const [name] = match(text, /Open \*\*(.+?)\*\*/, 'which part to open');
      const [qty, bin] = match(text, /Pick (\d+) from ([A-Z]-\d\d-\d)/, 'what to pick');
      const page = await loggedIn('technician');
      await page.getByTestId('search-input').fill(name ?? '');
      const result = page.getByTestId('search-result').first();
      await expect.poll(() => result.textContent()).toContain(name);
      await result.click();
      await page.getByTestId('item-page').waitFor();
      const select = page.getByTestId('bin-select');
      const option = await select.evaluate(
        (el, code) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(code))?.value,
        bin ?? '',
      );
      expect(option, `${name} is in ${bin}`).toBeDefined();
      await select.selectOption(option ?? '');
      await page.getByTestId('qty-input').fill(qty ?? '');
      await page.getByTestId('submit-action').click();
      expect(await page.getByTestId('form-success').textContent()).toContain(`Picked ${qty} from ${bin}`);
    },
    TIMEOUT,
  );

  it(
    'step 8: searching the twin for the part the README names routes to its bin',
    async () => {
      const [part, bin] = match(
        step(8),
        /Search a part \("([^"]+)"\)[\s\S]*?to its bin \(([A-Z]-\d\d-\d)\)/,
        'which part the twin search finds and its bin',
      );
      const page = await loggedIn('technician', '/twin');
      const search = page.getByTestId('twin-search-input');
      await search.fill(part ?? '');
      await page.getByTestId('twin-search-result').first().waitFor();
      await search.press('Enter');
      const route = page.getByTestId('twin-route');
      await expect.poll(() => route.locator('h2').textContent(), { timeout: 30_000 }).toBe(`Route to ${bin}`);
      await page.getByTestId('route-steps').waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => window.__twin?.highlighted ?? [])).toContain(bin);
    },
    TIMEOUT,
  );

  it(
    'steps 9 and 10: the voice button is where the README says, and every quoted command works',
    async () => {
      const voice = step(10);
      const [label, where] = match(voice, /^\*\*(\w+)\*\* \(([^,)]+)/, 'what the voice button is called');
      const page = await loggedIn('planner');
      const button = page.getByTestId('voice-toggle');
      expect((await button.textContent())?.trim()).toBe(label);
      const box = await button.boundingBox();
      const screen = page.viewportSize();
      if (box === null || screen === null) throw new Error('the voice button is not on screen');
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      if (where?.includes('top')) expect(centre.y).toBeLessThan(screen.height / 4);
      if (where?.includes('bottom')) expect(centre.y).toBeGreaterThan((screen.height * 3) / 4);
      if (where?.includes('right')) expect(centre.x).toBeGreaterThan(screen.width / 2);
      if (where?.includes('left')) expect(centre.x).toBeLessThan(screen.width / 2);

      const commands = [...quoted(step(9)), ...quoted(voice)];
      expect(commands).toContain(WAKE_HINT);
      const tried: string[] = [];
      for (const command of commands.filter((c) => c !== WAKE_HINT)) {
        const check = EXPECTED.find((e) => e.says.test(command));
        if (check === undefined)
          throw new Error(`The README quotes "${command}"; say here what it should do`);
        await page.goto(`${web.started().app.url}/`);
        await page.getByTestId('search-input').waitFor();
        if ((await page.getByTestId('voice-panel').count()) === 0) await button.click();
        await check.does(page, await type(page, command), command);
        tried.push(command);
      }
      expect(tried.length).toBeGreaterThanOrEqual(5);
    },
    TIMEOUT,
  );

  /** What each kind of README command must do on the demo. */
  const EXPECTED: { says: RegExp; does: (page: Page, reply: string, command: string) => Promise<void> }[] = [
    {
      says: /^take me to /i,
      does: async (page, reply, command) => {
        expect(reply, command).toMatch(/^Opening the route to /);
        await page.waitForURL(/\/guide\?(item|asset|bin)=/);
        if (/generator/.test(command)) expect(reply).toMatch(/generator/i);
      },
    },
    {
      says: /^how many /i,
      does: async (_page, reply, command) => {
        expect(reply, command).toMatch(/^You have [\d,]+ M8 x 30 hex bolts/);
      },
    },
    {
      says: /^pick /i,
      does: async (page, reply, command) => {
        // It asks first; the tour does not need the bolts, so it is cancelled.
        expect(reply, command).toMatch(/^Pick 2 M8 x 30 hex bolts, zinc plated from A-01-1\?$/);
        expect(await type(page, 'cancel')).toBe('Cancelled. Nothing was changed.');
      },
    },
    {
      says: /work order for /i,
      does: async (page, reply, command) => {
        expect(reply, command).toMatch(/^Create a urgent priority work order for Standby generator 1.*\?$/);
        expect(await type(page, 'yes')).toMatch(/^Created work order \d+ for Standby generator 1/);
      },
    },
  ];

  /** Types a command into the voice panel and returns the answer shown for it. */
  async function type(page: Page, text: string): Promise<string> {
    const answers = page.locator('[data-testid="voice-log"] [data-who="twin"]');
    const before = await answers.count();
    await page.getByTestId('voice-input').fill(text);
    await page.getByTestId('voice-input').press('Enter');
    await expect.poll(() => answers.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    return (await answers.last().textContent()) ?? '';
  }
});
