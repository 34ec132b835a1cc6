import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import type { Executor } from './database.ts';
import { num, str } from './sql.ts';

const aliases = (v: unknown): string[] => {
  const parsed: unknown = JSON.parse(str(v));
  return Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === 'string') : [];
};

/** What people can name by voice: items, active bins (with their aisle), aisles and assets on the register. */
export async function readVocabulary(ex: Executor): Promise<Vocabulary> {
  const [items, bins, assets] = await Promise.all([
    ex.execute('SELECT id, name, aliases, sku FROM items ORDER BY id'),
    ex.execute(
      "SELECT code, aisle FROM locations WHERE active = 1 AND kind = 'bin' AND aisle IS NOT NULL ORDER BY code",
    ),
    // Archived assets are off the register: nobody should be able to send work or people to them.
    ex.execute('SELECT id, name, aliases, tag FROM assets WHERE archived_at IS NULL ORDER BY id'),
  ]);
  const locations = bins.rows.map((r) => ({ code: str(r.code), aisle: str(r.aisle) }));
  return {
    items: items.rows.map((r) => ({
      id: String(num(r.id)),
      name: str(r.name),
      aliases: aliases(r.aliases),
      sku: str(r.sku),
    })),
    locations,
    aisles: [...new Set(locations.map((l) => l.aisle))].sort(),
    assets: assets.rows.map((r) => ({
      id: String(num(r.id)),
      name: str(r.name),
      aliases: aliases(r.aliases),
      tag: str(r.tag),
    })),
  };
}
