import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, test } from 'vitest';
import type { LiveEvent } from '../../common/live-events.ts';
import { EventBus } from './event-bus.ts';
import { LiveHub, type LiveSink, type LiveStream } from './live-hub.ts';

/** A client connection as the hub sees one; `behind` is how much the network has not taken yet. */
class Sink implements LiveSink {
  chunks: Buffer[] = [];
  ended = false;
  destroyed = false;
  behind = 0;
  get writableLength() {
    return this.behind;
  }
  write(chunk: Buffer) {
    this.chunks.push(chunk);
    return true;
  }
  end(chunk?: Buffer) {
    if (chunk) this.chunks.push(chunk);
    this.ended = true;
  }
  destroy() {
    this.destroyed = true;
  }
  /** The `data:` payloads received, parsed. */
  messages(): unknown[] {
    return Buffer.concat(this.chunks)
      .toString()
      .split('\n\n')
      .flatMap((block) => block.split('\n').filter((l) => l.startsWith('data: ')))
      .map((l) => JSON.parse(l.slice(6)));
  }
}

const WINDOW_MS = 20;
let bus: EventBus;
let hub: LiveHub;
const feed = { position: 0, since: async () => [] as never[] };

function open(overrides: Partial<LiveStream> = {}): Sink {
  const sink = new Sink();
  hub.open({ sink, userId: 1, role: 'technician', sessionHash: 's1', topics: [], after: null, ...overrides });
  return sink;
}

function publish(event: LiveEvent): void {
  feed.position += 1;
  bus.publish({ id: feed.position, event, json: JSON.stringify(event) });
}

const stock = (itemId: number, onHand: number): LiveEvent => ({
  type: 'stock',
  itemId,
  locations: [{ locationId: 1, code: 'A-01-1', lot: '', onHand, reserved: 0 }],
});

function start(options: { heartbeatMs?: number; maxBufferedBytes?: number } = {}) {
  bus = new EventBus();
  feed.position = 0;
  hub = new LiveHub({ bus, history: feed, options: { windowMs: WINDOW_MS, ...options } });
}

afterEach(() => hub.close());

test('a burst is framed and coalesced once, and streams with the same role and topics get the same bytes', async () => {
  start();
  const first = open();
  const second = open({ userId: 2, sessionHash: 's2' });
  const workOrdersOnly = open({ userId: 3, sessionHash: 's3', topics: ['work_orders'] });
  for (let onHand = 100; onHand > 90; onHand--) publish(stock(7, onHand));
  publish({ type: 'work_order', workOrderId: 4, status: 'done' });
  await sleep(WINDOW_MS * 3);

  // The opening (where the stream starts), then one delivery for the whole burst.
  expect(first.chunks).toHaveLength(2);
  expect(second.chunks[1]).toBe(first.chunks[1]);
  expect(first.messages()).toEqual([0, stock(7, 91), { type: 'work_order', workOrderId: 4, status: 'done' }]);
  expect(workOrdersOnly.messages()).toEqual([0, { type: 'work_order', workOrderId: 4, status: 'done' }]);
  expect(Buffer.concat(first.chunks).toString()).toContain(
    `id: 10\ndata: ${JSON.stringify(stock(7, 91))}\n\n`,
  );
  expect(hub.stats()).toMatchObject({ subscribers: 3, flushes: 1 });
});

test('a stream that falls too far behind is dropped, and the others carry on', async () => {
  start({ maxBufferedBytes: 1_000 });
  const slow = open();
  const fine = open({ userId: 2, sessionHash: 's2' });
  slow.behind = 5_000;
  publish(stock(7, 1));
  await sleep(WINDOW_MS * 3);
  expect(slow.destroyed).toBe(true);
  publish(stock(8, 1));
  await sleep(WINDOW_MS * 3);
  expect(fine.messages()).toEqual([0, stock(7, 1), stock(8, 1)]);
  expect(slow.messages()).toEqual([0, stock(7, 1)]);
  expect(hub.stats()).toMatchObject({ subscribers: 1, dropped: 1 });
});

test('a logout ends that session’s streams, signing out everywhere all but the session kept, an account change ends them quietly', async () => {
  start();
  const tab = open({ userId: 5, sessionHash: 'tab' });
  const sameSession = open({ userId: 5, sessionHash: 'tab' });
  const phone = open({ userId: 5, sessionHash: 'phone' });
  const someoneElse = open({ userId: 6, sessionHash: 'other' });
  publish(stock(7, 1));
  publish({ type: 'logout', userId: 5, sessionHash: 'tab' });
  // At once, not after the window; what came before still arrives first.
  for (const sink of [tab, sameSession]) {
    expect(sink.ended).toBe(true);
    expect(sink.messages()).toEqual([0, stock(7, 1), { type: 'signed_out', reason: 'logged_out' }]);
  }
  expect(phone.ended).toBe(false);

  const laptop = open({ userId: 5, sessionHash: 'laptop' });
  publish({ type: 'account', userId: 5, signOut: { reason: 'password_changed', keepSessionHash: 'laptop' } });
  expect(phone.messages().at(-1)).toEqual({ type: 'signed_out', reason: 'password_changed' });
  expect(laptop.ended).toBe(false);

  publish({ type: 'account', userId: 5, signOut: null });
  expect(laptop.ended).toBe(true);
  expect(laptop.messages().some((m) => (m as { type?: string }).type === 'signed_out')).toBe(false);
  expect(someoneElse.ended).toBe(false);
  expect(hub.stats().subscribers).toBe(1);
});

test('quiet streams get heartbeats', async () => {
  start({ heartbeatMs: 15 });
  const sink = open();
  await sleep(50);
  expect(sink.chunks.filter((c) => c.toString() === ':\n\n').length).toBeGreaterThanOrEqual(2);
});
