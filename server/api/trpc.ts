import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorKind, exhaustive } from '../../common/errors.ts';
import { MAX_BATCH_CALLS } from '../../common/limits.ts';
import type { Access } from '../../common/roles.ts';
import type { RateClass } from '../edge/rate-limiter.ts';
import type { Context } from './context.ts';

/**
 * What a procedure declares about itself besides its input:
 * - `access`: who may call it;
 * - `firstRun`: callable while the first-run setup is still to be done (site.status, site.setup);
 * - `rateLimit`: it is expensive, and calls of this kind are counted per user and per address;
 * - `upload`: it takes a file in its body, so the edge accepts a larger body for it.
 */
export type ProcedureOptions = { rateLimit?: RateClass; upload?: boolean };
export type Meta = { access: Access; firstRun?: boolean } & ProcedureOptions;

const SETUP_FIRST = 'Finish the first-run setup first';

/** What tRPC says when a batch exceeds `maxBatchSize` (resolveResponse), and what we say instead. */
const BATCH_TOO_LARGE_TRPC = 'Batch call exceeds maximum size';
const BATCH_TOO_LARGE = `One request may batch at most ${MAX_BATCH_CALLS} calls; send the rest in another request`;

/** Whether tRPC refused a request for batching more than MAX_BATCH_CALLS calls (metrics). */
export function isBatchTooLarge(error: { code: string; message: string }): boolean {
  return error.code === 'BAD_REQUEST' && error.message === BATCH_TOO_LARGE_TRPC;
}

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
      // tRPC's own words for a refused batch do not say what the limit is.
      if (isBatchTooLarge(error)) {
        return { ...shape, message: BATCH_TOO_LARGE, data };
      }
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
 * Expensive procedures (meta `rateLimit`) take a token from the caller's bucket and the caller's
 * address's bucket of that kind; an empty bucket is a 429 with Retry-After. A call whose input
 * failed validation did no work, so it gives its token back: a person correcting a form is never
 * told to wait. In-process callers (tests, scripts) have no limiter.
 */
const limitRate = t.middleware(async ({ ctx, meta, next }) => {
  if (meta?.rateLimit === undefined || ctx.rateLimiter === null) return next();
  const taken = ctx.rateLimiter.take(meta.rateLimit, ctx.user?.id ?? null, ctx.clientAddress);
  const result = await next();
  if (!result.ok && result.error.cause instanceof ZodError) taken.refund();
  return result;
});

/** Counts and times every call per procedure for /metrics. */
const observe = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const { metrics } = ctx.services;
  metrics.procedureSeconds.observe({ procedure: path }, (performance.now() - started) / 1000);
  metrics.procedureCalls.inc({ procedure: path, type, outcome: result.ok ? 'ok' : result.error.code });
  if (!result.ok && result.error.code === 'TOO_MANY_REQUESTS') metrics.refused('rate_limited');
  return result;
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

const base = t.procedure.use(observe).use(mapDomainErrors).use(requireSetup).use(authorize).use(limitRate);

/** Anyone, logged in or not. */
export const publicProcedure = base.meta({ access: 'public' });

/** Anyone, and also before the first-run setup: only what the setup page needs. */
export const firstRunProcedure = base.meta({ access: 'public', firstRun: true });

/** Only the roles listed; the caller's user is guaranteed in ctx. */
export function roleProcedure(roles: Exclude<Access, 'public'>, options: ProcedureOptions = {}) {
  return base.meta({ access: roles, ...options }).use(({ ctx, next }) => {
    if (ctx.user === null) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Log in first' });
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}
