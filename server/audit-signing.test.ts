import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { AuditKeyError, loadAuditKey, loadOrCreateAuditKey } from './audit-signing.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twinventory-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the key file is made on first start, readable by its owner only, and the same key is used after', async () => {
  const file = join(dir, 'keys', 'audit.pem');
  expect(loadAuditKey({ file })).toBeNull();
  const made = loadOrCreateAuditKey({ file });
  expect(made).toMatchObject({
    created: true,
    warning: null,
    keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
  });
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(loadOrCreateAuditKey({ file })).toMatchObject({ created: false, keyId: made.keyId });
  expect(loadAuditKey({ file })?.keyId).toBe(made.keyId);
});

test('a key given in the environment wins over the file, and a file others can read is warned about', async () => {
  const file = join(dir, 'audit.pem');
  const made = loadOrCreateAuditKey({ file });
  const pem = String(made.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const other = loadOrCreateAuditKey({ file: join(dir, 'other.pem') });
  expect(loadAuditKey({ file: join(dir, 'other.pem'), pem })?.keyId).toBe(made.keyId);
  expect(other.keyId).not.toBe(made.keyId);
  await writeFile(join(dir, 'shared.pem'), pem, { mode: 0o644 });
  expect(loadOrCreateAuditKey({ file: join(dir, 'shared.pem') }).warning).toBe(
    `${join(dir, 'shared.pem')} can be read by other users: chmod 600 it`,
  );
});

test('a key that is not an Ed25519 private key is refused without repeating it', () => {
  expect(() =>
    loadAuditKey({ file: '', pem: '-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----' }),
  ).toThrow(new AuditKeyError('AUDIT_SIGNING_KEY is not a private key in PEM form'));
});
