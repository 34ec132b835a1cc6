import { conflict } from '../../common/errors.ts';
import type { SessionUser } from '../../common/roles.ts';
import type { SiteSettings, SiteStatus } from '../../common/site-settings.ts';
import { appendAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import { markSetupCompleted, readSite, setDemo, updateSiteSettings } from '../db/site.repository.ts';
import { hasUsers } from '../db/users.repository.ts';
import type { Writer } from '../db/writer.ts';
import type { AuthService } from './auth.service.ts';
import type { Clock } from './clock.ts';

export type FirstAdmin = { username: string; displayName: string; password: string };

/**
 * The site's own values (name, currency, locale, time zone, units), whether it is the demo, and the
 * first-run setup: a database with no user yet serves nothing but the setup, which creates the
 * first administrator and the settings together.
 */
export class SiteService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #auth: AuthService;
  // Once anyone can log in, setup is never required again, so every API call can skip the query.
  #setUp = false;

  constructor(deps: { db: Database; writer: Writer; clock: Clock; auth: AuthService }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#auth = deps.auth;
  }

  /**
   * True while the database has no user. Asked on every API call: free once a user exists; until
   * then it looks, because users may also come from the seed or `npm run user:add`.
   */
  async setupRequired(): Promise<boolean> {
    if (this.#setUp) return false;
    this.#setUp = await hasUsers(this.#db.reader);
    return !this.#setUp;
  }

  async status(): Promise<SiteStatus> {
    const { setupCompletedAt: _, ...site } = await readSite(this.#db.reader);
    return { ...site, setupRequired: await this.setupRequired() };
  }

  /**
   * Creates the first administrator with the site's values and logs them in, in one transaction
   * that refuses if anyone exists: of two setups racing, the second finds the first one's admin.
   */
  async setup(input: {
    site: SiteSettings;
    admin: FirstAdmin;
  }): Promise<{ token: string; maxAgeS: number; user: SessionUser }> {
    // Refuse a late setup before spending a password hash on it.
    if (!(await this.setupRequired())) throw alreadySetUp();
    const admin = await this.#auth.prepareUser({ ...input.admin, role: 'admin' });
    const result = await this.#writer.run(async (tx) => {
      if (await hasUsers(tx)) throw alreadySetUp();
      const userId = await this.#auth.addUser(tx, admin, null);
      const at = this.#clock.now();
      await updateSiteSettings(tx, input.site);
      await markSetupCompleted(tx, at);
      await appendAudit(tx, [
        {
          actorId: userId,
          action: 'site.setup',
          entity: 'site',
          entityId: 'site',
          data: JSON.stringify(input.site),
          createdAt: at,
        },
      ]);
      tx.emit({ type: 'settings' });
      return this.#auth.openSession(tx, {
        id: userId,
        username: admin.username,
        displayName: admin.displayName,
        role: admin.role,
      });
    });
    this.#setUp = true;
    return result;
  }

  /** Changes the site's values; every open screen hears of it and reformats. */
  async update(site: SiteSettings, actorId: number): Promise<SiteStatus> {
    await this.#writer.run(async (tx) => {
      await updateSiteSettings(tx, site);
      await appendAudit(tx, [
        {
          actorId,
          action: 'site.update',
          entity: 'site',
          entityId: 'site',
          data: JSON.stringify(site),
          createdAt: this.#clock.now(),
        },
      ]);
      tx.emit({ type: 'settings' });
    });
    return this.status();
  }

  /** The seed's sample facility: its values, and the demo mark that shows the demo logins. */
  async markDemo(site: SiteSettings, actorId: number | null): Promise<void> {
    await this.#writer.run(async (tx) => {
      await updateSiteSettings(tx, site);
      await setDemo(tx);
      await appendAudit(tx, [
        {
          actorId,
          action: 'site.demo',
          entity: 'site',
          entityId: 'site',
          data: JSON.stringify(site),
          createdAt: this.#clock.now(),
        },
      ]);
      tx.emit({ type: 'settings' });
    });
  }
}

const alreadySetUp = () => conflict('This site is already set up; log in instead');
