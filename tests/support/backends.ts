import { existsSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../server/services/clock.ts';
import { sqldBinary, startSqld } from './sqld.ts';
import { type Fixture, startFixture } from './test-app.ts';
import { tempDatabaseUrl } from './tmp-db.ts';

/**
 * The integration suite runs once on an embedded file database and once on a real libSQL server
 * (sqld on loopback). The server leg is skipped, with its reason in the test name, where the
 * linux-x64 sqld binary is not installed.
 */
export type Backend = {
  name: string;
  available: boolean;
  open(): Promise<{ url: string; close(): Promise<void> }>;
};

const sqldPath = sqldBinary();

export const BACKENDS: Backend[] = [
  {
    name: 'file database',
    available: true,
    async open() {
      const db = await tempDatabaseUrl();
      return { url: db.url, close: db.cleanup };
    },
  },
  {
    name:
      sqldPath && existsSync(sqldPath)
        ? 'libSQL server (sqld)'
        : 'libSQL server (SKIPPED: sqld binary not installed)',
    available: sqldPath !== null && existsSync(sqldPath),
    async open() {
      const server = await startSqld();
      if (server === null) throw new Error('sqld is not installed');
      return { url: server.url, close: server.stop };
    },
  },
];

/**
 * Starts the real server over `backend` for the calling `describe` and stops it afterwards; the
 * returned function gives the running fixture inside tests and later hooks.
 */
export function useFixture(backend: Backend, clock?: Clock): () => Fixture {
  let fx: Fixture | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!backend.available) return;
    const db = await backend.open();
    close = db.close;
    fx = await startFixture(db.url, clock);
  });
  afterAll(async () => {
    await fx?.app.close();
    await close?.();
  });
  return () => {
    if (fx === undefined) throw new Error(`the server on ${backend.name} did not start`);
    return fx;
  };
}
