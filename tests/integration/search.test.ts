import { describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';

describe.each(BACKENDS)('asset search on $name', (backend) => {
  const fx = useFixture(backend);

  test.skipIf(!backend.available)(
    'forgives typos like item search, follows asset changes and leaves archived assets out unless asked',
    async () => {
      const f = fx().factories;
      const generator = await f.newAsset({
        tag: 'GEN-01',
        name: 'Standby generator 1, plant yard',
        aliases: ['genny 1'],
        type: 'Diesel generator',
        category: 'Power',
      });
      await f.newAsset({
        tag: 'PMP-01',
        name: 'Chilled water pump 1, plant room',
        aliases: ['pump 1'],
        category: 'Pumps',
      });
      await f.newAsset({
        tag: 'PMP-02',
        name: 'Condenser water pump 2, plant room',
        aliases: ['pump 2'],
        category: 'Pumps',
      });
      const list = (q: string, includeArchived = false) =>
        fx()
          .as.technician.assets.list.query({ q, includeArchived })
          .then((r) => r.map((a) => a.tag));

      expect(await list('generatr')).toEqual(['GEN-01']);
      expect(await list('pmup 2')).toEqual(['PMP-02']);
      // An exact tag or alias is first even where other names share its words.
      expect((await list('pump 1'))[0]).toBe('PMP-01');
      expect(await list('diesel')).toEqual(['GEN-01']);
      expect(await list('')).toEqual(['GEN-01', 'PMP-01', 'PMP-02']);
      const [listed] = await fx().as.technician.assets.list.query({ q: 'generator' });
      expect(listed).toMatchObject({
        id: generator.id,
        name: 'Standby generator 1, plant yard',
        openWorkOrders: 0,
      });

      // An edit reaches the index through the asset's live event.
      const { id, ...asset } = generator;
      await fx().as.planner.assets.update.mutate({
        id,
        asset: { ...asset, name: 'Emergency power set 1', aliases: [] },
      });
      expect(await list('emergncy power')).toEqual(['GEN-01']);
      expect(await list('genny')).toEqual([]);

      // Archived: out of search and the register unless asked for; restored: back again.
      await fx().as.planner.assets.archive.mutate({ id });
      expect(await list('emergncy power')).toEqual([]);
      expect(await list('')).toEqual(['PMP-01', 'PMP-02']);
      expect(await list('emergncy power', true)).toEqual(['GEN-01']);
      await fx().as.planner.assets.restore.mutate({ id });
      expect(await list('emergncy power')).toEqual(['GEN-01']);
    },
  );
});
