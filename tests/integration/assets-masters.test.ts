import { describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { dbFingerprint } from '../support/db-state.ts';
import { rawCall } from '../support/raw-call.ts';
import { cookieOf } from '../support/test-app.ts';

const PUMP = { tag: 'P-301', name: 'Condenser water pump 1', type: 'Centrifugal pump', category: 'Pumps' };

describe.each(BACKENDS)('asset and plan masters over HTTP on $name', (backend) => {
  const fx = useFixture(backend);

  test.skipIf(!backend.available)(
    'planners register assets and plans; a technician is refused and nothing is written',
    async () => {
      const before = await dbFingerprint(fx().app.services.db);
      await expect(fx().as.technician.assets.create.mutate(PUMP)).rejects.toThrow(
        'Your role (technician) cannot do this; it needs planner or admin',
      );
      expect(await dbFingerprint(fx().app.services.db)).toBe(before);

      const { id } = await fx().as.planner.assets.create.mutate({
        ...PUMP,
        criticality: 'high',
        make: 'Grundfos',
      });
      const { id: planId } = await fx().as.planner.plans.create.mutate({
        assetId: id,
        plan: {
          title: 'Check mechanical seal',
          intervalDays: 30,
          checklist: ['Isolate', 'Inspect seal for weeping'],
          kit: [{ itemId: fx().items.bolt, qty: 2 }],
        },
      });
      await expect(fx().as.technician.plans.archive.mutate({ id: planId })).rejects.toThrow(/cannot do this/);
      const asset = await fx().as.technician.assets.get.query({ id });
      expect(asset).toMatchObject({ tag: 'P-301', criticality: 'high', make: 'Grundfos', archivedAt: null });
      expect(asset.plans).toEqual([
        expect.objectContaining({
          title: 'Check mechanical seal',
          checklist: ['Isolate', 'Inspect seal for weeping'],
          kit: [expect.objectContaining({ itemId: fx().items.bolt, qty: 2, name: 'M8 x 30 hex bolt' })],
        }),
      ]);
    },
  );

  test.skipIf(!backend.available)(
    'bad input gets a 400 that names the field, and changes nothing',
    async () => {
      const cookie = cookieOf(fx().as.planner);
      const cases: [string, unknown, string][] = [
        [
          'assets.create',
          { ...PUMP, tag: 'P 302' },
          'tag: use letters, digits, dot, dash, slash or underscore',
        ],
        ['assets.create', { ...PUMP, tag: 'P-302', name: 'x'.repeat(201) }, 'name'],
        ['assets.create', { ...PUMP, tag: 'P-302', meterValue: -5 }, 'meterValue: cannot be negative'],
        [
          'plans.create',
          { assetId: 1, plan: { title: 'Monthly check' } },
          'plan.intervalDays: give a calendar interval, a meter interval or both',
        ],
        [
          'plans.create',
          {
            assetId: 1,
            plan: { title: 'Monthly check', intervalDays: 30, checklist: new Array(51).fill('Task') },
          },
          'plan.checklist: at most 50 tasks',
        ],
      ];
      for (const [path, input, message] of cases) {
        const before = await dbFingerprint(fx().app.services.db);
        const r = await rawCall(fx().app.url, 'mutation', path, input, cookie);
        expect({ path, status: r.status }).toEqual({ path, status: 400 });
        expect(r.body.error?.message).toContain(message);
        expect(await dbFingerprint(fx().app.services.db)).toBe(before);
      }
    },
  );

  test.skipIf(!backend.available)(
    'the voice vocabulary hears a new or renamed asset within seconds, and loses an archived one',
    async () => {
      const heard = async () => (await fx().as.technician.voice.vocabulary.query()).assets;
      const { id } = await fx().as.planner.assets.create.mutate({
        ...PUMP,
        tag: 'GEN-7',
        name: 'Yard generator',
      });
      await expect
        .poll(async () => (await heard()).map((a) => a.name), { timeout: 5_000 })
        .toContain('Yard generator');

      const asset = await fx().as.planner.assets.get.query({ id });
      await fx().as.planner.assets.update.mutate({
        id,
        asset: { ...PUMP, tag: asset.tag, name: 'Standby generator 7', aliases: ['big genny'] },
      });
      await expect
        .poll(async () => (await heard()).find((a) => a.tag === 'GEN-7'), { timeout: 5_000 })
        .toMatchObject({ name: 'Standby generator 7', aliases: ['big genny'] });

      await fx().as.planner.assets.archive.mutate({ id });
      await expect
        .poll(async () => (await heard()).map((a) => a.tag), { timeout: 5_000 })
        .not.toContain('GEN-7');
      expect((await fx().as.technician.assets.list.query({})).map((a) => a.tag)).not.toContain('GEN-7');
      expect(
        (await fx().as.technician.assets.list.query({ includeArchived: true })).map((a) => a.tag),
      ).toContain('GEN-7');
    },
  );

  test.skipIf(!backend.available)(
    "a technician is refused on someone else's work order with the reason",
    async () => {
      const sipho = await fx().factories.newUser('technician', { displayName: 'Sipho Dlamini' });
      const { id } = await fx().factories.newWorkOrder({ assigneeId: sipho.id });
      const before = await dbFingerprint(fx().app.services.db);
      const r = await rawCall(
        fx().app.url,
        'mutation',
        'workOrders.transition',
        { id, to: 'in_progress' },
        cookieOf(fx().as.technician),
      );
      expect(r.status).toBe(403);
      expect(r.body.error?.message).toBe(
        'This work order is assigned to Sipho Dlamini; only they or a planner can change it',
      );
      expect(await dbFingerprint(fx().app.services.db)).toBe(before);
      await fx().as.planner.workOrders.transition.mutate({ id, to: 'in_progress' });
    },
  );
});
