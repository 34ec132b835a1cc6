import type { Ref } from 'react';

export type Feedback = { kind: 'success' | 'error'; message: string } | null;

/**
 * The outcome of a form, next to its submit button. Success is announced politely, errors at once.
 * It can take focus from script (`useRefocus`), for when the button that was pressed let go of it.
 */
export function FormMessage({ feedback, ref }: { feedback: Feedback; ref?: Ref<HTMLParagraphElement> }) {
  if (feedback === null) return <div className="form-message" aria-live="polite" />;
  return feedback.kind === 'success' ? (
    <p
      className="form-message form-message--success"
      role="status"
      tabIndex={-1}
      ref={ref}
      data-testid="form-success"
    >
      {feedback.message}
    </p>
  ) : (
    <p
      className="form-message form-message--error"
      role="alert"
      tabIndex={-1}
      ref={ref}
      data-testid="form-error"
    >
      {feedback.message}
    </p>
  );
}
