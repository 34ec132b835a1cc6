/**
 * The tab's pick queue (one per tab, kept in localStorage), sending through the tRPC client. A send
 * that gets no answer from the server (offline, timeout) or a server error is retried; a refusal
 * (not enough stock, bad input) is kept as rejected with the server's reason and never retried.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorCode, errorMessage } from '../lib/errors.ts';
import { useTRPCClient } from '../trpc.ts';
import { localStorageAdapter, PickQueue, type QueuedPick, type SendOutcome } from './pick-queue.ts';

const STORAGE_KEY = 'twinventory.pickQueue.v1';
const RETRY_EVERY_MS = 10_000;
const RETRYABLE = new Set(['INTERNAL_SERVER_ERROR', 'TOO_MANY_REQUESTS', 'TIMEOUT', 'UNAUTHORIZED']);

let queue: PickQueue | null = null;

function getQueue(client: ReturnType<typeof useTRPCClient>): PickQueue {
  queue ??= new PickQueue({
    storage: localStorageAdapter(STORAGE_KEY, window.localStorage),
    now: () => Date.now(),
    async send(request): Promise<SendOutcome> {
      try {
        await client.stock.pick.mutate(request);
        return { ok: true };
      } catch (error) {
        const code = errorCode(error);
        // No code: the server never answered. UNAUTHORIZED: the pick waits for the user to log in.
        const retry = code === undefined || RETRYABLE.has(code);
        return { ok: false, retry, message: errorMessage(error) };
      }
    },
  });
  return queue;
}

export function usePickQueue() {
  const client = useTRPCClient();
  const q = getQueue(client);
  const invalidate = useInvalidate();
  const entries = useSyncExternalStore(
    (onChange) => q.subscribe(onChange),
    () => q.list(),
  );

  useEffect(() => {
    const flush = () => void q.flush();
    window.addEventListener('online', flush);
    // `online` is not fired everywhere (and the server can be down while the network is up).
    const timer = window.setInterval(() => {
      if (q.list().some((e) => e.status === 'queued')) flush();
    }, RETRY_EVERY_MS);
    flush();
    const seen = new Set(
      q
        .list()
        .filter((e) => e.status === 'sent')
        .map((e) => e.request.idempotencyKey),
    );
    const unsubscribe = q.subscribe((list) => {
      for (const e of list) {
        if (e.status !== 'sent' || seen.has(e.request.idempotencyKey)) continue;
        seen.add(e.request.idempotencyKey);
        void invalidate.stock(e.request.itemId);
      }
    });
    return () => {
      window.removeEventListener('online', flush);
      window.clearInterval(timer);
      unsubscribe();
    };
  }, [q, invalidate]);

  return {
    entries: entries as readonly QueuedPick[],
    add: (...args: Parameters<PickQueue['add']>) => q.add(...args),
    flush: () => q.flush(),
    statusOf: (key: string) => q.list().find((e) => e.request.idempotencyKey === key)?.status,
  };
}
