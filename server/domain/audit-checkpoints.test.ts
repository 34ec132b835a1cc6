import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  type CheckedCheckpoint,
  type Checkpoint,
  checkCheckpoints,
  checkpointLine,
  compareWithStored,
  describeCheckpoint,
  keyIdOf,
  parseCheckpointLines,
  signCheckpoint,
} from './audit-checkpoints.ts';

function newKey() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

const key = newKey();
const SIGNED_AT = Date.parse('2026-12-07T10:00:00Z');
const hashOf = (n: number) => n.toString(16).padStart(64, '0');

function checkpoint(id: number, auditId: number, signingKey = key): Checkpoint {
  return {
    id,
    ...signCheckpoint(signingKey.privateKey, signingKey.keyId, {
      auditId,
      hash: hashOf(auditId),
      signedAt: SIGNED_AT + id * 600_000,
    }),
  };
}

const fromDb = (c: Checkpoint): CheckedCheckpoint => ({ checkpoint: c, source: 'database' });
const rows = (...ids: number[]) => new Map(ids.map((id) => [id, hashOf(id)]));

describe('checkCheckpoints', () => {
  test('checkpoints whose rows still hold the signed hash all match; the newest is reported', () => {
    const cps = [checkpoint(1, 100), checkpoint(2, 250), checkpoint(3, 52_310)];
    const result = checkCheckpoints(cps.map(fromDb), rows(100, 250, 52_310), key);
    expect(result).toEqual({ matching: 3, latest: cps[2], problems: [] });
  });

  test('a rewritten row is reported at the first checkpoint past it, saying which one still matches', () => {
    const cps = [checkpoint(13, 48_000), checkpoint(14, 52_310), checkpoint(15, 60_000)];
    const hashes = rows(48_000, 52_310, 60_000);
    // The attacker rewrote row 50,000 and re-hashed everything after it.
    hashes.set(52_310, 'f'.repeat(64));
    hashes.set(60_000, 'e'.repeat(64));
    const result = checkCheckpoints(cps.map(fromDb), hashes, key);
    expect(result.matching).toBe(1);
    expect(result.latest?.id).toBe(13);
    expect(result.problems.map((p) => [p.checkpointId, p.kind])).toEqual([
      [14, 'rewritten'],
      [15, 'rewritten'],
    ]);
    expect(result.problems[0]?.message).toBe(
      'checkpoint 14 (row 52,310, signed 2026-12-07 12:20 UTC) no longer matches: the log was rewritten at or before that row (after row 48,000, where checkpoint 13 still matches)',
    );
  });

  test('a checkpoint whose row is gone says entries were removed', () => {
    const result = checkCheckpoints([fromDb(checkpoint(2, 250))], rows(100), key);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'row_missing',
        message:
          'checkpoint 2 (row 250, signed 2026-12-07 10:20 UTC) names a row that is no longer in the log: entries were removed at or before that row',
      }),
    ]);
  });

  test('a forged checkpoint (content changed after signing) does not hold', () => {
    const forged = { ...checkpoint(4, 400), auditId: 401, hash: hashOf(401) };
    const result = checkCheckpoints([fromDb(forged)], rows(401), key);
    expect(result.problems.map((p) => p.kind)).toEqual(['bad_signature']);
    const garbled = { ...checkpoint(5, 500), signature: 'AAAA' };
    expect(checkCheckpoints([fromDb(garbled)], rows(500), key).problems.map((p) => p.kind)).toEqual([
      'bad_signature',
    ]);
  });

  test('a checkpoint signed by another key, even a valid one, is not vouched for', () => {
    const other = newKey();
    const result = checkCheckpoints([fromDb(checkpoint(6, 600, other))], rows(600), key);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'other_key',
        message: `checkpoint 6 (row 600, signed 2026-12-07 11:00 UTC) was signed with key ${other.keyId}, not this server's key ${key.keyId}: check it with the key that signed it`,
      }),
    ]);
    // Relabelled with this server's key id, its signature fails instead.
    const relabelled = { ...checkpoint(6, 600, other), keyId: key.keyId };
    expect(checkCheckpoints([fromDb(relabelled)], rows(600), key).problems[0]?.kind).toBe('bad_signature');
  });

  test('exported checkpoints are named as such', () => {
    const result = checkCheckpoints([{ checkpoint: checkpoint(7, 700), source: 'file' }], rows(), key);
    expect(result.problems[0]?.message).toMatch(/^exported checkpoint 7 \(row 700, /);
  });
});

describe('compareWithStored', () => {
  test('an exported checkpoint missing from the database, or different there, is reported', () => {
    const a = checkpoint(1, 100);
    const b = checkpoint(2, 200);
    const c = checkpoint(3, 300);
    const stored = new Map([
      [1, a],
      [2, { ...b, signedAt: b.signedAt + 1 }],
    ]);
    expect(compareWithStored([a, b, c], stored).map((p) => [p.checkpointId, p.kind])).toEqual([
      [2, 'altered'],
      [3, 'deleted'],
    ]);
  });
});

describe('the export format', () => {
  test('lines round-trip', () => {
    const cps = [checkpoint(1, 100), checkpoint(2, 200)];
    const text = `${cps.map(checkpointLine).join('\n')}\n`;
    expect(parseCheckpointLines(text)).toEqual({ ok: true, checkpoints: cps });
  });

  test('a bad line is refused with its number and what is wrong', () => {
    const good = checkpointLine(checkpoint(1, 100));
    expect(parseCheckpointLines(`${good}\nnot json`)).toEqual({ ok: false, error: 'line 2 is not JSON' });
    expect(parseCheckpointLines(`\n${good.replace(/"hash":"[0-9a-f]+"/, '"hash":"xyz"')}`)).toEqual({
      ok: false,
      error: 'line 2: hash must be 64 hex digits',
    });
  });

  test('names a checkpoint by id, row and UTC minute', () => {
    expect(describeCheckpoint({ id: 14, auditId: 52_310, signedAt: SIGNED_AT })).toBe(
      'checkpoint 14 (row 52,310, signed 2026-12-07 10:00 UTC)',
    );
  });
});
