import cluster from 'node:cluster';
import { BUILT_CLIENT_DIR, openServices, seedWhenEmpty, startApp } from './app.ts';
import { loadOrCreateAuditKey } from './audit-signing.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { checkpointWal, openDatabase } from './db/database.ts';
import { httpsUrls, loadOrCreateCertificate } from './https.ts';
import { instanceIndex, supervisedWriteLock, superviseInstances } from './instances.ts';
import { createLogger } from './observability/logger.ts';
import { closeServices } from './shutdown.ts';

/**
 * `npm start`: configuration -> database (the demo facility when empty, unless DEMO=0) -> HTTP
 * server serving API and client.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Requests, failures and the server's own notices as JSON lines on stdout; the banner below stays
  // plain text for the person who started it.
  const logger = createLogger({ level: config.LOG_LEVEL });
  const dev = process.argv.includes('--dev');
  const { seedSampleFacility } = await import('../scripts/seed/seed-database.ts');
  const devMiddleware = dev
    ? await import('vite').then(async ({ createServer }) => {
        const vite = await createServer({ server: { middlewareMode: true }, appType: 'spa' });
        return vite.middlewares;
      })
    : undefined;
  const https = config.HTTPS || process.argv.includes('--https');
  const instances = dev ? 1 : config.INSTANCES;
  const instance = instanceIndex();
  const seed = config.DEMO
    ? (services: Parameters<typeof seedSampleFacility>[0]) =>
        seedSampleFacility(services, { seed: config.SEED })
    : undefined;
  if (instances > 1 && cluster.isPrimary) {
    // What every instance needs is made once, here, so no two race to create the same file.
    if (https) await certificate(config);
    auditSigningKey(config);
    await prepareSite(config, seed, (m) => logger.info(m));
    console.log(`Starting ${instances} instances of Twinventory on port ${config.PORT}...`);
    const code = await superviseInstances({
      count: instances,
      log: (m) => logger.info(m),
      afterStop: () => mergeWal(config),
    });
    logger.flush();
    process.exit(code);
  }
  const tls = https ? await certificate(config) : undefined;
  const auditKey = auditSigningKey(config);
  const app = await startApp({
    databaseUrl: config.DATABASE_URL,
    databaseAuthToken: config.DATABASE_AUTH_TOKEN,
    synchronous: config.DB_SYNCHRONOUS,
    port: config.PORT,
    host: config.HOST,
    sessionDays: config.SESSION_DAYS,
    clientDir: BUILT_CLIENT_DIR,
    devMiddleware,
    // A supervised instance finds the database ready (prepareSite).
    seedIfEmpty: instance === null ? seed : undefined,
    schedulerIntervalMs: config.SCHEDULER_INTERVAL_SECONDS * 1000,
    workerThreads: config.WORKER_THREADS,
    jobLeaseMs: config.JOB_LEASE_SECONDS * 1000,
    log: (m) => logger.info(m),
    logger,
    tls,
    auditKey,
    auditCheckpointIntervalMs: config.AUDIT_CHECKPOINT_MINUTES * 60_000,
    allowedOrigins: config.ALLOWED_ORIGINS,
    rateLimits: config.RATE_LIMITS,
    metricsToken: config.METRICS_TOKEN,
    writeLock: supervisedWriteLock() ?? undefined,
  });
  // One banner per machine, not one per instance.
  if (instance !== null && instance > 1) return watchSignals(app, logger);
  if (tls) {
    console.log(
      `Twinventory is running over HTTPS (database ${config.DATABASE_URL}). Open on a phone or headset:`,
    );
    for (const url of httpsUrls(app.port, config.HOST)) console.log(`  ${url}`);
    console.log(`The certificate is self-signed: accept it once on each device (SHA-1 ${tls.fingerprint}).`);
  } else {
    console.log(`Twinventory is running at http://localhost:${app.port} (database ${config.DATABASE_URL})`);
  }
  if (instance !== null) console.log(`(${config.INSTANCES} instances share the port: INSTANCES)`);
  if (await app.services.site.setupRequired()) {
    console.log(
      'No users yet: the first person to open it sets the site up and becomes its administrator. Do that before anyone else can reach the server.',
    );
  }
  watchSignals(app, logger);
}

function watchSignals(app: { close(): Promise<void> }, logger: ReturnType<typeof createLogger>): void {
  let stopping = false;
  const stop = () => {
    // A supervised instance hears a terminal's Ctrl-C and its supervisor's SIGTERM: close once.
    if (stopping) return;
    stopping = true;
    console.log('Shutting down...');
    void app.close().then(
      () => {
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function certificate(config: Config) {
  const tls = await loadOrCreateCertificate(config.HTTPS_DIR);
  if (tls.created) console.log(`Created a self-signed HTTPS certificate in ${config.HTTPS_DIR}/`);
  return tls;
}

function auditSigningKey(config: Config) {
  const auditKey = loadOrCreateAuditKey({ file: config.AUDIT_KEY_FILE, pem: config.AUDIT_SIGNING_KEY });
  if (auditKey.created)
    console.log(
      `Created the audit signing key ${auditKey.keyId} in ${config.AUDIT_KEY_FILE}: keep a copy away from the database (docs/operations.md)`,
    );
  if (auditKey.warning) console.log(`Warning: ${auditKey.warning}`);
  return auditKey;
}

/** Before several instances start: migrations run and an empty demo database is seeded, once. */
async function prepareSite(
  config: Config,
  seed: Parameters<typeof seedWhenEmpty>[1] | undefined,
  log: (message: string) => void,
): Promise<void> {
  const services = await openServices({
    databaseUrl: config.DATABASE_URL,
    databaseAuthToken: config.DATABASE_AUTH_TOKEN,
    synchronous: config.DB_SYNCHRONOUS,
    workerThreads: 0,
  });
  try {
    if (seed) await seedWhenEmpty(services, seed, log);
  } finally {
    await closeServices(services, log);
  }
}

/** Once every instance has stopped: the WAL merged into the database file (see shutdown.ts). */
async function mergeWal(config: Config): Promise<void> {
  const db = openDatabase({
    url: config.DATABASE_URL,
    authToken: config.DATABASE_AUTH_TOKEN,
    synchronous: config.DB_SYNCHRONOUS,
  });
  try {
    await checkpointWal(db);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Twinventory could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
