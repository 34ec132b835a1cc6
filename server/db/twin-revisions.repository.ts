import type { Executor } from './database.ts';
import { str } from './sql.ts';

/** The stored twin document of a layout revision (scenarios and drone audits plan against old ones). */
export async function revisionDocument(ex: Executor, revisionId: number): Promise<string | null> {
  const rs = await ex.execute({
    sql: 'SELECT document FROM twin_revisions WHERE id = ?',
    args: [revisionId],
  });
  const r = rs.rows[0];
  return r ? str(r.document) : null;
}
