import { describe, expect, test } from 'vitest';
import { num } from '../../server/db/sql.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';

describe.each(BACKENDS)('asset search on $name', (backend) => {
  const fx = useFixture(backend);

  const insertAsset = (tag: string, name: string, aliases: string[], category: string) =>
    fx().app.services.writer.run(async (tx) => {
      const rs = await tx.execute({
        sql: `INSERT INTO assets (tag, name, aliases, category, x, y, z, created_at)
              VALUES (?, ?, ?, ?, 0, 0, 0, 0) RETURNING id`,
        args: [tag, name, JSON.stringify(aliases), category],
      });
      return num(rs.rows[0]?.id);
    });

  test.skipIf(!backend.available)('forgives typos like item search, and follows asset changes', async () => {
    const generator = await insertAsset('GEN-01', 'Standby generator 1, plant yard', ['genny 1'], 'Power');
    await insertAsset('PMP-01', 'Chilled water pump 1, plant room', ['pump 1'], 'Pumps');
    await insertAsset('PMP-02', 'Condenser water pump 2, plant room', ['pump 2'], 'Pumps');
    const list = (q: string) =>
      fx()
        .as.technician.assets.list.query({ q })
        .then((r) => r.map((a) => a.tag));

    expect(await list('generatr')).toEqual(['GEN-01']);
    expect(await list('pmup 2')).toEqual(['PMP-02']);
    // An exact tag or alias is first even where other names share its words.
    expect((await list('pump 1'))[0]).toBe('PMP-01');
    expect(await list('')).toEqual(['GEN-01', 'PMP-01', 'PMP-02']);
    const [listed] = await fx().as.technician.assets.list.query({ q: 'generator' });
    expect(listed).toMatchObject({
      id: generator,
      name: 'Standby generator 1, plant yard',
      openWorkOrders: 0,
    });

    // A committed change to an asset reaches the index through its live event.
    await fx().app.services.writer.run(async (tx) => {
      await tx.execute({
        sql: "UPDATE assets SET name = 'Emergency power set 1', aliases = '[]' WHERE id = ?",
        args: [generator],
      });
      tx.emit({ type: 'asset', assetId: generator });
    });
    expect(await list('emergncy power')).toEqual(['GEN-01']);
    expect(await list('genny')).toEqual([]);
  });
});
