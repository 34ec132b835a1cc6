export type Feedback = { kind: 'success' | 'error'; message: string } | null;

/** The outcome of a form, next to its submit button. Success is announced politely, errors at once. */
export function FormMessage({ feedback }: { feedback: Feedback }) {
  if (feedback === null) return <div className="form-message" aria-live="polite" />;
  return feedback.kind === 'success' ? (
    <p className="form-message form-message--success" role="status" data-testid="form-success">
      {feedback.message}
    </p>
  ) : (
    <p className="form-message form-message--error" role="alert" data-testid="form-error">
      {feedback.message}
    </p>
  );
}
