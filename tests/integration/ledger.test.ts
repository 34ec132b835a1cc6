import { TRPCClientError } from '@trpc/client';
import { describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { dbFingerprint, ledgerHolds } from '../support/db-state.ts';

describe.each(BACKENDS)('stock ledger over HTTP on $name', (backend) => {
  const fx = useFixture(backend);

  test.skipIf(!backend.available)('50 concurrent picks on one bin never drive stock negative', async () => {
    // 100 bolts in A-01-1; 50 pickers each want 3: exactly 33 can be served.
    const picks = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        fx().as.technician.stock.pick.mutate({
          itemId: fx().items.bolt,
          locationId: fx().bins.a,
          qty: 3,
          idempotencyKey: `concurrent-pick-${i}`,
        }),
      ),
    );
    const served = picks.filter((p) => p.status === 'fulfilled');
    const refused = picks.filter((p): p is PromiseRejectedResult => p.status === 'rejected');
    expect(served).toHaveLength(33);
    expect(refused).toHaveLength(17);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(TRPCClientError);
      expect((r.reason as { data?: { code?: string } }).data?.code).toBe('CONFLICT');
      expect((r.reason as Error).message).toMatch(
        /^Bin A-01-1 holds 1 ea of M8 x 30 hex bolt; cannot pick 3$/,
      );
    }
    const level = await fx().as.technician.stock.level.query({ itemId: fx().items.bolt });
    expect(level.onHand).toBe(1);
    expect(await ledgerHolds(fx().app.services.db)).toBe(true);
    expect((await fx().as.admin.stock.verifyLedger.query()).ok).toBe(true);
  });

  test.skipIf(!backend.available)(
    'a pick replayed with the same idempotency key is written once',
    async () => {
      const input = {
        itemId: fx().items.bearing,
        locationId: fx().bins.c,
        qty: 1,
        idempotencyKey: 'replayed-pick-0001',
      };
      const first = await fx().as.technician.stock.pick.mutate(input);
      const before = await dbFingerprint(fx().app.services.db);
      // Replays arrive both one after another and at the same moment (a flaky network retrying).
      const again = await fx().as.technician.stock.pick.mutate(input);
      const together = await Promise.all([1, 2, 3].map(() => fx().as.technician.stock.pick.mutate(input)));
      expect(again).toEqual({ ...first, replayed: true });
      for (const t of together) expect(t.movementIds).toEqual(first.movementIds);
      expect(await dbFingerprint(fx().app.services.db)).toBe(before);
      const level = await fx().as.technician.stock.level.query({ itemId: fx().items.bearing });
      expect(level.onHand).toBe(4);
    },
  );

  test.skipIf(!backend.available)(
    'a key reused for a different request is refused and writes nothing',
    async () => {
      const key = 'reused-key-00001';
      await fx().as.technician.stock.receive.mutate({
        itemId: fx().items.bolt,
        locationId: fx().bins.b,
        qty: 10,
        idempotencyKey: key,
      });
      const before = await dbFingerprint(fx().app.services.db);
      await expect(
        fx().as.technician.stock.receive.mutate({
          itemId: fx().items.bolt,
          locationId: fx().bins.b,
          qty: 11,
          idempotencyKey: key,
        }),
      ).rejects.toThrow(/already used for a different request/);
      expect(await dbFingerprint(fx().app.services.db)).toBe(before);
    },
  );

  test.skipIf(!backend.available)(
    'a transfer moves stock between bins as two ledger rows that balance',
    async () => {
      const r = await fx().as.technician.stock.transfer.mutate({
        itemId: fx().items.bolt,
        fromLocationId: fx().bins.b,
        toLocationId: fx().bins.c,
        qty: 4,
        idempotencyKey: 'transfer-0000001',
      });
      expect(r.movementIds).toHaveLength(2);
      const after = new Map(r.stock.map((s) => [s.code, s.onHand]));
      expect(after.get('A-01-2')).toBe(6);
      expect(after.get('B-01-1')).toBe(4);
      const history = await fx().as.technician.items.movements.query({ itemId: fx().items.bolt, limit: 2 });
      expect(history.map((m) => [m.code, m.qty]).sort()).toEqual([
        ['A-01-2', -4],
        ['B-01-1', 4],
      ]);
      expect(await ledgerHolds(fx().app.services.db)).toBe(true);
    },
  );

  test.skipIf(!backend.available)('a count sets on-hand to what was counted and records when', async () => {
    await fx().as.technician.stock.count.mutate({
      itemId: fx().items.bolt,
      locationId: fx().bins.c,
      countedQty: 3,
      idempotencyKey: 'count-00000001',
    });
    const level = await fx().as.technician.stock.level.query({ itemId: fx().items.bolt });
    const c = level.locations.find((l) => l.code === 'B-01-1');
    expect(c?.onHand).toBe(3);
    expect(c?.lastCountedAt).toBeGreaterThan(0);
    const [latest] = await fx().as.technician.items.movements.query({ itemId: fx().items.bolt, limit: 1 });
    expect(latest).toMatchObject({ kind: 'count', qty: -1, countedQty: 3, actor: 'Tess Tech' });
  });

  test.skipIf(!backend.available)('lot-tracked stock is kept per lot', async () => {
    await fx().as.technician.stock.receive.mutate({
      itemId: fx().items.grease,
      locationId: fx().bins.a,
      qty: 5,
      lot: 'L1',
      idempotencyKey: 'grease-l1-0001',
    });
    await fx().as.technician.stock.receive.mutate({
      itemId: fx().items.grease,
      locationId: fx().bins.a,
      qty: 2,
      lot: 'L2',
      idempotencyKey: 'grease-l2-0001',
    });
    await expect(
      fx().as.technician.stock.pick.mutate({
        itemId: fx().items.grease,
        locationId: fx().bins.a,
        qty: 3,
        lot: 'L2',
        idempotencyKey: 'grease-pick-01',
      }),
    ).rejects.toThrow('Bin A-01-1 holds 2 ea of EP2 lithium grease 400 g; cannot pick 3');
    await expect(
      fx().as.technician.stock.pick.mutate({
        itemId: fx().items.grease,
        locationId: fx().bins.a,
        qty: 1,
        idempotencyKey: 'grease-pick-02',
      }),
    ).rejects.toThrow(/tracked by lot; give one/);
    const level = await fx().as.technician.stock.level.query({ itemId: fx().items.grease });
    expect(level.locations.map((l) => [l.lot, l.onHand])).toEqual([
      ['L1', 5],
      ['L2', 2],
    ]);
  });

  test.skipIf(!backend.available)(
    "an idempotency key is its sender's own: another user's same key is a fresh request and learns nothing",
    async () => {
      const item = await fx().factories.newItem({ name: 'Cable tie 200 mm' });
      await fx().factories.receive(item.id, fx().bins.a, 10);
      const pick = { itemId: item.id, locationId: fx().bins.a, qty: 2, idempotencyKey: 'shared-key-0001' };
      const mine = await fx().as.technician.stock.pick.mutate(pick);
      // The same key and request from a planner: a pick of their own, not the technician's answer.
      const theirs = await fx().as.planner.stock.pick.mutate(pick);
      expect(theirs.replayed).toBe(false);
      expect(theirs.movementIds).not.toEqual(mine.movementIds);
      expect(theirs.stock[0]?.onHand).toBe(6);
      // A different request under that key is not a 409 either: nothing tells them the key was used.
      const other = await fx().as.admin.stock.pick.mutate({ ...pick, qty: 1 });
      expect(other).toMatchObject({ replayed: false, stock: [{ onHand: 5 }] });
      // Each sender's replay still gets their own first answer.
      expect(await fx().as.technician.stock.pick.mutate(pick)).toEqual({ ...mine, replayed: true });
      expect(await fx().as.planner.stock.pick.mutate(pick)).toEqual({ ...theirs, replayed: true });
      const level = await fx().as.technician.stock.level.query({ itemId: item.id });
      expect(level.onHand).toBe(5);
      expect(await ledgerHolds(fx().app.services.db)).toBe(true);
    },
  );
});
