import { useFormat } from '../hooks/useFormat.ts';
import type { AuditEntry } from '../lib/types.ts';
import { Badge } from './Badge.tsx';

type AuditLogTableProps = {
  entries: readonly AuditEntry[];
  /** Usernames by user id, to say who an actor id is. */
  usernames: ReadonlyMap<number, string>;
  /** The entry the last verification found broken, marked in the table. */
  brokenAtId?: number | undefined;
};

/** Audit entries, newest first: when, who, what was done to which record. */
export function AuditLogTable({ entries, usernames, brokenAtId }: AuditLogTableProps) {
  const format = useFormat();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: wider than a phone and holding no links, it must take focus for the keyboard to scroll it (WCAG 2.1.1)
    <section className="table-wrap" aria-label="Audit entries" tabIndex={0}>
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Entity id</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const broken = e.id === brokenAtId;
            return (
              <tr
                key={e.id}
                className={broken ? 'row--broken' : undefined}
                data-testid="audit-row"
                data-id={e.id}
              >
                <th scope="row" className="nowrap">
                  <span className="mono">#{e.id}</span>
                  {broken ? (
                    <>
                      {' '}
                      <Badge code="broken" tone="danger" label="Broken" />
                    </>
                  ) : null}
                </th>
                <td className="nowrap">{format.dateTime(e.createdAt)}</td>
                <td>
                  {e.actorId === null ? (
                    <span className="muted">System</span>
                  ) : (
                    <>
                      <span className="mono">#{e.actorId}</span>
                      {usernames.has(e.actorId) ? (
                        <span className="cell-sub mono">{usernames.get(e.actorId)}</span>
                      ) : null}
                    </>
                  )}
                </td>
                <td className="mono">{e.action}</td>
                <td>{e.entity}</td>
                <td className="mono">{e.entityId}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
