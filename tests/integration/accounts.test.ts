import { describe, expect, test } from 'vitest';
import type { Role } from '../../common/roles.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { openLiveStream, postProcedure, type SseMessage } from '../support/http-raw.ts';
import { rawCall } from '../support/raw-call.ts';
import { type Api, apiClient, cookieOf, PASSWORD } from '../support/test-app.ts';

const HOUR = 3600_000;
const MINUTE = 60_000;

/** Time the server runs on; tests move it forward to let locks and links expire. */
let now = Date.parse('2025-03-03T08:00:00Z');
const clock = { now: () => now };

const isSignedOut = (m: SseMessage) => (m.data as { type?: string } | null)?.type === 'signed_out';
const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('token') ?? '';

describe.each(BACKENDS)('accounts on $name', (backend) => {
  const fx = useFixture(backend, clock);
  const run = test.skipIf(!backend.available);
  const url = () => fx().app.url;

  let seq = 0;
  /** A user of our own, so one test's disabling or password change never touches another's. */
  async function newUser(role: Role = 'technician', password = PASSWORD) {
    seq += 1;
    const username = `user${seq}`;
    const displayName = `User ${seq}`;
    const id = await fx().app.services.auth.createUser({ username, displayName, role, password });
    return { id, username, displayName };
  }

  async function loggedIn(username: string, password = PASSWORD): Promise<Api> {
    const client = apiClient(url());
    await client.auth.login.mutate({ username, password });
    return client;
  }

  const lowStock = (client: Api) => rawCall(url(), 'query', 'stock.lowStock', undefined, cookieOf(client));
  const login = (username: string, password: string, localAddress?: string) =>
    postProcedure(url(), 'auth.login', { username, password }, localAddress ? { localAddress } : {});

  async function auditRows(entityId: string) {
    const rs = await fx().app.services.db.reader.execute({
      sql: 'SELECT actor_id, action, entity, data FROM audit_log WHERE entity_id = ? ORDER BY id',
      args: [entityId],
    });
    return rs.rows.map((r) => ({ action: String(r.action), entity: String(r.entity), data: String(r.data) }));
  }

  run('an administrator edits a name and a role; the new role applies to open sessions at once', async () => {
    const { id, username, displayName } = await newUser('technician');
    const theirs = await loggedIn(username);
    expect((await rawCall(url(), 'query', 'scenarios.list', undefined, cookieOf(theirs))).status).toBe(403);

    await fx().as.admin.users.update.mutate({ id, displayName: 'Renamed Person', role: 'planner' });
    const listed = (await fx().as.admin.users.list.query()).find((u) => u.id === id);
    expect(listed).toMatchObject({ displayName: 'Renamed Person', role: 'planner', status: 'active' });
    // Not after the session cache ages out: now.
    expect((await rawCall(url(), 'query', 'scenarios.list', undefined, cookieOf(theirs))).status).toBe(200);
    expect(await theirs.auth.me.query()).toMatchObject({ displayName: 'Renamed Person', role: 'planner' });

    const [entry] = (await auditRows(String(id))).filter((r) => r.action === 'user.update');
    expect(JSON.parse(entry?.data ?? '{}')).toEqual({
      before: { displayName, role: 'technician' },
      after: { displayName: 'Renamed Person', role: 'planner' },
    });
  });

  run('nobody disables or demotes themselves, and the last active administrator stays one', async () => {
    const admin = fx().users.admin;
    const disableSelf = await rawCall(
      url(),
      'mutation',
      'users.disable',
      { id: admin },
      cookieOf(fx().as.admin),
    );
    expect([disableSelf.status, disableSelf.body.error?.message]).toEqual([
      403,
      'You cannot disable your own account',
    ]);
    const demoteSelf = await rawCall(
      url(),
      'mutation',
      'users.update',
      { id: admin, displayName: 'Ada Admin', role: 'technician' },
      cookieOf(fx().as.admin),
    );
    expect(demoteSelf.status).toBe(403);
    // Renaming oneself is fine.
    await fx().as.admin.users.update.mutate({ id: admin, displayName: 'Ada A. Admin', role: 'admin' });

    // An invited administrator who has not accepted yet cannot manage anything, so does not count.
    await fx().as.admin.users.invite.mutate({
      username: 'pending.admin',
      displayName: 'Pending',
      role: 'admin',
    });
    const services = fx().app.services;
    const system = { id: 0, username: 'system', displayName: 'System', role: 'admin' as const };
    await expect(services.userAdmin.disable(system, admin)).rejects.toThrow(/last active administrator/);
    await expect(
      services.userAdmin.update(system, admin, { displayName: 'Ada', role: 'planner' }),
    ).rejects.toThrow(/last active administrator/);

    // With a second administrator, either may manage the other.
    const second = await newUser('admin');
    const theirs = await loggedIn(second.username);
    await theirs.users.update.mutate({ id: admin, displayName: 'Ada A. Admin', role: 'planner' });
    await fx().app.services.userAdmin.update(system, admin, { displayName: 'Ada Admin', role: 'admin' });
    await fx().as.admin.users.disable.mutate({ id: second.id });
    expect((await fx().as.admin.users.list.query()).find((u) => u.id === second.id)?.status).toBe('disabled');
  });

  run("disabling ends the user's sessions and open live stream at once; other streams carry on", async () => {
    const dana = await newUser('technician');
    const danaApi = await loggedIn(dana.username);
    const danaOnPhone = await loggedIn(dana.username);
    const danaStream = await openLiveStream(url(), cookieOf(danaApi));
    const plannerStream = await openLiveStream(url(), cookieOf(fx().as.planner));
    const { path } = await fx().as.admin.users.issueResetLink.mutate({ id: dana.id });

    await fx().as.admin.users.disable.mutate({ id: dana.id });

    const last = await danaStream.next(isSignedOut);
    expect(last.data).toEqual({ type: 'signed_out', reason: 'disabled' });
    await danaStream.ended;
    expect(danaStream.messages.at(-1)).toBe(last);
    // Their very next call, from any of their sessions, is refused.
    expect((await lowStock(danaApi)).status).toBe(401);
    expect((await lowStock(danaOnPhone)).status).toBe(401);
    const again = await login(dana.username, PASSWORD);
    expect([again.status, again.body.error?.message]).toEqual([
      403,
      'This account is disabled; ask an administrator',
    ]);
    // A link issued before does not get them back in.
    const redeem = await postProcedure(url(), 'account.redeemToken', {
      token: tokenOf(path),
      password: 'a brand new password',
    });
    expect([redeem.status, redeem.body.error?.message]).toEqual([
      403,
      'This account is disabled; ask an administrator',
    ]);
    const link = await rawCall(
      url(),
      'mutation',
      'users.issueResetLink',
      { id: dana.id },
      cookieOf(fx().as.admin),
    );
    expect(link.status).toBe(409);

    // The planner's stream heard nothing of it, and still gets everyone's changes.
    await fx().as.technician.stock.pick.mutate({
      itemId: fx().items.bolt,
      locationId: fx().bins.a,
      qty: 1,
      idempotencyKey: 'accounts-pick-0001',
    });
    await plannerStream.next((m) => (m.data as { type?: string } | null)?.type === 'stock');
    expect(plannerStream.messages.filter((m) => m.event === 'message').map((m) => m.data)).toEqual([
      expect.objectContaining({ type: 'stock', itemId: fx().items.bolt }),
    ]);
    plannerStream.close();

    await fx().as.admin.users.enable.mutate({ id: dana.id });
    expect((await login(dana.username, PASSWORD)).status).toBe(200);
    expect((await auditRows(String(dana.id))).map((r) => r.action)).toEqual(
      expect.arrayContaining(['user.create', 'user.reset_link', 'user.disable', 'user.enable']),
    );
  });

  run('a reset link works once, logs the user in and ends every session they had', async () => {
    const sam = await newUser();
    const samApi = await loggedIn(sam.username);
    const samStream = await openLiveStream(url(), cookieOf(samApi));
    const link = await fx().as.admin.users.issueResetLink.mutate({ id: sam.id });
    expect(link).toMatchObject({ purpose: 'reset', expiresAt: now + 24 * HOUR });
    expect(link.path).toMatch(/^\/reset\?token=[\w-]{43}$/);

    // The policy applies: nothing is spent on a refused password.
    const short = await postProcedure(url(), 'account.redeemToken', {
      token: tokenOf(link.path),
      password: 'too short',
    });
    expect([short.status, short.body.error?.message]).toEqual([400, 'Use at least 12 characters']);

    const browser = apiClient(url());
    const user = await browser.account.redeemToken.mutate({
      token: tokenOf(link.path),
      password: 'new password for sam',
    });
    expect(user).toMatchObject({ id: sam.id, username: sam.username });
    expect((await browser.auth.me.query())?.id).toBe(sam.id);
    expect((await samStream.next(isSignedOut)).data).toEqual({
      type: 'signed_out',
      reason: 'password_reset',
    });
    expect((await lowStock(samApi)).status).toBe(401);

    const twice = await postProcedure(url(), 'account.redeemToken', {
      token: tokenOf(link.path),
      password: 'another new password',
    });
    expect([twice.status, twice.body.error?.message]).toEqual([
      409,
      'This link has already been used; ask an administrator for a new one',
    ]);
    expect((await login(sam.username, PASSWORD)).status).toBe(401);
    expect((await login(sam.username, 'new password for sam')).status).toBe(200);
  });

  run('a reset link expires after a day, and a newer one voids the older', async () => {
    const kim = await newUser();
    const old = await fx().as.admin.users.issueResetLink.mutate({ id: kim.id });
    const newer = await fx().as.admin.users.issueResetLink.mutate({ id: kim.id });
    const voided = await postProcedure(url(), 'account.redeemToken', {
      token: tokenOf(old.path),
      password: 'kim chose this one',
    });
    expect([voided.status, voided.body.error?.message]).toEqual([
      409,
      'This link was replaced by a newer one; use the newest link you were given',
    ]);

    now += 24 * HOUR;
    const expired = await postProcedure(url(), 'account.redeemToken', {
      token: tokenOf(newer.path),
      password: 'kim chose this one',
    });
    expect([expired.status, expired.body.error?.message]).toEqual([
      409,
      'This link has expired; ask an administrator for a new one',
    ]);
    const unknown = await postProcedure(url(), 'account.redeemToken', {
      token: 'A'.repeat(43),
      password: 'kim chose this one',
    });
    expect(unknown.status).toBe(404);
    expect((await login(kim.username, PASSWORD)).status).toBe(200);
  });

  run('an invited user cannot log in until they choose a password through the link', async () => {
    const invited = await fx().as.admin.users.invite.mutate({
      username: 'ivy',
      displayName: 'Ivy Invited',
      role: 'planner',
    });
    expect(invited.link).toMatchObject({ purpose: 'invite', expiresAt: now + 7 * 24 * HOUR });
    expect(invited.link.path).toMatch(/^\/invite\?token=/);
    expect((await fx().as.admin.users.list.query()).find((u) => u.id === invited.id)?.status).toBe('invited');
    // No password works yet, not even an empty-looking one.
    expect((await login('ivy', 'not-a-real-password')).status).toBe(401);
    expect(
      (await rawCall(url(), 'mutation', 'users.issueResetLink', { id: invited.id }, cookieOf(fx().as.admin)))
        .status,
    ).toBe(409);

    // A lost invitation is replaced by a new one; the old one stops working.
    const fresh = await fx().as.admin.users.issueInviteLink.mutate({ id: invited.id });
    const browser = apiClient(url());
    const tooShort = await postProcedure(url(), 'account.redeemToken', {
      token: tokenOf(fresh.path),
      password: 'ivy',
    });
    expect(tooShort.status).toBe(400);
    expect(
      (
        await browser.account.redeemToken.mutate({
          token: tokenOf(fresh.path),
          password: 'ivy picks a password',
        })
      ).username,
    ).toBe('ivy');
    expect((await fx().as.admin.users.list.query()).find((u) => u.id === invited.id)?.status).toBe('active');
    expect((await lowStock(browser)).status).toBe(200);
    for (const path of [invited.link.path, fresh.path]) {
      const r = await postProcedure(url(), 'account.redeemToken', {
        token: tokenOf(path),
        password: 'ivy again, twice',
      });
      expect(r.status).toBe(409);
    }
    const inviteAgain = await rawCall(
      url(),
      'mutation',
      'users.issueInviteLink',
      { id: invited.id },
      cookieOf(fx().as.admin),
    );
    expect(inviteAgain.status).toBe(409);
  });

  run('changing your password needs the current one and ends your other sessions, not this one', async () => {
    const lee = await newUser();
    const here = await loggedIn(lee.username);
    const elsewhere = await loggedIn(lee.username);
    const hereStream = await openLiveStream(url(), cookieOf(here));
    const elsewhereStream = await openLiveStream(url(), cookieOf(elsewhere));

    const wrong = await rawCall(
      url(),
      'mutation',
      'account.changePassword',
      { currentPassword: 'not my password at all', newPassword: 'lee has a new one' },
      cookieOf(here),
    );
    expect([wrong.status, wrong.body.error?.message]).toEqual([400, 'That is not your current password']);
    const common = await rawCall(
      url(),
      'mutation',
      'account.changePassword',
      { currentPassword: PASSWORD, newPassword: 'Qwerty123456' },
      cookieOf(here),
    );
    expect([common.status, common.body.error?.message]).toEqual([
      400,
      'This password is one of the most common passwords; choose another',
    ]);

    await here.account.changePassword.mutate({ currentPassword: PASSWORD, newPassword: 'lee has a new one' });
    expect((await elsewhereStream.next(isSignedOut)).data).toEqual({
      type: 'signed_out',
      reason: 'password_changed',
    });
    expect((await lowStock(elsewhere)).status).toBe(401);
    expect((await lowStock(here)).status).toBe(200);
    // This session's stream stays open and keeps receiving.
    await fx().as.technician.stock.pick.mutate({
      itemId: fx().items.bolt,
      locationId: fx().bins.a,
      qty: 1,
      idempotencyKey: 'accounts-pick-0002',
    });
    await hereStream.next((m) => (m.data as { type?: string } | null)?.type === 'stock');
    expect(hereStream.messages.some(isSignedOut)).toBe(false);
    hereStream.close();
    expect((await login(lee.username, PASSWORD)).status).toBe(401);
    expect((await login(lee.username, 'lee has a new one')).status).toBe(200);
  });

  run('signing out everywhere ends every session, this one included', async () => {
    const max = await newUser();
    const here = await loggedIn(max.username);
    const phone = await loggedIn(max.username);
    const phoneStream = await openLiveStream(url(), cookieOf(phone));
    await here.account.signOutEverywhere.mutate();
    expect((await phoneStream.next(isSignedOut)).data).toEqual({
      type: 'signed_out',
      reason: 'signed_out_everywhere',
    });
    expect(await here.auth.me.query()).toBeNull();
    expect((await lowStock(phone)).status).toBe(401);
    expect((await login(max.username, PASSWORD)).status).toBe(200);
  });

  run('every way of setting a password applies the policy', async () => {
    const create = (username: string, password: string) =>
      rawCall(
        url(),
        'mutation',
        'users.create',
        { username, displayName: 'Pol Icy', role: 'technician', password },
        cookieOf(fx().as.admin),
      );
    const cases: [string, string, string][] = [
      ['policy1', 'eleven char', 'Use at least 12 characters'],
      ['policy2', 'password1234', 'This password is one of the most common passwords; choose another'],
      ['maintenance.lead', 'Maintenance.Lead', 'Your password cannot be your username'],
    ];
    for (const [username, password, message] of cases) {
      const r = await create(username, password);
      expect([r.status, r.body.error?.message]).toEqual([400, message]);
    }
    // The CLI and the first-run setup go through the same method.
    await expect(
      fx().app.services.auth.createUser({
        username: 'cli',
        displayName: 'C',
        role: 'admin',
        password: 'demo1234',
      }),
    ).rejects.toThrow('Use at least 12 characters');
    expect((await create('policy3', 'four unrelated words here')).status).toBe(200);
  });

  run(
    'five wrong passwords lock the account with growing delays; the right one works once it passes',
    async () => {
      const ola = await newUser();
      for (let i = 0; i < 5; i++) expect((await login(ola.username, `wrong guess ${i}`)).status).toBe(401);
      const locked = await login(ola.username, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.headers['retry-after']).toBe('1');
      expect(locked.body.error?.message).toBe('Too many attempts; try again in 1 second');
      expect(locked.body.error?.data?.details).toEqual({ retryAfterS: 1 });

      now += 1000;
      expect((await login(ola.username, 'wrong guess 5')).status).toBe(401);
      const longer = await login(ola.username, PASSWORD);
      expect([longer.status, longer.headers['retry-after']]).toEqual([429, '2']);
      now += 2000;
      expect((await login(ola.username, PASSWORD)).status).toBe(200);

      // A success starts the count afresh: four more mistakes are not a lock.
      for (let i = 0; i < 4; i++) expect((await login(ola.username, `wrong again ${i}`)).status).toBe(401);
      expect((await login(ola.username, PASSWORD)).status).toBe(200);

      const locks = (await auditRows(ola.username)).filter((r) => r.action === 'auth.lock');
      expect(locks).toHaveLength(1);
      expect(JSON.parse(locks[0]?.data ?? '{}')).toMatchObject({ failures: 5, lockedForS: 1 });
    },
  );

  run('twenty failures from one address lock that address for every account, and only it', async () => {
    const address = '127.0.0.77';
    for (let i = 0; i < 20; i++) {
      expect((await login(`nobody${i}`, 'a wrong password', address)).status).toBe(401);
    }
    const refused = await login('tech', PASSWORD, address);
    expect([refused.status, refused.headers['retry-after']]).toEqual([429, '1']);
    // Someone at another address is not held up.
    expect((await login('tech', PASSWORD, '127.0.0.78')).status).toBe(200);
    now += 15 * MINUTE;
    expect((await login('tech', PASSWORD, address)).status).toBe(200);
    const [lock] = (await auditRows(address)).filter((r) => r.action === 'auth.lock');
    expect(lock).toMatchObject({ entity: 'address' });
  });

  run('account events are audited, and the audit log holds no password, hash or token', async () => {
    const rs = await fx().app.services.db.reader.execute('SELECT action, data FROM audit_log');
    const actions = new Set(rs.rows.map((r) => String(r.action)));
    for (const action of [
      'user.create',
      'user.invite',
      'user.update',
      'user.disable',
      'user.enable',
      'user.reset_link',
      'user.invite_link',
      'user.token_redeem',
      'user.password_change',
      'user.sign_out_everywhere',
      'auth.login',
      'auth.lock',
    ]) {
      expect(actions).toContain(action);
    }
    const stored = await fx().app.services.db.reader.execute(
      "SELECT token_hash AS secret FROM sessions UNION ALL SELECT token_hash FROM password_tokens UNION ALL SELECT password_hash FROM users WHERE password_hash <> ''",
    );
    const secrets = [
      PASSWORD,
      'new password for sam',
      'lee has a new one',
      'ivy picks a password',
      'scrypt$',
      ...stored.rows.map((r) => String(r.secret)),
    ];
    const everything = rs.rows.map((r) => String(r.data)).join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/token=/);
    expect((await fx().as.admin.audit.verify.query()).ok).toBe(true);
  });
});
