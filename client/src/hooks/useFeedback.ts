import { useCallback, useMemo, useState } from 'react';
import type { Feedback } from '../components/FormMessage.tsx';
import { type FieldErrors, problemOf } from '../lib/errors.ts';

/** A form's field errors and its one-line outcome. */
export function useFeedback() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [feedback, setFeedback] = useState<Feedback>(null);

  const invalid = useCallback((errors: FieldErrors) => {
    setFieldErrors(errors);
    setFeedback({ kind: 'error', message: 'Check the highlighted fields.' });
  }, []);
  const failed = useCallback((error: unknown, fieldFor?: (path: string) => string | undefined) => {
    const problem = problemOf(error, fieldFor);
    setFieldErrors(problem.fields);
    setFeedback({ kind: 'error', message: problem.message });
  }, []);
  const succeeded = useCallback((message: string) => {
    setFieldErrors({});
    setFeedback({ kind: 'success', message });
  }, []);
  const reset = useCallback(() => {
    setFieldErrors({});
    setFeedback(null);
  }, []);

  return useMemo(
    () => ({ fieldErrors, feedback, invalid, failed, succeeded, reset }),
    [fieldErrors, feedback, invalid, failed, succeeded, reset],
  );
}
