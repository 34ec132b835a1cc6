import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningApp, startApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/database.ts';
import { listMigrations, migrate } from '../../server/db/migrate.ts';
import { readSite } from '../../server/db/site.repository.ts';
import type { LiveEvent } from '../../server/services/event-bus.ts';
import { BACKENDS } from '../support/backends.ts';
import { dbFingerprint } from '../support/db-state.ts';
import { rawCall } from '../support/raw-call.ts';
import { apiClient, cookieOf } from '../support/test-app.ts';
import { tempDatabaseUrl } from '../support/tmp-db.ts';

const SITE = {
  siteName: 'Jo’burg depot',
  currency: 'ZAR',
  locale: 'en-ZA',
  timeZone: 'Africa/Johannesburg',
  units: 'metric',
} as const;
const ADMIN = { username: 'naledi', displayName: 'Naledi Khumalo', password: 'a long first password' };
const SETUP_FIRST = 'Finish the first-run setup first';

describe.each(BACKENDS)('first-run setup on $name', (backend) => {
  let app: RunningApp | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!backend.available) return;
    const db = await backend.open();
    close = db.close;
    // What `DEMO=0 npm start` does: no seed, so the database stays empty until someone sets it up.
    app = await startApp({ databaseUrl: db.url, port: 0, host: '127.0.0.1', log: () => {} });
  });
  afterAll(async () => {
    await app?.close();
    await close?.();
  });
  const running = () => {
    if (app === undefined) throw new Error(`the server on ${backend.name} did not start`);
    return app;
  };
  const siteRow = () => readSite(running().services.db.reader);
  const call = (type: 'query' | 'mutation', path: string, input: unknown, cookie = '') =>
    rawCall(running().url, type, path, input, cookie);

  test.skipIf(!backend.available)(
    'an empty database serves nothing but the setup, and changes nothing meanwhile',
    async () => {
      const before = await dbFingerprint(running().services.db);
      const refused = [
        await call('query', 'items.search', { q: 'bolt' }),
        await call('mutation', 'auth.login', { username: 'admin', password: 'demo1234' }),
        await call('query', 'auth.me', undefined),
        await call('mutation', 'users.create', {
          username: 'sneaky',
          displayName: 'Sneaky',
          role: 'admin',
          password: 'long enough password',
        }),
        await call('mutation', 'site.update', SITE),
      ];
      for (const r of refused) {
        expect({ status: r.status, message: r.body.error?.message, code: r.body.error?.data?.code }).toEqual({
          status: 412,
          message: SETUP_FIRST,
          code: 'PRECONDITION_FAILED',
        });
      }
      expect(await dbFingerprint(running().services.db)).toBe(before);

      const status = await apiClient(running().url).site.status.query();
      expect(status).toEqual({
        setupRequired: true,
        demo: false,
        siteName: 'Twinventory',
        currency: 'EUR',
        locale: 'en-GB',
        timeZone: 'UTC',
        units: 'metric',
      });
    },
  );

  test.skipIf(!backend.available)('a setup with bad values is refused naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ site: { ...SITE, currency: 'XYZ' }, admin: ADMIN }, /site\.currency: Choose a currency/],
      [
        { site: { ...SITE, locale: 'not a locale' }, admin: ADMIN },
        /site\.locale: Enter a language and region/,
      ],
      [
        { site: { ...SITE, timeZone: 'Mars/Olympus_Mons' }, admin: ADMIN },
        /site\.timeZone: Choose a time zone/,
      ],
      [{ site: { ...SITE, units: 'cubits' }, admin: ADMIN }, /site\.units: Choose metric or imperial/],
      [{ site: { ...SITE, siteName: '  ' }, admin: ADMIN }, /site\.siteName: Enter the site name/],
      [{ site: SITE, admin: { ...ADMIN, username: 'two words' } }, /admin\.username: use letters, digits/],
      // The password rules are the ones every new user gets (AuthService).
      [{ site: SITE, admin: { ...ADMIN, password: 'short' } }, /Use at least 12 characters/],
    ];
    for (const [input, message] of cases) {
      const r = await call('mutation', 'site.setup', input);
      expect({ status: r.status, message: r.body.error?.message }).toEqual({
        status: 400,
        message: expect.stringMatching(message),
      });
    }
    expect(await running().services.site.setupRequired()).toBe(true);
    expect((await siteRow()).setupCompletedAt).toBeNull();
  });

  test.skipIf(!backend.available)(
    'of two setups at once exactly one wins: its admin is created and logged in, with the settings',
    async () => {
      const first = apiClient(running().url);
      const second = apiClient(running().url);
      const events: LiveEvent[] = [];
      const stop = running().services.events.listen((e) => events.push(e));
      const outcomes = await Promise.allSettled([
        first.site.setup.mutate({ site: { ...SITE, locale: 'EN-za' }, admin: ADMIN }),
        second.site.setup.mutate({
          site: { ...SITE, siteName: 'Someone else' },
          admin: { ...ADMIN, username: 'mallory', displayName: 'Mallory' },
        }),
      ]);
      stop();
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(String(lost[0]?.reason)).toContain('This site is already set up; log in instead');

      const users = await running().services.auth.users();
      expect(users).toHaveLength(1);
      const [admin] = users;
      expect(admin?.role).toBe('admin');
      const firstWon = outcomes[0]?.status === 'fulfilled';
      const winner = firstWon ? first : second;
      expect(admin?.username).toBe(firstWon ? ADMIN.username : 'mallory');
      // The winner's browser holds a session: it is logged in as the new admin.
      const { status, ...profile } = admin ?? { status: null };
      expect(status).toBe('active');
      expect(await winner.auth.me.query()).toEqual(profile);

      // The winner's settings, the locale in its canonical spelling.
      expect(await winner.site.status.query()).toEqual({
        ...SITE,
        ...(firstWon ? {} : { siteName: 'Someone else' }),
        setupRequired: false,
        demo: false,
      });
      expect((await siteRow()).setupCompletedAt).toEqual(expect.any(Number));
      expect(events).toContainEqual({ type: 'settings' });

      const audit = await winner.audit.recent.query({ limit: 10 });
      expect(audit.map((a) => a.action).sort()).toEqual(['site.setup', 'user.create']);
    },
  );

  test.skipIf(!backend.available)('a later setup is refused and changes nothing', async () => {
    const before = await dbFingerprint(running().services.db);
    const settings = await siteRow();
    const r = await call('mutation', 'site.setup', {
      site: { ...SITE, siteName: 'Takeover' },
      admin: { username: 'late', displayName: 'Late', password: 'a long late password' },
    });
    expect(r.status).toBe(409);
    expect(r.body.error?.message).toBe('This site is already set up; log in instead');
    expect(await dbFingerprint(running().services.db)).toBe(before);
    expect(await siteRow()).toEqual(settings);
  });

  test.skipIf(!backend.available)(
    'after setup everything else works, and only admins change the settings',
    async () => {
      const [admin] = await running().services.auth.users();
      const boss = apiClient(running().url);
      await boss.auth.login.mutate({ username: admin?.username ?? '', password: ADMIN.password });
      expect(await boss.items.search.query({ q: 'bolt' })).toEqual([]);
      await boss.users.create.mutate({
        username: 'tech',
        displayName: 'Tess Tech',
        role: 'technician',
        password: 'technician password',
      });
      const tech = apiClient(running().url);
      await tech.auth.login.mutate({ username: 'tech', password: 'technician password' });

      const dollars = { ...SITE, currency: 'USD', locale: 'en-US', timeZone: 'America/New_York' } as const;
      const refused = await call('mutation', 'site.update', dollars, cookieOf(tech));
      expect(refused.status).toBe(403);
      expect((await tech.site.status.query()).currency).not.toBe('USD');

      const events: LiveEvent[] = [];
      const stop = running().services.events.listen((e) => events.push(e));
      const updated = await boss.site.update.mutate({ ...dollars, units: 'imperial' });
      stop();
      expect(updated).toMatchObject({ ...dollars, units: 'imperial', setupRequired: false });
      // Every open screen hears of it, so it can reformat.
      expect(events).toEqual([{ type: 'settings' }]);
      expect(await tech.site.status.query()).toMatchObject({ currency: 'USD', units: 'imperial' });
      const [latest] = await boss.audit.recent.query({ limit: 1 });
      expect(latest).toMatchObject({ action: 'site.update', actorId: admin?.id });
      expect(JSON.parse(latest?.data ?? '{}')).toMatchObject({ currency: 'USD' });
    },
  );
});

describe('the demo flag', () => {
  test('a database seeded before site settings existed (the demo logins) is inferred as demo', async () => {
    const infer = async (usernames: string[]) => {
      const tmp = await tempDatabaseUrl();
      const db = openDatabase({ url: tmp.url });
      try {
        const all = listMigrations();
        await migrate(
          db,
          all.filter((m) => m.version < 5),
        );
        for (const username of usernames) {
          await db.writer.execute({
            sql: "INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, 'admin', 'x', 0)",
            args: [username, username],
          });
        }
        await migrate(db, all);
        return (await readSite(db.reader)).demo;
      } finally {
        db.close();
        await tmp.cleanup();
      }
    };
    expect(await infer(['technician', 'planner', 'admin', 'sipho'])).toBe(true);
    expect(await infer(['admin', 'plan', 'tech'])).toBe(false);
    expect(await infer([])).toBe(false);
  });
});
