import { describe, expect, it } from 'vitest';
import {
  PickQueue,
  type PickQueueStorage,
  type PickRequest,
  pendingCount,
  type QueuedPick,
  type SendOutcome,
} from './pick-queue.ts';

/**
 * A server with the ledger's idempotency rule (a key is applied once; a replay returns the first
 * result) and a network that can be down, or can lose the answer after the server applied the pick.
 */
function world() {
  const applied = new Map<string, number>();
  const net = { up: true, loseNextAnswer: false, refuseNext: false };
  const send = async (r: PickRequest): Promise<SendOutcome> => {
    if (!net.up) throw new TypeError('Failed to fetch');
    if (net.refuseNext) {
      net.refuseNext = false;
      return { ok: false, retry: false, message: 'Only 1 left in A-01-1' };
    }
    // The ledger applies a key once; a replay changes nothing.
    applied.set(r.idempotencyKey, 1);
    const count = (counts.get(r.idempotencyKey) ?? 0) + 1;
    counts.set(r.idempotencyKey, count);
    if (net.loseNextAnswer) {
      net.loseNextAnswer = false;
      throw new TypeError('network connection lost');
    }
    return { ok: true };
  };
  // Requests that reached the server per key (replays included) vs picks the ledger applied.
  const counts = new Map<string, number>();
  let saved = '[]';
  const storage: PickQueueStorage = {
    load: () => JSON.parse(saved) as QueuedPick[],
    save: (e) => {
      saved = JSON.stringify(e);
    },
  };
  let t = 0;
  const open = () => new PickQueue({ storage, send, now: () => ++t });
  return { applied, counts, net, storage, open };
}

const pick = (n: number): PickRequest => ({
  itemId: 1,
  locationId: 2,
  qty: 1,
  lot: '',
  idempotencyKey: `ar:pick-${n}`,
});
const label = { item: 'M8 bolt', bin: 'A-01-1', unit: 'ea' };

describe('offline pick queue', () => {
  it('sends at once when online, and the pick leaves the queue', async () => {
    const w = world();
    const q = w.open();
    await q.add(pick(1), label);
    expect(w.applied.get('ar:pick-1')).toBe(1);
    expect(pendingCount(q.list())).toBe(0);
    expect(q.list()[0]?.status).toBe('sent');
  });

  it('queues while offline and sends each pick once when the network returns, in order', async () => {
    const w = world();
    const q = w.open();
    w.net.up = false;
    await q.add(pick(1), label);
    await q.add(pick(2), label);
    await q.flush();
    expect(pendingCount(q.list())).toBe(2);
    expect(w.applied.size).toBe(0);
    w.net.up = true;
    await q.flush();
    await q.flush();
    expect([...w.counts.entries()]).toEqual([
      ['ar:pick-1', 1],
      ['ar:pick-2', 1],
    ]);
    expect(pendingCount(q.list())).toBe(0);
  });

  it('survives a reload while offline: the stored pick is sent by the next page, once', async () => {
    const w = world();
    w.net.up = false;
    await w.open().add(pick(1), label);
    // The tab is closed; a new one opens over the same storage when the network is back.
    w.net.up = true;
    const again = w.open();
    expect(pendingCount(again.list())).toBe(1);
    await again.flush();
    expect(w.counts.get('ar:pick-1')).toBe(1);
    expect(pendingCount(again.list())).toBe(0);
  });

  it('an answer lost after the server applied the pick is resent with the same key: one ledger pick', async () => {
    const w = world();
    const q = w.open();
    w.net.loseNextAnswer = true;
    await q.add(pick(1), label);
    expect(pendingCount(q.list())).toBe(1);
    await q.flush();
    // Two requests reached the server with one key; the ledger applied it once.
    expect(w.counts.get('ar:pick-1')).toBe(2);
    expect(w.applied.size).toBe(1);
    expect(q.list()[0]?.request.idempotencyKey).toBe('ar:pick-1');
    expect(pendingCount(q.list())).toBe(0);
  });

  it('concurrent flushes (online event + button) never send a pick twice', async () => {
    const w = world();
    const q = w.open();
    w.net.up = false;
    await q.add(pick(1), label);
    w.net.up = true;
    await Promise.all([q.flush(), q.flush(), q.flush()]);
    expect(w.counts.get('ar:pick-1')).toBe(1);
  });

  it('a refused pick is kept as rejected with the reason and not retried; later picks still go', async () => {
    const w = world();
    const q = w.open();
    w.net.refuseNext = true;
    await q.add(pick(1), label);
    await q.add(pick(2), label);
    await q.flush();
    const [first, second] = q.list();
    expect(first?.status).toBe('rejected');
    expect(first?.error).toBe('Only 1 left in A-01-1');
    expect(second?.status).toBe('sent');
    expect(w.counts.get('ar:pick-1')).toBeUndefined();
  });

  it('adding the same key twice is one pick', async () => {
    const w = world();
    const q = w.open();
    w.net.up = false;
    await q.add(pick(1), label);
    await q.add(pick(1), label);
    expect(q.list()).toHaveLength(1);
  });

  it('random outages, lost answers and reloads: every pick lands exactly once', async () => {
    const w = world();
    let q = w.open();
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 60; i++) {
      w.net.up = rand() > 0.4;
      w.net.loseNextAnswer = rand() < 0.2;
      await q.add(pick(i), label);
      if (rand() < 0.15) q = w.open();
    }
    w.net.up = true;
    w.net.loseNextAnswer = false;
    await q.flush();
    expect(w.applied.size).toBe(60);
    expect(pendingCount(q.list())).toBe(0);
    // Every request after the first for a key was a replay the server recognised.
    for (let i = 0; i < 60; i++) expect(w.applied.get(`ar:pick-${i}`)).toBe(1);
  });
});
