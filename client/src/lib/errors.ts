import { TRPCClientError } from '@trpc/client';

export type FieldErrors = Record<string, string>;
export type Problem = { message: string; fields: FieldErrors };

type ErrorData = { code?: unknown; path?: unknown; issues?: unknown };

function dataOf(error: unknown): ErrorData | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null ? (data as ErrorData) : null;
}

/** The tRPC error code ('UNAUTHORIZED', 'NOT_FOUND', ...), if the server answered at all. */
export function errorCode(error: unknown): string | undefined {
  const code = dataOf(error)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function errorPath(error: unknown): string | undefined {
  const path = dataOf(error)?.path;
  return typeof path === 'string' ? path : undefined;
}

/** Input problems the server reported per field, keyed by the input's path ("qty", "item.sku"). */
export function issuesOf(error: unknown): { path: string; message: string }[] {
  const issues = dataOf(error)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i: unknown) => {
    if (typeof i !== 'object' || i === null) return [];
    const { path, message } = i as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
}

const OFFLINE =
  'Could not reach the server. Check the connection and try again; a retried stock change is only applied once.';

/** A message fit to show a person. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (dataOf(error) === null) return OFFLINE;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/**
 * Splits an error into messages for known fields and one general message. `fieldFor` maps a server
 * input path to the form's field name (e.g. "locationId" -> "bin"); unmapped issues stay general.
 */
export function problemOf(
  error: unknown,
  fieldFor: (path: string) => string | undefined = (p) => p,
): Problem {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const issue of issuesOf(error)) {
    const field = issue.path ? fieldFor(issue.path) : undefined;
    if (field !== undefined && fields[field] === undefined) fields[field] = capitalise(issue.message);
    else general.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  if (Object.keys(fields).length > 0) {
    return { message: general.length > 0 ? general.join('; ') : 'Check the highlighted fields.', fields };
  }
  return { message: errorMessage(error), fields };
}

export const capitalise = (s: string) => (s.length > 0 ? `${s.charAt(0).toUpperCase()}${s.slice(1)}` : s);
