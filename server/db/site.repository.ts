import type { SiteSettings, Units } from '../../common/site-settings.ts';
import type { Executor } from './database.ts';
import { num, numOrNull, str } from './sql.ts';

export type SiteRecord = SiteSettings & { demo: boolean; setupCompletedAt: number | null };

const SITE_COLUMNS = 'site_name, currency, locale, time_zone, units, demo, setup_completed_at';

/** The one settings row; migration 005 creates it, so it always exists. */
export async function readSite(ex: Executor): Promise<SiteRecord> {
  const rs = await ex.execute(`SELECT ${SITE_COLUMNS} FROM site_settings WHERE id = 1`);
  const r = rs.rows[0];
  if (r === undefined) throw new Error('site_settings has no row: migration 005 did not run');
  return {
    siteName: str(r.site_name),
    currency: str(r.currency),
    locale: str(r.locale),
    timeZone: str(r.time_zone),
    units: str(r.units) as Units,
    demo: num(r.demo) === 1,
    setupCompletedAt: numOrNull(r.setup_completed_at),
  };
}

export async function updateSiteSettings(ex: Executor, s: SiteSettings): Promise<void> {
  await ex.execute({
    sql: 'UPDATE site_settings SET site_name = ?, currency = ?, locale = ?, time_zone = ?, units = ? WHERE id = 1',
    args: [s.siteName, s.currency, s.locale, s.timeZone, s.units],
  });
}

export async function markSetupCompleted(ex: Executor, at: number): Promise<void> {
  await ex.execute({ sql: 'UPDATE site_settings SET setup_completed_at = ? WHERE id = 1', args: [at] });
}

export async function setDemo(ex: Executor): Promise<void> {
  await ex.execute('UPDATE site_settings SET demo = 1 WHERE id = 1');
}
