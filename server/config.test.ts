import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

test('defaults give a working local setup', () => {
  expect(loadConfig({})).toMatchObject({
    PORT: 3000,
    DATABASE_URL: 'file:data/twinventory.db',
    DB_SYNCHRONOUS: 'FULL',
  });
});

test('a bad value is refused with a message naming the variable and what it got', () => {
  expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'postgres://x' })).toThrow(ConfigError);
  try {
    loadConfig({ PORT: 'abc', DATABASE_URL: 'postgres://x' });
  } catch (error) {
    expect((error as Error).message).toBe(
      [
        'Invalid configuration:',
        '  PORT: must be a port number, 0 to 65535 (got "abc")',
        '  DATABASE_URL: must start with file:, libsql:, http(s): or ws(s): (got "postgres://x")',
      ].join('\n'),
    );
  }
});

test('DEMO is on unless turned off with 0 or false, and anything else stops the server naming it', () => {
  expect(loadConfig({}).DEMO).toBe(true);
  expect(loadConfig({ DEMO: '1' }).DEMO).toBe(true);
  expect(loadConfig({ DEMO: 'true' }).DEMO).toBe(true);
  expect(loadConfig({ DEMO: '0' }).DEMO).toBe(false);
  expect(loadConfig({ DEMO: 'false' }).DEMO).toBe(false);
  expect(() => loadConfig({ DEMO: 'no' })).toThrow('  DEMO: must be 1 or 0 (got "no")');
});

test('the audit signing key is named when it is malformed, but never repeated', () => {
  expect(loadConfig({}).AUDIT_KEY_FILE).toBe('data/audit-signing-key.pem');
  expect(loadConfig({}).AUDIT_CHECKPOINT_MINUTES).toBe(10);
  expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'secret-but-not-pem' })).toThrow(
    '  AUDIT_SIGNING_KEY: must be a PKCS#8 private key in PEM form (value hidden)',
  );
  expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'secret-but-not-pem' })).not.toThrow(/secret-but-not-pem/);
  expect(() => loadConfig({ AUDIT_CHECKPOINT_MINUTES: '-5' })).toThrow(
    '  AUDIT_CHECKPOINT_MINUTES: must be 0 or more (got "-5")',
  );
});

test('worker threads, the job lease and the scheduler interval have defaults and name a bad value', () => {
  expect(loadConfig({})).toMatchObject({
    WORKER_THREADS: 1,
    JOB_LEASE_SECONDS: 15,
    SCHEDULER_INTERVAL_SECONDS: 60,
  });
  expect(loadConfig({ WORKER_THREADS: '0', SCHEDULER_INTERVAL_SECONDS: '0' })).toMatchObject({
    WORKER_THREADS: 0,
    SCHEDULER_INTERVAL_SECONDS: 0,
  });
  expect(() => loadConfig({ WORKER_THREADS: 'many' })).toThrow(
    '  WORKER_THREADS: must be a whole number from 0 to 32 (got "many")',
  );
  expect(() => loadConfig({ JOB_LEASE_SECONDS: '1' })).toThrow(
    '  JOB_LEASE_SECONDS: must be a whole number of seconds, at least 3 (got "1")',
  );
});

test('the edge settings: origins are checked one by one, rate limits are on, metrics need a real token', () => {
  const config = loadConfig({ ALLOWED_ORIGINS: 'https://ops.example.com, http://10.0.0.5:8080' });
  expect(config.ALLOWED_ORIGINS).toEqual(['https://ops.example.com', 'http://10.0.0.5:8080']);
  expect(config.RATE_LIMITS).toBe(true);
  expect(config.METRICS_TOKEN).toBeUndefined();
  expect(loadConfig({}).ALLOWED_ORIGINS).toEqual([]);
  expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://ops.example.com/app' })).toThrow(
    '  ALLOWED_ORIGINS: must be origins like https://ops.example.com, comma-separated (got "https://ops.example.com/app")',
  );
  expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
    '  METRICS_TOKEN: must be at least 16 characters (a random secret) (got "short")',
  );
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow('  LOG_LEVEL: must be one of');
});

test('instances on this machine default to one and name a bad count', () => {
  expect(loadConfig({}).INSTANCES).toBe(1);
  expect(loadConfig({ INSTANCES: '2' }).INSTANCES).toBe(2);
  expect(() => loadConfig({ INSTANCES: '0' })).toThrow(
    '  INSTANCES: must be a whole number from 1 to 64 (got "0")',
  );
});
