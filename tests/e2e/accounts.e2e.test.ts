import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles.ts';
import { postProcedure } from '../support/http-raw.ts';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 60_000;

describe('web client: accounts (disable, reset links, invitations, own password)', () => {
  const { started, newPage, logIn } = useWebApp();

  const addUser = (username: string, displayName: string, role: Role = 'technician') =>
    started().fx.app.services.auth.createUser({ username, displayName, role, password: PASSWORD });

  /** A fresh browser logged in as `username`, on `path`. */
  async function openAs(username: string, path: string, password = PASSWORD): Promise<Page> {
    const page = await newPage();
    await page.goto(`${started().fx.app.url}/login?next=${encodeURIComponent(path)}`);
    await logIn(page, username, password);
    await page.waitForURL((u) => u.pathname === path);
    return page;
  }

  const row = (page: Page, username: string) =>
    page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  const fieldError = (page: Page, testId: string) =>
    page.locator('.field', { has: page.getByTestId(testId) }).getByTestId('field-error');
  const isFocused = (page: Page, testId: string) =>
    page.getByTestId(testId).evaluate((el) => el === document.activeElement);

  it(
    'disabling a technician signs out their open screen at once, saying why, and they cannot log back in',
    async () => {
      await addUser('tina', 'Tina Tech');
      const tina = await openAs('tina', '/work-orders');
      await expect
        .poll(() => tina.getByTestId('live-indicator').getAttribute('class'))
        .toContain('live--live');

      const admin = await openAs('admin', '/admin');
      await row(admin, 'tina').getByTestId('user-disable').click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Disable Tina Tech?' }).waitFor();
      expect(await dialog.textContent()).toContain('signed out everywhere at once, open screens included');
      await dialog.getByTestId('confirm').click();
      await expect.poll(() => row(admin, 'tina').getAttribute('data-status')).toBe('disabled');
      expect(await row(admin, 'tina').textContent()).toContain('Disabled');

      // Tina did nothing: her screen went to the login page by itself.
      await tina.waitForURL(/\/login\?signedOut=disabled$/, { timeout: 10_000 });
      expect(await tina.getByTestId('signed-out-message').textContent()).toBe(
        'Your account was disabled by an administrator.',
      );
      await logIn(tina, 'tina', PASSWORD);
      await expect
        .poll(() => tina.getByTestId('form-error').textContent())
        .toBe('This account is disabled; ask an administrator');

      // Enabling asks too, and lets her back in.
      await row(admin, 'tina').getByTestId('user-enable').click();
      await admin.getByRole('dialog').getByTestId('confirm').click();
      await expect.poll(() => row(admin, 'tina').getAttribute('data-status')).toBe('active');
      await logIn(tina, 'tina', PASSWORD);
      await tina.getByTestId('search-input').waitFor();
    },
    TIMEOUT,
  );

  it(
    'logging out in one tab signs out the other tabs of the same browser, saying so',
    async () => {
      await addUser('lou', 'Lou Logout');
      const tab = await openAs('lou', '/work-orders');
      const other = await tab.context().newPage();
      other.setDefaultTimeout(15_000);
      await other.goto(`${started().fx.app.url}/low-stock`);
      await expect
        .poll(() => other.getByTestId('live-indicator').getAttribute('class'))
        .toContain('live--live');

      await tab.getByTestId('logout').click();
      await tab.getByTestId('login-username').waitFor();
      // The other tab did nothing: its event stream ended with the session.
      await other.waitForURL(/\/login\?signedOut=logged_out$/, { timeout: 10_000 });
      expect(await other.getByTestId('signed-out-message').textContent()).toBe('You logged out.');
    },
    TIMEOUT,
  );

  it(
    'an administrator issues a reset link; the user chooses a new password through it, once',
    async () => {
      const { fx } = started();
      await addUser('rita', 'Rita Reset');
      const admin = await openAs('admin', '/admin');
      await row(admin, 'rita').getByTestId('user-reset-link').click();
      const link = admin.getByTestId('one-time-link');
      await link.waitFor();
      const url = await admin.getByTestId('one-time-link-url').inputValue();
      expect(url).toMatch(new RegExp(`^${fx.app.url}/reset\\?token=[\\w-]{43}$`));
      expect(await link.textContent()).toContain('Shown only now');
      expect(await link.textContent()).toContain('It works once and expires');
      await admin.screenshot({ path: join(RESULTS_DIR, 'accounts-reset-link.png'), fullPage: true });

      const rita = await newPage();
      await rita.goto(url);
      await rita.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      expect(await isFocused(rita, 'set-password')).toBe(true);
      // The policy is stated before anything is typed, and checked before anything is sent.
      expect(await rita.getByTestId('set-password-form').textContent()).toContain('At least 12 characters');
      await rita.getByTestId('set-password').fill('too short');
      await rita.getByTestId('set-submit').click();
      expect(await fieldError(rita, 'set-password').textContent()).toBe('Use at least 12 characters');
      await rita.getByTestId('set-password').fill('rita has a new password');
      await rita.getByTestId('set-repeat').fill('rita has a new pasword');
      await rita.getByTestId('set-submit').click();
      expect(await fieldError(rita, 'set-repeat').textContent()).toBe('The two passwords do not match');
      // The common-password list lives on the server; its answer lands on the same field.
      await rita.getByTestId('set-password').fill('qwerty123456');
      await rita.getByTestId('set-repeat').fill('qwerty123456');
      await rita.getByTestId('set-submit').click();
      await expect
        .poll(() => fieldError(rita, 'set-password').textContent())
        .toBe('This password is one of the most common passwords; choose another');

      await rita.getByTestId('set-password').fill('rita has a new password');
      await rita.getByTestId('set-repeat').fill('rita has a new password');
      await rita.getByTestId('set-submit').click();
      await rita.getByTestId('search-input').waitFor();
      expect(new URL(rita.url()).pathname).toBe('/');
      expect(await rita.getByTestId('user-menu').textContent()).toContain('Rita Reset');

      // The same link a second time, in another browser.
      const again = await newPage();
      await again.goto(url);
      await again.getByTestId('set-password').fill('someone else tries this');
      await again.getByTestId('set-repeat').fill('someone else tries this');
      await again.getByTestId('set-submit').click();
      await expect
        .poll(() => again.getByTestId('form-error').textContent())
        .toBe('This link has already been used; ask an administrator for a new one');
      expect(new URL(again.url()).pathname).toBe('/reset');

      expect(
        (await postProcedure(fx.app.url, 'auth.login', { username: 'rita', password: PASSWORD })).status,
      ).toBe(401);
      expect(
        (
          await postProcedure(fx.app.url, 'auth.login', {
            username: 'rita',
            password: 'rita has a new password',
          })
        ).status,
      ).toBe(200);
    },
    TIMEOUT,
  );

  it(
    'an administrator invites someone by link, who activates their account with their own password',
    async () => {
      const admin = await openAs('admin', '/admin');
      await admin.getByTestId('user-username').fill('ines');
      await admin.getByTestId('user-display-name').fill('Ines Invited');
      await admin.getByTestId('user-role').selectOption('planner');
      await admin.getByTestId('user-mode-invite').check();
      expect(await admin.getByTestId('user-password').count()).toBe(0);
      await admin.getByTestId('user-submit').click();
      const url = await admin.getByTestId('user-form').getByTestId('one-time-link-url').inputValue();
      expect(url).toContain('/invite?token=');
      await expect.poll(() => row(admin, 'ines').getAttribute('data-status')).toBe('invited');
      expect(await row(admin, 'ines').getByTestId('user-invite-link').count()).toBe(1);

      const ines = await newPage({ viewport: { width: 390, height: 844 } });
      await ines.goto(url);
      await ines.getByRole('heading', { name: 'Welcome to Twinventory' }).waitFor();
      await ines.getByTestId('set-password').fill('ines picks her own');
      await ines.getByTestId('set-repeat').fill('ines picks her own');
      await ines.screenshot({ path: join(RESULTS_DIR, 'accounts-invite-phone.png'), fullPage: true });
      await ines.getByTestId('set-submit').click();
      await ines.getByTestId('search-input').waitFor();
      await admin.reload();
      await expect.poll(() => row(admin, 'ines').getAttribute('data-status')).toBe('active');
    },
    TIMEOUT,
  );

  it(
    'a user changes their own password on /account; their other browser is signed out, saying why',
    async () => {
      const { fx } = started();
      await addUser('cora', 'Cora Change');
      const otherBrowser = await openAs('cora', '/work-orders');
      await expect
        .poll(() => otherBrowser.getByTestId('live-indicator').getAttribute('class'))
        .toContain('live--live');

      const page = await openAs('cora', '/');
      await page.getByTestId('account-link').click();
      await page.waitForURL(/\/account$/);
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      expect(await isFocused(page, 'current-password')).toBe(true);
      expect(await page.getByTestId('change-password-form').textContent()).toContain(
        'At least 12 characters',
      );

      await page.getByTestId('current-password').fill('not my password at all');
      await page.getByTestId('change-password').fill('cora has a better one');
      await page.getByTestId('change-repeat').fill('cora has a better one');
      await page.getByTestId('change-submit').click();
      await expect
        .poll(() => fieldError(page, 'current-password').textContent())
        .toBe('That is not your current password');

      await page.getByTestId('current-password').fill(PASSWORD);
      await page.getByTestId('change-submit').click();
      await expect
        .poll(() => page.getByTestId('form-success').textContent())
        .toBe('Password changed. Your other sessions were signed out; this one stays.');
      await page.screenshot({ path: join(RESULTS_DIR, 'accounts-page.png'), fullPage: true });

      await otherBrowser.waitForURL(/\/login\?signedOut=password_changed$/, { timeout: 10_000 });
      expect(await otherBrowser.getByTestId('signed-out-message').textContent()).toBe(
        'Your password was changed. Log in with the new one.',
      );
      // This browser stays logged in.
      await page.getByTestId('nav-work-orders').click();
      await page.waitForURL(/\/work-orders$/);
      expect(new URL(page.url()).pathname).toBe('/work-orders');
      expect(
        (
          await postProcedure(fx.app.url, 'auth.login', {
            username: 'cora',
            password: 'cora has a better one',
          })
        ).status,
      ).toBe(200);

      // Signing out everywhere asks first, then ends this session too.
      await page.goto(`${fx.app.url}/account`);
      await page.getByTestId('sign-out-everywhere').click();
      await page.getByRole('dialog').getByTestId('confirm').click();
      await page.waitForURL(/\/login\?signedOut=signed_out_everywhere$/);
      expect(await page.getByTestId('signed-out-message').textContent()).toBe('You signed out everywhere.');
    },
    TIMEOUT,
  );
});
