import { invalid } from '../../common/errors.ts';
import type { AuditKey } from '../audit-signing.ts';
import { publicKeyPem } from '../audit-signing.ts';
import {
  insertCheckpoint,
  readAuditHashes,
  readAuditPage,
  readCheckpointPage,
  readLatestCheckpoint,
  readRecentAudit,
} from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { Writer } from '../db/writer.ts';
import { GENESIS_HASH, verifyAuditChain } from '../domain/audit-chain.ts';
import {
  type CheckedCheckpoint,
  type Checkpoint,
  type CheckpointProblem,
  checkCheckpoints,
  compareWithStored,
  parseCheckpointLines,
  signCheckpoint,
} from '../domain/audit-checkpoints.ts';
import type { Clock } from './clock.ts';

/** What `verify` found about the signed checkpoints. */
export type CheckpointReport = {
  /** The key checkpoints were checked with; null when this server holds none (nothing was checked). */
  keyId: string | null;
  /** Checkpoints in the database. */
  stored: number;
  checked: number;
  matching: number;
  /** The newest checkpoint that still matches: the log up to its row is as it was when signed. */
  latest: { id: number; auditId: number; signedAt: number } | null;
  /** The first 100 disagreements, in row order. */
  problems: CheckpointProblem[];
  problemCount: number;
};

export type AuditVerdict =
  | { ok: true; checked: number; checkpoints: CheckpointReport }
  | {
      ok: false;
      checked: number;
      /** The first row where the chain itself breaks; null when it holds and only checkpoints disagree. */
      brokenAtId: number | null;
      reason: string;
      checkpoints: CheckpointReport;
    };

/** `refused`: the log disagrees with itself or with the last checkpoint, so nothing was signed. */
export type CheckpointOutcome =
  | { status: 'signed'; checkpoint: Checkpoint }
  | { status: 'skipped' | 'refused'; reason: string };

type Walk =
  | { ok: true; checked: number; lastId: number; lastHash: string }
  | { ok: false; checked: number; brokenAtId: number; reason: string };

const PAGE = 5000;
const SHOWN_PROBLEMS = 100;

export class AuditService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #key: AuditKey | null;

  constructor(deps: { db: Database; writer: Writer; clock: Clock; key: AuditKey | null }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#key = deps.key;
  }

  /**
   * Checks the hash chain and every signed checkpoint (the database's, and `exported` ones from a
   * file kept elsewhere), and says where they disagree.
   */
  async verify(options: { exported?: readonly Checkpoint[] } = {}): Promise<AuditVerdict> {
    const chain = await this.#walk(0, GENESIS_HASH);
    const checkpoints = await this.#checkCheckpoints(options.exported ?? []);
    const first = checkpoints.problems[0];
    if (!chain.ok) {
      const { brokenAtId, reason } = chain;
      return { ok: false, checked: chain.checked, brokenAtId, reason, checkpoints };
    }
    if (first)
      return { ok: false, checked: chain.checked, brokenAtId: null, reason: first.message, checkpoints };
    return { ok: true, checked: chain.checked, checkpoints };
  }

  /** `verify` against an exported checkpoint file's text; a malformed file is refused (400). */
  verifyExport(text: string): Promise<AuditVerdict> {
    const parsed = parseCheckpointLines(text);
    if (!parsed.ok) throw invalid(`That is not an exported checkpoint file: ${parsed.error}`);
    return this.verify({ exported: parsed.checkpoints });
  }

  /**
   * Signs the chain's head, once the entries since the last checkpoint are checked to follow on from
   * it: a checkpoint never vouches for a chain that is already broken. Writes no audit entry of its
   * own, or there would always be an entry newer than the newest checkpoint.
   */
  async checkpoint(): Promise<CheckpointOutcome> {
    const key = this.#key;
    if (key === null) return { status: 'skipped', reason: 'this server holds no signing key' };
    const base = await this.#checkpointBase(key);
    if ('reason' in base) return { status: 'refused', reason: base.reason };
    const walk = await this.#walk(base.auditId, base.hash);
    if (!walk.ok) {
      return { status: 'refused', reason: `the chain is broken at row ${walk.brokenAtId}: ${walk.reason}` };
    }
    if (walk.lastId === base.auditId)
      return { status: 'skipped', reason: 'no entry since the last checkpoint' };
    return this.#writer.run(async (tx): Promise<CheckpointOutcome> => {
      // Another instance on the same database may have signed the same head meanwhile.
      const newest = await readLatestCheckpoint(tx);
      if (newest !== null && newest.auditId >= walk.lastId)
        return { status: 'skipped', reason: 'another instance signed this head' };
      const content = { auditId: walk.lastId, hash: walk.lastHash, signedAt: this.#clock.now() };
      const checkpoint = await insertCheckpoint(tx, signCheckpoint(key.privateKey, key.keyId, content));
      return { status: 'signed', checkpoint };
    });
  }

  /** A page of the stored checkpoints, with the public key that checks them (for export). */
  async checkpoints(afterId: number, limit: number) {
    return {
      keyId: this.#key?.keyId ?? null,
      publicKey: this.#key ? publicKeyPem(this.#key) : null,
      checkpoints: await readCheckpointPage(this.#db.reader, afterId, limit),
    };
  }

  recent(limit: number) {
    return readRecentAudit(this.#db.reader, limit);
  }

  /** Where a new checkpoint continues from: the newest one, if it is this key's and still holds. */
  async #checkpointBase(key: AuditKey): Promise<{ auditId: number; hash: string } | { reason: string }> {
    const last = await readLatestCheckpoint(this.#db.reader);
    if (last === null) return { auditId: 0, hash: GENESIS_HASH };
    const hashes = await readAuditHashes(this.#db.reader, [last.auditId]);
    const [problem] = checkCheckpoints([{ checkpoint: last, source: 'database' }], hashes, key).problems;
    if (problem === undefined) return { auditId: last.auditId, hash: last.hash };
    // Signed with a key this server no longer has: check the whole chain instead.
    if (problem.kind === 'other_key') return { auditId: 0, hash: GENESIS_HASH };
    return { reason: problem.message };
  }

  /** Walks the chain page by page from a known row and hash, so memory stays flat however long it grows. */
  async #walk(afterId: number, prevHash: string): Promise<Walk> {
    let prev = prevHash;
    let lastId = afterId;
    let checked = 0;
    for (;;) {
      const page = await readAuditPage(this.#db.reader, lastId, PAGE);
      if (page.length === 0) return { ok: true, checked, lastId, lastHash: prev };
      const verdict = verifyAuditChain(page, prev);
      if (!verdict.ok) return { ...verdict, checked: checked + verdict.checked };
      checked += verdict.checked;
      prev = verdict.lastHash;
      lastId = page[page.length - 1]?.id ?? lastId;
    }
  }

  async #storedCheckpoints(): Promise<Map<number, Checkpoint>> {
    const stored = new Map<number, Checkpoint>();
    for (let afterId = 0; ; ) {
      const page = await readCheckpointPage(this.#db.reader, afterId, PAGE);
      for (const c of page) stored.set(c.id, c);
      const last = page[page.length - 1];
      if (last === undefined) return stored;
      afterId = last.id;
    }
  }

  async #checkCheckpoints(exported: readonly Checkpoint[]): Promise<CheckpointReport> {
    const stored = await this.#storedCheckpoints();
    const key = this.#key;
    if (key === null) {
      return {
        keyId: null,
        stored: stored.size,
        checked: 0,
        matching: 0,
        latest: null,
        problems: [],
        problemCount: 0,
      };
    }
    const differences = compareWithStored(exported, stored);
    // A file's copy identical to the stored one is the same checkpoint: check it once.
    const fileOnly = new Set(differences.map((p) => p.checkpointId));
    const toCheck: CheckedCheckpoint[] = [
      ...[...stored.values()].map((checkpoint) => ({ checkpoint, source: 'database' as const })),
      ...exported
        .filter((c) => fileOnly.has(c.id))
        .map((checkpoint) => ({ checkpoint, source: 'file' as const })),
    ];
    const hashes = await readAuditHashes(this.#db.reader, [
      ...new Set(toCheck.map((c) => c.checkpoint.auditId)),
    ]);
    const checked = checkCheckpoints(toCheck, hashes, key);
    const problems = [...differences, ...checked.problems].sort(
      (a, b) => a.auditId - b.auditId || a.checkpointId - b.checkpointId,
    );
    const latest = checked.latest;
    return {
      keyId: key.keyId,
      stored: stored.size,
      checked: toCheck.length,
      matching: checked.matching,
      latest: latest && { id: latest.id, auditId: latest.auditId, signedAt: latest.signedAt },
      problems: problems.slice(0, SHOWN_PROBLEMS),
      problemCount: problems.length,
    };
  }
}
