import { readAuditPage, readRecentAudit } from '../db/audit.repository.ts';
import type { Database } from '../db/database.ts';
import { GENESIS_HASH, verifyAuditChain } from '../domain/audit-chain.ts';

export class AuditService {
  readonly #db: Database;

  constructor(deps: { db: Database }) {
    this.#db = deps.db;
  }

  /** Walks the whole chain page by page so memory stays flat however long the log grows. */
  async verify(): Promise<
    { ok: true; checked: number } | { ok: false; checked: number; brokenAtId: number; reason: string }
  > {
    let prev = GENESIS_HASH;
    let afterId = 0;
    let checked = 0;
    for (;;) {
      const page = await readAuditPage(this.#db.reader, afterId, 5000);
      if (page.length === 0) return { ok: true, checked };
      const verdict = verifyAuditChain(page, prev);
      if (!verdict.ok) return { ...verdict, checked: checked + verdict.checked };
      checked += verdict.checked;
      prev = verdict.lastHash;
      afterId = page[page.length - 1]?.id ?? afterId;
    }
  }

  recent(limit: number) {
    return readRecentAudit(this.#db.reader, limit);
  }
}
