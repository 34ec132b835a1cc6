import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AuditKey } from './audit-signing.ts';
import { type Database, openDatabase, prepareDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { hasUsers } from './db/users.repository.ts';
import type { WriteLock } from './db/writer.ts';
import { createHttpServer, type EdgeOptions, type HttpOptions, listen } from './http-server.ts';
import type { FeedOptions } from './services/change-feed.ts';
import { type Clock, systemClock } from './services/clock.ts';
import type { LiveHubOptions } from './services/live-hub.ts';
import { createServices, type ServiceOptions, type Services } from './services/services.ts';
import { closeServices, signAuditHead } from './shutdown.ts';
import { attachSpeech } from './speech/speech-server.ts';

export type AppOptions = EdgeOptions & {
  databaseUrl: string;
  databaseAuthToken?: string | undefined;
  synchronous?: 'FULL' | 'NORMAL';
  port?: number;
  host?: string;
  clock?: Clock;
  sessionDays?: number;
  clientDir?: string | undefined;
  devMiddleware?: HttpOptions['devMiddleware'];
  /** Called on an empty database before the server listens (the demo facility); without it an empty
   * database waits for the first-run setup. */
  seedIfEmpty?: ((services: Services) => Promise<unknown>) | undefined;
  /** How often the maintenance scheduler looks for due plans; 0 turns it off. */
  schedulerIntervalMs?: number;
  /** Worker threads for CPU-heavy work (default 1); 0 runs it on the main thread. */
  workerThreads?: number;
  /** This instance's name in leases (default: a random id per start). */
  instanceId?: string;
  /** A running job's lease and how often it is renewed (progress written, cancels read). */
  jobLeaseMs?: number;
  jobRenewMs?: number;
  log?: (message: string) => void;
  /** Serve HTTPS with this key and certificate (server/https.ts makes a self-signed one). */
  tls?: { key: string; cert: string } | undefined;
  /** Signs audit checkpoints (server/audit-signing.ts); without it none are made or checked. */
  auditKey?: AuditKey | null;
  /** How often the audit chain's head is signed; 0: only at shutdown. */
  auditCheckpointIntervalMs?: number;
  /** The change feed's polling and retention, and the live streams' tuning (tests, benchmarks). */
  feed?: FeedOptions;
  live?: LiveHubOptions;
  /** Turns at the write lock with the other instances on this machine (server/instances.ts). */
  writeLock?: WriteLock | undefined;
};

export type RunningApp = {
  url: string;
  port: number;
  services: Services;
  server: Server;
  close(): Promise<void>;
};

export const BUILT_CLIENT_DIR = join(import.meta.dirname, '..', 'dist', 'client');

export async function openServices(
  options: Pick<
    AppOptions,
    | 'databaseUrl'
    | 'databaseAuthToken'
    | 'synchronous'
    | 'clock'
    | 'sessionDays'
    | 'workerThreads'
    | 'instanceId'
    | 'jobLeaseMs'
    | 'jobRenewMs'
    | 'auditKey'
    | 'feed'
    | 'live'
    | 'writeLock'
  >,
): Promise<Services> {
  const db: Database = openDatabase({
    url: options.databaseUrl,
    authToken: options.databaseAuthToken,
    synchronous: options.synchronous ?? 'FULL',
  });
  await prepareDatabase(db);
  await migrate(db);
  const services = createServices({
    db,
    clock: options.clock ?? systemClock,
    sessionDays: options.sessionDays ?? 14,
    auditKey: options.auditKey ?? null,
    workerThreads: options.workerThreads,
    instanceId: options.instanceId,
    jobLeaseMs: options.jobLeaseMs,
    jobRenewMs: options.jobRenewMs,
    ...(options.feed ? { feed: options.feed } : {}),
    ...(options.live ? { live: options.live } : {}),
    ...(options.writeLock ? { writeLock: options.writeLock } : {}),
  } satisfies ServiceOptions);
  // Before any cache is built from the database, so none misses a change committed meanwhile.
  await services.feed.start();
  return services;
}

/**
 * Seeds an empty database (the demo facility). With several instances on this machine the
 * supervisor does it once, before any instance starts (see main.ts).
 */
export async function seedWhenEmpty(
  services: Services,
  seed: (services: Services) => Promise<unknown>,
  log: (message: string) => void,
): Promise<void> {
  if (await hasUsers(services.db.reader)) return;
  log('Empty database: creating the sample facility (this takes a few seconds)...');
  await seed(services);
  await services.voice.refresh();
}

/** Composition root: database -> services -> HTTP server. Used by main.ts, the tests and the benchmarks. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const log = options.log ?? ((m: string) => console.error(m));
  const services = await openServices(options);
  if (options.seedIfEmpty) await seedWhenEmpty(services, options.seedIfEmpty, log);
  await services.inventory.load();
  // Build the navmesh now rather than on the first technician's request; no layout yet is fine.
  void services.navigation.warm().catch(() => undefined);
  const server = createHttpServer({
    services,
    clientDir: options.clientDir,
    devMiddleware: options.devMiddleware,
    tls: options.tls,
    allowedOrigins: options.allowedOrigins,
    rateLimits: options.rateLimits,
    metricsToken: options.metricsToken,
    logger: options.logger,
  });
  const speech = attachSpeech(server, services, log, { allowedOrigins: options.allowedOrigins ?? [] });
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const interval = options.schedulerIntervalMs ?? 0;
  if (interval > 0) services.scheduler.start(interval, log);
  const checkpointEvery = options.auditCheckpointIntervalMs ?? 0;
  const checkpoints =
    checkpointEvery > 0 ? setInterval(() => void signAuditHead(services, log), checkpointEvery) : null;
  checkpoints?.unref();
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
    port: address.port,
    services,
    server,
    async close() {
      await services.scheduler.stop();
      if (checkpoints) clearInterval(checkpoints);
      speech.close();
      services.voice.close();
      services.live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeServices(services, log);
    },
  };
}
