/**
 * Errors the domain raises on purpose. Each carries a message a person can act on; the API layer
 * maps `kind` to a transport status in one place (server/api/errors.ts).
 */
export type DomainErrorKind =
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'forbidden'
  | 'unauthenticated'
  /** Too many attempts or too busy: `details.retryAfterS` says when to try again. */
  | 'rate_limited';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: DomainErrorKind, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.details = details;
  }
}

export const notFound = (message: string, details?: Record<string, unknown>) =>
  new DomainError('not_found', message, details);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', message, details);
export const invalid = (message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid', message, details);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const rateLimited = (message: string, retryAfterS: number) =>
  new DomainError('rate_limited', message, { retryAfterS });

export function exhaustive(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
