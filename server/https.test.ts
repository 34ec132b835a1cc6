import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabaseUrl } from '../tests/support/tmp-db.ts';
import { type RunningApp, startApp } from './app.ts';
import { loadOrCreateCertificate } from './https.ts';

/** GET/POST over HTTPS trusting exactly our certificate (as a device does once it has accepted it). */
function call(url: string, ca: string, body?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
  }>((resolve, reject) => {
    const req = request(
      url,
      {
        ca,
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTPS for devices on the LAN', () => {
  let dir = '';
  let db: Awaited<ReturnType<typeof tempDatabaseUrl>> | undefined;
  let app: RunningApp | undefined;
  let cert = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tv-https-'));
    const tls = await loadOrCreateCertificate(dir, { names: ['localhost', '127.0.0.1'] });
    cert = tls.cert;
    db = await tempDatabaseUrl();
    app = await startApp({ databaseUrl: db.url, port: 0, host: '127.0.0.1', log: () => {}, tls });
    await app.services.auth.createUser({
      username: 'tech',
      displayName: 'Tess Tech',
      role: 'technician',
      password: 'correct horse battery',
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('generates the certificate once and reuses it while it covers the same names', async () => {
    const again = await loadOrCreateCertificate(dir, { names: ['localhost', '127.0.0.1'] });
    expect(again.created).toBe(false);
    expect(again.cert).toBe(cert);
    const wider = await loadOrCreateCertificate(dir, { names: ['localhost', '127.0.0.1', '10.1.2.3'] });
    expect(wider.created).toBe(true);
    expect(wider.cert).not.toBe(cert);
  });

  it('serves the API over HTTPS with a certificate valid for localhost, and the session cookie is Secure and HSTS sent', async () => {
    if (!app) throw new Error('not started');
    expect(app.url.startsWith('https://')).toBe(true);
    const url = `https://localhost:${app.port}`;
    const health = await call(`${url}/healthz`, cert);
    expect(health.status).toBe(200);
    // Over HTTPS, browsers are told to stay on it.
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    const login = await call(
      `${url}/trpc/auth.login`,
      cert,
      JSON.stringify({ username: 'tech', password: 'correct horse battery' }),
    );
    expect(login.status).toBe(200);
    const setCookie = String(login.headers['set-cookie'] ?? '');
    expect(setCookie).toContain('tv_session=');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('HttpOnly');
  });
});
