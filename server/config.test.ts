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
