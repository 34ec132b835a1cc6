import { errorCode, errorMessage } from '../lib/errors.ts';

type ErrorStateProps = { error: unknown; title?: string; onRetry?: () => void };

/** What went wrong loading something, with a way to try again. */
export function ErrorState({ error, title, onRetry }: ErrorStateProps) {
  const notFound = errorCode(error) === 'NOT_FOUND';
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{title ?? (notFound ? 'Not found' : 'Could not load this')}</p>
      <p>{errorMessage(error)}</p>
      {onRetry && !notFound ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
