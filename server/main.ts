import { BUILT_CLIENT_DIR, startApp } from './app.ts';
import { loadOrCreateAuditKey } from './audit-signing.ts';
import { ConfigError, loadConfig } from './config.ts';
import { httpsUrls, loadOrCreateCertificate } from './https.ts';
import { createLogger } from './observability/logger.ts';

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
  const tls = https ? await loadOrCreateCertificate(config.HTTPS_DIR) : undefined;
  if (tls?.created) console.log(`Created a self-signed HTTPS certificate in ${config.HTTPS_DIR}/`);
  const auditKey = loadOrCreateAuditKey({ file: config.AUDIT_KEY_FILE, pem: config.AUDIT_SIGNING_KEY });
  if (auditKey.created)
    console.log(
      `Created the audit signing key ${auditKey.keyId} in ${config.AUDIT_KEY_FILE}: keep a copy away from the database (docs/operations.md)`,
    );
  if (auditKey.warning) console.log(`Warning: ${auditKey.warning}`);
  const app = await startApp({
    databaseUrl: config.DATABASE_URL,
    databaseAuthToken: config.DATABASE_AUTH_TOKEN,
    synchronous: config.DB_SYNCHRONOUS,
    port: config.PORT,
    host: config.HOST,
    sessionDays: config.SESSION_DAYS,
    clientDir: BUILT_CLIENT_DIR,
    devMiddleware,
    seedIfEmpty: config.DEMO ? (services) => seedSampleFacility(services, { seed: config.SEED }) : undefined,
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
  });
  if (tls) {
    console.log(
      `Twinventory is running over HTTPS (database ${config.DATABASE_URL}). Open on a phone or headset:`,
    );
    for (const url of httpsUrls(app.port, config.HOST)) console.log(`  ${url}`);
    console.log(`The certificate is self-signed: accept it once on each device (SHA-1 ${tls.fingerprint}).`);
  } else {
    console.log(`Twinventory is running at http://localhost:${app.port} (database ${config.DATABASE_URL})`);
  }
  if (await app.services.site.setupRequired()) {
    console.log(
      'No users yet: the first person to open it sets the site up and becomes its administrator. Do that before anyone else can reach the server.',
    );
  }
  const stop = () => {
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
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Twinventory could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
