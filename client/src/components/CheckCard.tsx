import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { useFormat } from '../hooks/useFormat.ts';
import { ErrorState } from './ErrorState.tsx';

type CheckCardProps<T> = {
  title: string;
  lead: ReactNode;
  /** The button's text, e.g. "Verify the audit chain". */
  action: string;
  /** Said while the check runs, e.g. "Checking every entry…". */
  running: string;
  /** A query that only runs when asked (`enabled: false`); the button refetches it. */
  check: UseQueryResult<T, unknown>;
  testId: string;
  children: (result: T) => ReactNode;
};

/**
 * A check that runs on request (it may read the whole database): a button, then the verdict in a
 * live region, so the outcome is announced when it arrives.
 */
export function CheckCard<T>({ title, lead, action, running, check, testId, children }: CheckCardProps<T>) {
  const format = useFormat();
  const titleId = useId();
  const busy = check.isFetching;
  return (
    <section className="card check" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId} className="card__title">
        {title}
      </h2>
      <p className="muted card__lead">{lead}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void check.refetch()}
          data-testid={`${testId}-run`}
        >
          {busy ? 'Checking…' : action}
        </button>
      </div>
      <div className="check__result" aria-live="polite" data-testid={`${testId}-result`}>
        {busy ? (
          <p className="check__running">
            <span className="spinner spinner--small" aria-hidden="true" />
            {running}
          </p>
        ) : check.isError ? (
          <ErrorState
            error={check.error}
            title="The check could not run"
            onRetry={() => void check.refetch()}
          />
        ) : check.isSuccess ? (
          <>
            {children(check.data)}
            <p className="check__when muted">Checked {format.dateTime(check.dataUpdatedAt)}</p>
          </>
        ) : (
          <p className="muted">Not checked yet.</p>
        )}
      </div>
    </section>
  );
}
