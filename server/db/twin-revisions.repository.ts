import type { Executor } from './database.ts';
import { num, str } from './sql.ts';

/** The stored twin document of a layout revision (scenarios and drone audits plan against old ones). */
export async function revisionDocument(ex: Executor, revisionId: number): Promise<string | null> {
  const rs = await ex.execute({
    sql: 'SELECT document FROM twin_revisions WHERE id = ?',
    args: [revisionId],
  });
  const r = rs.rows[0];
  return r ? str(r.document) : null;
}

export type RevisionInfo = { revisionId: number; createdAt: number; note: string };

/** The live revision without its document (the document is read, and kept, once per revision). */
export async function currentRevisionInfo(ex: Executor): Promise<RevisionInfo | null> {
  const rs = await ex.execute(
    'SELECT r.id, r.created_at, r.note FROM twin_current c JOIN twin_revisions r ON r.id = c.revision_id',
  );
  const r = rs.rows[0];
  return r ? { revisionId: num(r.id), createdAt: num(r.created_at), note: str(r.note) } : null;
}

export async function insertRevision(
  ex: Executor,
  r: { facilityId: string; document: string; note: string; createdBy: number | null; createdAt: number },
): Promise<number> {
  const rs = await ex.execute({
    sql: 'INSERT INTO twin_revisions (facility_id, document, note, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    args: [r.facilityId, r.document, r.note, r.createdBy, r.createdAt],
  });
  return num(rs.rows[0]?.id);
}

export async function makeRevisionCurrent(ex: Executor, revisionId: number): Promise<void> {
  await ex.execute({
    sql: 'INSERT INTO twin_current (id, revision_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET revision_id = excluded.revision_id',
    args: [revisionId],
  });
}
