import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 60_000;

describe('web client: an administrator manages users and checks the audit log and the ledger', () => {
  const { started, newPage, logIn } = useWebApp();

  /** A fresh browser, logged in as `username`, on /admin. */
  async function adminPage(username = 'admin'): Promise<Page> {
    const page = await newPage();
    await page.goto(`${started().fx.app.url}/login?next=${encodeURIComponent('/admin')}`);
    await logIn(page, username, PASSWORD);
    await page.waitForURL(/\/admin$/);
    return page;
  }

  const fieldError = (page: Page, testId: string) =>
    page.locator('.field', { has: page.getByTestId(testId) }).getByTestId('field-error');

  it(
    'creates a technician through the form, who can then log in',
    async () => {
      const { fx } = started();
      const page = await adminPage();
      expect(await page.getByTestId('nav-admin').getAttribute('aria-current')).toBe('page');
      await page.locator('[data-testid="user-row"][data-username="admin"]').waitFor();

      // The server's rules are checked before anything is sent.
      await page.getByTestId('user-username').fill('new tech');
      await page.getByTestId('user-password').fill('short');
      await page.getByTestId('user-submit').click();
      expect(await fieldError(page, 'user-username').textContent()).toBe(
        'Use only letters, digits, dot, dash or underscore',
      );
      expect(await fieldError(page, 'user-display-name').textContent()).toBe(
        'Enter the name people will see',
      );
      expect(await fieldError(page, 'user-password').textContent()).toBe('Use at least 12 characters');
      expect(await page.getByTestId('user-username').getAttribute('aria-invalid')).toBe('true');

      // A taken username comes back from the server and is shown on the username field.
      await page.getByTestId('user-username').fill('tech');
      await page.getByTestId('user-display-name').fill('Nico New');
      await page.getByTestId('user-role').selectOption('technician');
      await page.getByTestId('user-password').fill('a long enough password');
      await page.getByTestId('user-submit').click();
      await expect
        .poll(() => fieldError(page, 'user-username').textContent())
        .toBe('The username tech is taken');
      expect(await fieldError(page, 'user-password').count()).toBe(0);

      await page.getByTestId('user-username').fill('nico.new');
      await page.getByTestId('user-submit').click();
      const success = page.getByTestId('form-success');
      await success.waitFor();
      expect(await success.textContent()).toBe('Created Nico New (nico.new) as technician');
      expect(await page.getByTestId('toast-success').textContent()).toContain('Created Nico New');
      // The form is cleared for the next one and the list shows the new user without a reload.
      expect(await page.getByTestId('user-username').inputValue()).toBe('');
      expect(await page.getByTestId('user-password').inputValue()).toBe('');
      const row = page.locator('[data-testid="user-row"][data-username="nico.new"]');
      await row.waitFor();
      expect(await row.textContent()).toContain('Technician');

      const users = await fx.as.admin.users.list.query();
      expect(users.find((u) => u.username === 'nico.new')).toMatchObject({
        displayName: 'Nico New',
        role: 'technician',
      });

      // The new user logs in, in a browser of their own.
      const theirs = await newPage();
      await theirs.goto(`${fx.app.url}/`);
      await theirs.waitForURL(/\/login/);
      await logIn(theirs, 'nico.new', 'a long enough password');
      await theirs.getByTestId('search-input').waitFor();
      expect(await theirs.getByTestId('user-menu').textContent()).toContain('Nico New');
      expect(await theirs.getByTestId('user-menu').textContent()).toContain('Technician');
    },
    TIMEOUT,
  );

  it(
    'verifies the audit chain, finds an entry changed in the database, and checks the ledger',
    async () => {
      const { fx } = started();
      const page = await adminPage();
      const { rows } = await fx.app.services.db.reader.execute('SELECT count(*) AS n FROM audit_log');
      const entries = Number(rows[0]?.n);
      expect(entries).toBeGreaterThan(3);

      const verdict = page.getByTestId('audit-verdict');
      await page.getByTestId('audit-check-run').click();
      await verdict.waitFor();
      expect(await verdict.textContent()).toBe(`Intact: ${entries} entries checked`);
      expect(await verdict.getAttribute('data-ok')).toBe('true');

      // Someone edits an entry behind the application's back.
      const picked = await fx.app.services.db.reader.execute(
        'SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2',
      );
      const id = Number(picked.rows[0]?.id);
      expect(id).toBeGreaterThan(0);
      await fx.app.services.db.writer.execute({
        sql: "UPDATE audit_log SET data = data || ' ' WHERE id = ?",
        args: [id],
      });

      await page.getByTestId('audit-check-run').click();
      await expect.poll(() => verdict.getAttribute('data-ok'), { timeout: 10_000 }).toBe('false');
      expect(await verdict.textContent()).toContain(
        `Broken at entry #${id}: its content does not match its hash`,
      );
      // The broken entry is marked in the recent entries.
      const brokenRow = page.locator(`[data-testid="audit-row"][data-id="${id}"]`);
      await expect.poll(() => brokenRow.getAttribute('class')).toContain('row--broken');
      expect(await page.locator('[data-testid="audit-row"].row--broken').count()).toBe(1);

      await page.getByTestId('ledger-check-run').click();
      const ledger = page.getByTestId('ledger-verdict');
      await ledger.waitFor();
      expect(await ledger.textContent()).toBe('On-hand matches the ledger for every bin');

      // The recent entries: newest first, with who did what to which record.
      const newest = page.getByTestId('audit-row').first();
      expect(Number(await newest.getAttribute('data-id'))).toBe(entries);
      expect(await page.getByTestId('audit-row').count()).toBe(entries);

      await page.screenshot({ path: join(RESULTS_DIR, 'admin.png'), fullPage: true });

      // The same page at a phone's width.
      const phone = await newPage({ viewport: { width: 390, height: 844 } });
      await phone.goto(`${fx.app.url}/login?next=${encodeURIComponent('/admin')}`);
      await logIn(phone, 'admin', PASSWORD);
      await phone.getByTestId('audit-check-run').click();
      await phone.getByTestId('audit-verdict').waitFor();
      await phone.getByTestId('audit-row').first().waitFor();
      await phone.screenshot({ path: join(RESULTS_DIR, 'admin-phone.png'), fullPage: true });
    },
    TIMEOUT,
  );

  it(
    'keeps technicians out: no Admin link, and a plain refusal at /admin',
    async () => {
      const page = await adminPage('tech');
      await page.getByRole('heading', { name: 'Admin' }).waitFor();
      await page.getByText('This page is for administrators').waitFor();
      expect(await page.getByTestId('nav-admin').count()).toBe(0);
      // Import/Export is for planners: a technician sees the sections they can use, and no others.
      expect(await page.getByTestId('nav-io').count()).toBe(0);
      expect(await page.getByTestId('nav-labels').count()).toBe(1);
      expect(await page.getByTestId('user-form').count()).toBe(0);
      expect(await page.getByTestId('audit-check-run').count()).toBe(0);
    },
    TIMEOUT,
  );
});
