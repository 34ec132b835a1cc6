/**
 * HTTPS for phones and headsets on the LAN: WebXR (and the camera) only run in a secure context, and
 * `http://192.168.x.y` is not one. A self-signed certificate is generated once and kept under the
 * data directory (never committed); it names localhost, this machine's host name and its LAN
 * addresses, and is made again only when those change (the device then asks to accept it again).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export type TlsCredentials = { key: string; cert: string; fingerprint: string };

/** IPv4 addresses other devices on the LAN can reach this machine at. */
function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

type Stored = TlsCredentials & { names: string[]; notAfter: string };

const FILE = 'https-certificate.json';
const VALID_DAYS = 825;

/** The stored certificate when it still covers `names` and is valid for a week more; else a new one. */
export async function loadOrCreateCertificate(
  dir: string,
  options: { names?: string[]; now?: Date } = {},
): Promise<TlsCredentials & { created: boolean }> {
  const now = options.now ?? new Date();
  const names = [
    ...new Set(options.names ?? ['localhost', hostname(), '127.0.0.1', ...lanAddresses()]),
  ].sort();
  const path = join(dir, FILE);
  if (existsSync(path)) {
    try {
      const stored = JSON.parse(await readFile(path, 'utf8')) as Stored;
      const covers = names.every((n) => stored.names.includes(n));
      const fresh = new Date(stored.notAfter).getTime() - now.getTime() > 7 * 86_400_000;
      if (covers && fresh)
        return { key: stored.key, cert: stored.cert, fingerprint: stored.fingerprint, created: false };
    } catch {
      // An unreadable file is replaced below.
    }
  }
  const notAfter = new Date(now.getTime() + VALID_DAYS * 86_400_000);
  const isIp = (n: string) => /^\d+\.\d+\.\d+\.\d+$/.test(n) || n.includes(':');
  const pems = await generate([{ name: 'commonName', value: 'Twinventory (self-signed)' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((n) => (isIp(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })),
      },
    ],
  });
  const stored: Stored = {
    key: pems.private,
    cert: pems.cert,
    fingerprint: pems.fingerprint,
    names,
    notAfter: notAfter.toISOString(),
  };
  await mkdir(dir, { recursive: true });
  await writeFile(path, JSON.stringify(stored), { mode: 0o600 });
  return { key: stored.key, cert: stored.cert, fingerprint: stored.fingerprint, created: true };
}

/**
 * The addresses to print at start: listening on all interfaces, the LAN ones first (what a phone
 * needs); listening on one address, that one.
 */
export function httpsUrls(port: number, host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::')
    return [`https://${host.includes(':') ? `[${host}]` : host}:${port}`];
  return [...lanAddresses().map((a) => `https://${a}:${port}`), `https://localhost:${port}`];
}
