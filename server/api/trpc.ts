import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorKind, exhaustive } from '../../common/errors.ts';
import type { Access } from '../../common/roles.ts';
import type { Context } from './context.ts';

/** `firstRun`: callable while the first-run setup is still to be done (site.status, site.setup). */
export type Meta = { access: Access; firstRun?: boolean };

const SETUP_FIRST = 'Finish the first-run setup first';

const INTERNAL_MESSAGE =
  'Something went wrong on our side and nothing was changed. Try again; if it keeps happening, tell an administrator.';

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Stacks never reach a client (see below), so tRPC need not build them: with source maps on,
    // formatting one costs more than answering a refused login.
    isDev: false,
    errorFormatter({ shape, error }) {
      const { stack: _stack, ...data } = shape.data;
      if (error.cause instanceof ZodError) {
        const issues = error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return {
          ...shape,
          message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
          data: { ...data, issues },
        };
      }
      // Never let SQL text, file paths or stack traces reach a client.
      if (error.code === 'INTERNAL_SERVER_ERROR') return { ...shape, message: INTERNAL_MESSAGE, data };
      // Details a domain error chose to share (an import's row errors) go with it; one that names
      // the input field it is about is reported like a validation issue, so forms show it there.
      if (error.cause instanceof DomainError && error.cause.details) {
        const { field } = error.cause.details;
        const issues =
          typeof field === 'string' ? [{ path: field, message: error.cause.message }] : undefined;
        return { ...shape, data: { ...data, details: error.cause.details, ...(issues ? { issues } : {}) } };
      }
      return { ...shape, data };
    },
  });

function codeFor(kind: DomainErrorKind): TRPCError['code'] {
  switch (kind) {
    case 'not_found':
      return 'NOT_FOUND';
    case 'conflict':
      return 'CONFLICT';
    case 'invalid':
      return 'BAD_REQUEST';
    case 'forbidden':
      return 'FORBIDDEN';
    case 'unauthenticated':
      return 'UNAUTHORIZED';
    case 'rate_limited':
      return 'TOO_MANY_REQUESTS';
    default:
      return exhaustive(kind);
  }
}

/** The one place domain errors become transport errors. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: codeFor(cause.kind), message: cause.message, cause });
  }
  return result;
});

/**
 * A database with no user serves only the first-run setup, so nobody reaches an empty site's data
 * or logs in before an administrator exists. Free once set up (the service remembers).
 */
const requireSetup = t.middleware(async ({ ctx, meta, next }) => {
  if (meta?.firstRun !== true && (await ctx.services.site.setupRequired())) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: SETUP_FIRST });
  }
  return next();
});

/** Refuses a call unless the procedure declared who may make it and the caller is one of them. */
const authorize = t.middleware(({ ctx, meta, next }) => {
  const access = meta?.access;
  if (access === undefined) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This procedure has not declared who may call it' });
  }
  if (access === 'public') return next({ ctx });
  if (ctx.user === null) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Log in first' });
  if (!access.includes(ctx.user.role)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Your role (${ctx.user.role}) cannot do this; it needs ${access.join(' or ')}`,
    });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * Response headers that follow from errors: a refusal for too many attempts says when to try again
 * (`Retry-After`, the longest wait of any call in the batch).
 */
export function responseHeaders(errors: readonly TRPCError[]): Record<string, string> {
  const waits = errors.flatMap((e) =>
    e.cause instanceof DomainError && e.cause.kind === 'rate_limited'
      ? [Number(e.cause.details?.retryAfterS)]
      : [],
  );
  const wait = Math.max(0, ...waits.filter(Number.isFinite));
  return wait > 0 ? { 'retry-after': String(wait) } : {};
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const base = t.procedure.use(mapDomainErrors).use(requireSetup).use(authorize);

/** Anyone, logged in or not. */
export const publicProcedure = base.meta({ access: 'public' });

/** Anyone, and also before the first-run setup: only what the setup page needs. */
export const firstRunProcedure = base.meta({ access: 'public', firstRun: true });

/** Only the roles listed; the caller's user is guaranteed in ctx. */
export function roleProcedure(roles: Exclude<Access, 'public'>) {
  return base.meta({ access: roles }).use(({ ctx, next }) => {
    if (ctx.user === null) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Log in first' });
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}
