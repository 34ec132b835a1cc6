import { useCallback, useRef } from 'react';

/**
 * Idempotency keys for one form. The same submission (same values, not yet confirmed) always gets the
 * same key, so a double click or a retry after a dropped connection is applied once; a new submission
 * after a success, or with different values, gets a fresh key.
 */
export function useSubmissionKey() {
  const pending = useRef<{ fingerprint: string; key: string } | null>(null);

  const keyFor = useCallback((values: unknown): string => {
    const fingerprint = JSON.stringify(values);
    if (pending.current?.fingerprint === fingerprint) return pending.current.key;
    const key = `web:${crypto.randomUUID()}`;
    pending.current = { fingerprint, key };
    return key;
  }, []);

  /** Call once the server has confirmed the submission. */
  const settle = useCallback(() => {
    pending.current = null;
  }, []);

  return { keyFor, settle };
}
