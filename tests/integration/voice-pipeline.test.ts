import { describe, expect, test } from 'vitest';
import { VoicePipeline } from '../../client/src/voice/pipeline.ts';
import { voiceProbe } from '../../client/src/voice/store.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';

/**
 * The browser's voice pipeline (parse, dialogue, look-ups and confirmed writes through tRPC) run in
 * Node against the real server, as a technician: the writes the e2e test does not cover.
 */
describe.each(BACKENDS)('voice pipeline on $name', (backend) => {
  const fx = useFixture(backend);

  function technician() {
    const opened: string[] = [];
    const pipeline = new VoicePipeline({
      api: fx().as.technician,
      userId: fx().users.technician,
      role: 'technician',
      navigate: (path) => opened.push(path),
      changed: () => {},
    });
    const say = async (text: string) => {
      await pipeline.handle(text);
      return voiceProbe.shown.at(-1);
    };
    return { say, opened };
  }

  const onHand = async (itemId: number, code: string) =>
    (await fx().as.admin.stock.level.query({ itemId })).locations
      .filter((s) => s.code === code)
      .reduce((a, s) => a + s.onHand, 0);

  test.skipIf(!backend.available)('puts away from the dock into a bin after "yes", once', async () => {
    const { items, bins } = fx();
    await fx().as.admin.stock.receive.mutate({
      itemId: items.bolt,
      locationId: bins.dock,
      qty: 20,
      idempotencyKey: 'voice-it-dock-20',
    });
    const { say } = technician();
    expect(await say('put away 10 m8 bolts in a 01 2')).toBe(
      'Put away 10 M8 x 30 hex bolts from DOCK-1 into A-01-2?',
    );
    expect(await onHand(items.bolt, 'A-01-2')).toBe(0);
    expect(await say('yes')).toBe('Put 10 M8 x 30 hex bolts into A-01-2.');
    expect(await say('yes')).toBe("There's nothing to confirm.");
    expect(await onHand(items.bolt, 'A-01-2')).toBe(10);
    expect(await onHand(items.bolt, 'DOCK-1')).toBe(10);
  });

  test.skipIf(!backend.available)(
    'books a return into the bin the item lives in, with a reason',
    async () => {
      const { items } = fx();
      const before = await onHand(items.bearing, 'B-01-1');
      const { say } = technician();
      expect(await say('I returned one 6204 bearing')).toBe(
        'Return 1 6204-2RS deep groove ball bearing to B-01-1?',
      );
      expect(await say('yes go ahead')).toBe('Put 1 6204-2RS deep groove ball bearing into B-01-1.');
      expect(await onHand(items.bearing, 'B-01-1')).toBe(before + 1);
      const [newest] = await fx().as.admin.items.movements.query({ itemId: items.bearing });
      expect(newest?.kind).toBe('receive');
      expect(newest?.reason).toBe('Returned (voice)');
    },
  );

  test.skipIf(!backend.available)(
    'records a count of the only item in a bin, and cancel drops one',
    async () => {
      const { items } = fx();
      const { say } = technician();
      expect(await say('bin b 01 1 has 4')).toBe(
        'Record a count of 4 6204-2RS deep groove ball bearings in B-01-1?',
      );
      expect(await say('cancel')).toBe('Cancelled. Nothing was changed.');
      expect(await say('count four 6204 bearings in b 01 1')).toBe(
        'Record a count of 4 6204-2RS deep groove ball bearings in B-01-1?',
      );
      expect(await say('yes')).toBe('Counted 4 6204-2RS deep groove ball bearings in B-01-1.');
      expect(await onHand(items.bearing, 'B-01-1')).toBe(4);
    },
  );

  test.skipIf(!backend.available)('answers my work orders and finishes one in progress', async () => {
    const { id } = await fx().as.planner.workOrders.create.mutate({ title: 'Replace the dock light' });
    await fx().as.planner.workOrders.assign.mutate({ id, assigneeId: fx().users.technician });
    await fx().as.technician.workOrders.transition.mutate({ id, to: 'in_progress' });
    const { say } = technician();
    expect(await say('show my open work orders')).toBe(
      `You have 1 open work order: ${id}, Replace the dock light (in progress, medium).`,
    );
    expect(await say(`mark work order ${id} as done`)).toBe(
      `Mark work order ${id}, Replace the dock light, as done?`,
    );
    expect(await say('yes')).toBe(`Work order ${id} is done.`);
    expect((await fx().as.admin.workOrders.get.query({ id })).status).toBe('done');
    expect(await say('show my open work orders')).toBe('You have no open work orders.');
  });

  test.skipIf(!backend.available)('"take me to" opens route guidance without asking', async () => {
    const { say, opened } = technician();
    expect(await say('take me to the m8 bolts')).toBe('Opening the route to M8 x 30 hex bolt.');
    expect(opened).toEqual([`/guide?item=${fx().items.bolt}`]);
  });
});
