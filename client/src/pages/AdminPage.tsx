import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Formatters } from '../../../common/format.ts';
import { AuditLogTable } from '../components/AuditLogTable.tsx';
import { CheckCard } from '../components/CheckCard.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { LedgerMismatches } from '../components/LedgerMismatches.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { UserForm } from '../components/UserForm.tsx';
import { UsersTable } from '../components/UsersTable.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useUser } from '../hooks/useUser.ts';
import { isAdmin } from '../lib/roles.ts';
import type { AuditVerdict, LedgerCheck, UserSummary } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';

const RECENT = 50;
/** How many ledger mismatches to list; the count covers all of them. */
const SHOWN_MISMATCHES = 20;

const plural = (format: Formatters, n: number, one: string, many: string) =>
  `${format.number(n)} ${n === 1 ? one : many}`;

/** Users, and the checks that the audit log and the stock ledger are intact (administrators). */
export function AdminPage() {
  useDocumentTitle('Admin');
  const user = useUser();
  if (!isAdmin(user.role)) {
    return (
      <div className="page">
        <PageHeader title="Admin" />
        <EmptyState title="This page is for administrators">
          <p>Ask an administrator to add a user, or to check the audit log and the stock ledger.</p>
        </EmptyState>
      </div>
    );
  }
  return <AdminContent meId={user.id} />;
}

function AdminContent({ meId }: { meId: number }) {
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  // Both checks read the whole table, so they run only when asked.
  const audit = useQuery(trpc.audit.verify.queryOptions(undefined, { enabled: false }));
  const ledger = useQuery(trpc.stock.verifyLedger.queryOptions(undefined, { enabled: false }));
  const brokenAtId =
    audit.data && !audit.data.ok && !audit.isFetching ? (audit.data.brokenAtId ?? undefined) : undefined;

  return (
    <div className="page">
      <PageHeader
        title="Admin"
        subtitle="Users, and checks that the audit log and the stock ledger are intact."
      />
      <div className="split">
        <section className="card" aria-labelledby="users-title">
          <h2 id="users-title" className="card__title">
            Users
          </h2>
          {users.isPending ? (
            <Loading label="Loading users…" />
          ) : users.isError ? (
            <ErrorState error={users.error} onRetry={() => void users.refetch()} />
          ) : users.data.length === 0 ? (
            <EmptyState title="No users yet" />
          ) : (
            <UsersTable users={users.data} meId={meId} />
          )}
        </section>
        <section className="card" aria-labelledby="new-user-title">
          <h2 id="new-user-title" className="card__title">
            New user
          </h2>
          <UserForm />
        </section>
      </div>
      <div className="split split--even">
        <CheckCard
          title="Audit log"
          lead="Every change is chained to the one before it by a hash, and the server signs the chain's head every few minutes with a key kept outside the database. Verifying re-reads the whole log, finds the first entry that was altered, inserted or removed, and checks each signed checkpoint."
          action="Verify the audit chain"
          running="Checking every entry in the audit log…"
          check={audit}
          testId="audit-check"
        >
          {(verdict) => <AuditVerdictView verdict={verdict} />}
        </CheckCard>
        <CheckCard
          title="Stock ledger"
          lead="Each bin's on-hand quantity should equal the sum of its movements in the ledger."
          action="Check the ledger"
          running="Comparing every bin with the ledger…"
          check={ledger}
          testId="ledger-check"
        >
          {(result) => <LedgerVerdictView result={result} />}
        </CheckCard>
      </div>
      <RecentAudit brokenAtId={brokenAtId} users={users.data} />
    </div>
  );
}

function AuditVerdictView({ verdict }: { verdict: AuditVerdict }) {
  return (
    <>
      <ChainVerdict verdict={verdict} />
      <CheckpointsVerdict report={verdict.checkpoints} />
    </>
  );
}

function ChainVerdict({ verdict }: { verdict: AuditVerdict }) {
  const format = useFormat();
  if (verdict.ok) {
    return (
      <p className="notice notice--success" data-testid="audit-verdict" data-ok="true">
        Intact: {plural(format, verdict.checked, 'entry', 'entries')} checked
      </p>
    );
  }
  if (verdict.brokenAtId === null) {
    return (
      <div className="verdict verdict--broken" data-testid="audit-verdict" data-ok="false">
        <p className="verdict__headline">Rewritten: the signed checkpoints no longer match</p>
        <p>
          Every one of the {plural(format, verdict.checked, 'entry', 'entries')} follows the one before it,
          but not what the server signed: someone who could write the database changed entries and recomputed
          the hashes after them. Compare it with a backup before changing anything else.
        </p>
      </div>
    );
  }
  return (
    <div className="verdict verdict--broken" data-testid="audit-verdict" data-ok="false">
      <p className="verdict__headline">
        Broken at entry #{verdict.brokenAtId}: {verdict.reason}
      </p>
      <p>
        The {plural(format, verdict.checked, 'entry', 'entries')} before it check out; from #
        {verdict.brokenAtId} on, the log cannot be trusted. This usually means the database was changed
        outside Twinventory: compare it with a backup before changing anything else.
      </p>
    </div>
  );
}

/** What the signed checkpoints say: each disagreement, or how far the newest one vouches for the log. */
function CheckpointsVerdict({ report }: { report: AuditVerdict['checkpoints'] }) {
  const format = useFormat();
  const more = report.problemCount - report.problems.length;
  return (
    <div data-testid="audit-checkpoints">
      {report.keyId === null ? (
        <p className="muted">
          Signed checkpoints not checked: this server holds no signing key
          {report.stored > 0 ? ` (${plural(format, report.stored, 'checkpoint', 'checkpoints')} stored)` : ''}
          .
        </p>
      ) : report.checked === 0 ? (
        <p className="muted">
          No signed checkpoint yet: the server signs the log every few minutes and when it stops.
        </p>
      ) : (
        <p className="muted">
          {format.number(report.matching)} of{' '}
          {plural(format, report.checked, 'signed checkpoint', 'signed checkpoints')} match (key{' '}
          {report.keyId})
          {report.latest
            ? `; the newest vouches for entries up to #${format.number(report.latest.auditId)}, signed ${format.dateTime(report.latest.signedAt)}`
            : ''}
          .
        </p>
      )}
      {report.problems.length > 0 ? (
        <ul data-testid="audit-checkpoint-problems">
          {report.problems.map((p) => (
            <li key={`${p.source}-${p.checkpointId}-${p.kind}`}>{p.message}</li>
          ))}
          {more > 0 ? <li>…and {format.number(more)} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

function LedgerVerdictView({ result }: { result: LedgerCheck }) {
  const format = useFormat();
  if (result.ok) {
    return (
      <p className="notice notice--success" data-testid="ledger-verdict" data-ok="true">
        On-hand matches the ledger for every bin
      </p>
    );
  }
  const shown = result.mismatches.slice(0, SHOWN_MISMATCHES);
  return (
    <div className="verdict verdict--broken" data-testid="ledger-verdict" data-ok="false">
      <p className="verdict__headline">
        {plural(format, result.count, 'bin does', 'bins do')} not match the ledger
      </p>
      {result.count > shown.length ? <p>The first {format.number(shown.length)} are listed.</p> : null}
      <LedgerMismatches mismatches={shown} />
    </div>
  );
}

function RecentAudit({
  brokenAtId,
  users,
}: {
  brokenAtId: number | undefined;
  users: readonly UserSummary[] | undefined;
}) {
  const trpc = useTRPC();
  const recent = useQuery(trpc.audit.recent.queryOptions({ limit: RECENT }));
  const usernames = useMemo(() => new Map((users ?? []).map((u) => [u.id, u.username])), [users]);
  return (
    <section className="card" aria-labelledby="recent-audit-title">
      <div className="card__head">
        <h2 id="recent-audit-title" className="card__title">
          Recent audit entries
        </h2>
        <button
          type="button"
          className="button button--small"
          disabled={recent.isFetching}
          onClick={() => void recent.refetch()}
          data-testid="audit-refresh"
        >
          {recent.isFetching && !recent.isPending ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <p className="muted card__lead">Newest first; up to {RECENT} entries.</p>
      {recent.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : recent.isError ? (
        <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />
      ) : recent.data.length === 0 ? (
        <EmptyState title="No audit entries yet">
          <p>Entries appear here as people create users, items, orders and stock changes.</p>
        </EmptyState>
      ) : (
        <AuditLogTable entries={recent.data} usernames={usernames} brokenAtId={brokenAtId} />
      )}
    </section>
  );
}
