import { z } from 'zod';
import { LOG_LEVELS } from './observability/logger.ts';

/** `https://ops.example.com`: a scheme and a host (and port), nothing after it. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number, 0 to 65535' })
    .int('must be a port number, 0 to 65535')
    .min(0, 'must be a port number, 0 to 65535')
    .max(65535, 'must be a port number, 0 to 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, http(s): or ws(s):')
    .default('file:data/twinventory.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /**
   * An empty database becomes the demo facility (sample data and shared demo logins); `0`/`false`
   * starts an own site instead, which the first visitor sets up (site values, first admin).
   */
  DEMO: z
    .enum(['0', '1', 'false', 'true'], { error: 'must be 1 or 0' })
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  SEED: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').default(42),
  /**
   * Server processes on this machine, sharing the port; each is a whole instance on the same
   * database (docs/operations.md, "Several instances"). One per core serves the API from all of them.
   */
  INSTANCES: z.coerce
    .number({ error: 'must be a whole number from 1 to 64' })
    .int('must be a whole number from 1 to 64')
    .min(1, 'must be a whole number from 1 to 64')
    .max(64, 'must be a whole number from 1 to 64')
    .default(1),
  /** `FULL` makes an acknowledged pick survive power loss; NORMAL only survives a process crash. */
  DB_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  SESSION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .positive('must be at least 1')
    .default(14),
  /** Serve HTTPS with a self-signed certificate (phones and headsets need it for AR); `--https` too. */
  HTTPS: z
    .enum(['0', '1', 'false', 'true'], { error: 'must be 1 or 0' })
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** Where the generated certificate is kept (not committed). */
  HTTPS_DIR: z.string().min(1).default('data'),
  /**
   * The Ed25519 key that signs audit checkpoints, kept outside the database: this file (made on the
   * first start, mode 0600), or AUDIT_SIGNING_KEY, its PEM text, which then wins.
   */
  AUDIT_KEY_FILE: z.string().min(1).default('data/audit-signing-key.pem'),
  AUDIT_SIGNING_KEY: z
    .string()
    .regex(/-----BEGIN PRIVATE KEY-----/, 'must be a PKCS#8 private key in PEM form')
    .optional(),
  /** How often the audit chain's head is signed; 0 signs only at shutdown. */
  AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number({ error: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(0, 'must be 0 or more')
    .max(1440, 'must be at most 1440 (a day)')
    .default(10),
  /**
   * Worker threads for CPU-heavy work (navmesh builds, layout simulations, slotting, drone planning,
   * exports); more work waits in a queue. 0 runs it on the main thread, which then answers nobody else
   * while it computes.
   */
  WORKER_THREADS: z.coerce
    .number({ error: 'must be a whole number from 0 to 32' })
    .int('must be a whole number from 0 to 32')
    .min(0, 'must be a whole number from 0 to 32')
    .max(32, 'must be a whole number from 0 to 32')
    .default(1),
  /**
   * A running job's lease: renewed every second by the instance running it; a job whose lease is
   * this old lost its instance and is shown as failed.
   */
  JOB_LEASE_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds, at least 3' })
    .int('must be a whole number of seconds, at least 3')
    .min(3, 'must be a whole number of seconds, at least 3')
    .default(15),
  /** How often the maintenance scheduler looks for due plans (one instance per interval); 0: never. */
  SCHEDULER_INTERVAL_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be a whole number of seconds')
    .default(60),
  /** Other sites whose pages may call mutations and open /speech, comma-separated full origins. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .refine(
      (origins) => origins.every(isOrigin),
      'must be origins like https://ops.example.com, comma-separated',
    ),
  /** Limits on expensive procedures (search, routes, exports, imports, simulations); 0 only for benchmarks. */
  RATE_LIMITS: z
    .enum(['0', '1', 'false', 'true'], { error: 'must be 1 or 0' })
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Serves /metrics to a scraper sending `Authorization: Bearer <token>`; unset: no /metrics. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (a random secret)').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

/** Values a bad-configuration message names without repeating: they are secrets. */
const SECRETS = new Set(['DATABASE_AUTH_TOKEN', 'AUDIT_SIGNING_KEY']);

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

/** Parses the environment once at start; a bad value stops the server with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join('.');
      const got = SECRETS.has(name) ? 'value hidden' : `got ${JSON.stringify(env[name] ?? '')}`;
      return `  ${name}: ${i.message} (${got})`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
