import { createHash, type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed checkpoints of the audit chain. The chain alone is unkeyed: whoever can write the database
 * can rewrite a row and recompute every later hash, and the chain still verifies. A checkpoint is the
 * chain's head (row id and hash) at a moment, signed with an Ed25519 key kept outside the database;
 * a rewrite at or before a checkpointed row changes that row's hash, and the signature cannot be made
 * again without the key. Exported copies kept elsewhere also catch a truncation that took the newest
 * checkpoints with it.
 */
export type CheckpointContent = { auditId: number; hash: string; signedAt: number };
export type Checkpoint = CheckpointContent & { id: number; keyId: string; signature: string };

/** Where a checkpoint being checked came from: the database's table, or an exported file. */
export type CheckpointSource = 'database' | 'file';

export type CheckpointProblemKind =
  | 'rewritten'
  | 'row_missing'
  | 'bad_signature'
  | 'other_key'
  | 'deleted'
  | 'altered';

export type CheckpointProblem = {
  checkpointId: number;
  auditId: number;
  signedAt: number;
  source: CheckpointSource;
  kind: CheckpointProblemKind;
  message: string;
};

/** The signed bytes: a fixed label and version, then the fields in a fixed order. */
function payload(c: CheckpointContent): Buffer {
  return Buffer.from(JSON.stringify(['twinventory audit checkpoint', 1, c.auditId, c.hash, c.signedAt]));
}

/** A short, stable name for a public key (the first 16 hex digits of its SPKI digest). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(
  privateKey: KeyObject,
  keyId: string,
  content: CheckpointContent,
): Omit<Checkpoint, 'id'> {
  return { ...content, keyId, signature: sign(null, payload(content), privateKey).toString('base64') };
}

export function signatureHolds(publicKey: KeyObject, c: Checkpoint): boolean {
  try {
    return verify(null, payload(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    // A signature of the wrong length is not an error to report, it is a signature that does not hold.
    return false;
  }
}

const numbers = new Intl.NumberFormat('en-GB');

/** "checkpoint 14 (row 52,310, signed 2026-12-07 10:00 UTC)": how messages name a checkpoint. */
export function describeCheckpoint(c: Pick<Checkpoint, 'id' | 'auditId' | 'signedAt'>): string {
  const at = new Date(c.signedAt).toISOString().slice(0, 16).replace('T', ' ');
  return `checkpoint ${c.id} (row ${numbers.format(c.auditId)}, signed ${at} UTC)`;
}

export type CheckedCheckpoint = { checkpoint: Checkpoint; source: CheckpointSource };

/**
 * Checks checkpoints against the log as it is now: each signature must hold with `publicKey`, and
 * the row it names must still be there with the signed hash. `rowHashes` holds the current hash of
 * every row the checkpoints name (absent: the row is gone). Returns one problem per checkpoint that
 * disagrees, in row order, each saying where the log was changed; `matching` counts the rest.
 */
export function checkCheckpoints(
  checkpoints: readonly CheckedCheckpoint[],
  rowHashes: ReadonlyMap<number, string>,
  key: { publicKey: KeyObject; keyId: string },
): { matching: number; latest: Checkpoint | null; problems: CheckpointProblem[] } {
  const sorted = [...checkpoints].sort(
    (a, b) => a.checkpoint.auditId - b.checkpoint.auditId || a.checkpoint.id - b.checkpoint.id,
  );
  const problems: CheckpointProblem[] = [];
  let matching = 0;
  let latest: Checkpoint | null = null;
  for (const { checkpoint: c, source } of sorted) {
    const problem = (kind: CheckpointProblemKind, message: string) =>
      problems.push({ checkpointId: c.id, auditId: c.auditId, signedAt: c.signedAt, source, kind, message });
    const name = `${source === 'file' ? 'exported ' : ''}${describeCheckpoint(c)}`;
    if (c.keyId !== key.keyId) {
      problem(
        'other_key',
        `${name} was signed with key ${c.keyId}, not this server's key ${key.keyId}: check it with the key that signed it`,
      );
      continue;
    }
    if (!signatureHolds(key.publicKey, c)) {
      problem(
        'bad_signature',
        `${name} has a signature that does not hold: the checkpoint itself was forged or altered`,
      );
      continue;
    }
    const hash = rowHashes.get(c.auditId);
    const since =
      latest === null
        ? ''
        : ` (after row ${numbers.format(latest.auditId)}, where checkpoint ${latest.id} still matches)`;
    if (hash === undefined) {
      problem(
        'row_missing',
        `${name} names a row that is no longer in the log: entries were removed at or before that row${since}`,
      );
    } else if (hash !== c.hash) {
      problem('rewritten', `${name} no longer matches: the log was rewritten at or before that row${since}`);
    } else {
      matching += 1;
      latest = c;
    }
  }
  return { matching, latest, problems };
}

/**
 * Compares an exported file's checkpoints with the database's table: one the file has and the table
 * lost, or holds differently, is itself a sign of tampering (the file's copy is still checked).
 */
export function compareWithStored(
  exported: readonly Checkpoint[],
  stored: ReadonlyMap<number, Checkpoint>,
): CheckpointProblem[] {
  const problems: CheckpointProblem[] = [];
  for (const c of exported) {
    const mine = stored.get(c.id);
    const base = { checkpointId: c.id, auditId: c.auditId, signedAt: c.signedAt, source: 'file' as const };
    if (mine === undefined) {
      problems.push({
        ...base,
        kind: 'deleted',
        message: `exported ${describeCheckpoint(c)} is no longer in the database: checkpoints were deleted`,
      });
    } else if (
      mine.auditId !== c.auditId ||
      mine.hash !== c.hash ||
      mine.signedAt !== c.signedAt ||
      mine.keyId !== c.keyId ||
      mine.signature !== c.signature
    ) {
      problems.push({
        ...base,
        kind: 'altered',
        message: `exported ${describeCheckpoint(c)} differs from the database's copy: the stored checkpoint was changed`,
      });
    }
  }
  return problems;
}

const CheckpointLine = z.object({
  id: z.number().int().positive(),
  auditId: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
  signedAt: z.number().int().nonnegative(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits'),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
});

/** One JSON object per line, as `npm run audit:export` writes them. */
export function checkpointLine(c: Checkpoint): string {
  return JSON.stringify({
    id: c.id,
    auditId: c.auditId,
    hash: c.hash,
    signedAt: c.signedAt,
    keyId: c.keyId,
    signature: c.signature,
  });
}

/** Reads an exported file; a bad line is refused naming its number and what is wrong with it. */
export function parseCheckpointLines(
  text: string,
): { ok: true; checkpoints: Checkpoint[] } | { ok: false; error: string } {
  const checkpoints: Checkpoint[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, error: `line ${i + 1} is not JSON` };
    }
    const parsed = CheckpointLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'the line';
      return { ok: false, error: `line ${i + 1}: ${field} ${issue?.message ?? 'is not a checkpoint'}` };
    }
    checkpoints.push(parsed.data);
  }
  return { ok: true, checkpoints };
}
