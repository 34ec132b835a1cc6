/**
 * The Ed25519 key that signs the audit log's checkpoints. It must live outside the database (a file
 * beside it by default, or the environment), or whoever rewrites the log could sign it again. The
 * file is made on the server's first start, readable by its owner only.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyIdOf } from './domain/audit-checkpoints.ts';

export type AuditKey = { privateKey: KeyObject; publicKey: KeyObject; keyId: string };

export type AuditKeySource = { file: string; pem?: string | undefined };

export class AuditKeyError extends Error {}

function fromPrivateKey(privateKey: KeyObject, where: string): AuditKey {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new AuditKeyError(
      `${where} holds a ${privateKey.asymmetricKeyType ?? 'symmetric'} key, not Ed25519`,
    );
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

function parsePem(pem: string, where: string): AuditKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    // Never echo the value: it is the secret.
    throw new AuditKeyError(`${where} is not a private key in PEM form`);
  }
  return fromPrivateKey(key, where);
}

/** A key that lives only in memory (tests): its checkpoints cannot be checked after the process ends. */
export function generateAuditKey(): AuditKey {
  return fromPrivateKey(generateKeyPairSync('ed25519').privateKey, 'the generated key');
}

/**
 * The key from the environment, else from the file; null when neither exists. Never creates one:
 * the command-line tools check with the server's key and must not invent another.
 */
export function loadAuditKey(source: AuditKeySource): AuditKey | null {
  if (source.pem) return parsePem(source.pem, 'AUDIT_SIGNING_KEY');
  if (!existsSync(source.file)) return null;
  return parsePem(readFileSync(source.file, 'utf8'), source.file);
}

/**
 * The server's key: as `loadAuditKey`, creating the file (mode 0600) when it is absent. `warning` says
 * when an existing file can be read by other users.
 */
export function loadOrCreateAuditKey(source: AuditKeySource): AuditKey & {
  created: boolean;
  warning: string | null;
} {
  const loaded = loadAuditKey(source);
  if (loaded) {
    const shared = !source.pem && (statSync(source.file).mode & 0o077) !== 0;
    return {
      ...loaded,
      created: false,
      warning: shared ? `${source.file} can be read by other users: chmod 600 it` : null,
    };
  }
  const key = generateAuditKey();
  mkdirSync(dirname(source.file), { recursive: true });
  // `wx`: if another instance made one meanwhile, fail rather than replace the key it signs with.
  writeFileSync(source.file, key.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  return { ...key, created: true, warning: null };
}

/** The public half as PEM, for whoever keeps the exported checkpoints. */
export function publicKeyPem(key: AuditKey): string {
  return String(key.publicKey.export({ type: 'spki', format: 'pem' }));
}
