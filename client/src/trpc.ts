import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { MAX_BATCH_CALLS } from '../../common/limits.ts';
import type { AppRouter } from '../../server/api/app.router.ts';
import { errorCode, errorPath } from './lib/errors.ts';

export type { AppRouter };
export type Outputs = inferRouterOutputs<AppRouter>;
export type Inputs = inferRouterInputs<AppRouter>;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** One client per tab: subscriptions stream over server-sent events, everything else is batched. */
export function createApiClient(): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc' }),
        false: httpBatchLink({ url: '/trpc', maxURLLength: 2000, maxItems: MAX_BATCH_CALLS }),
      }),
    ],
  });
}

const NO_RETRY_CODES = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_REQUEST',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'TOO_MANY_REQUESTS',
]);

/**
 * The query cache. `onUnauthorized` runs when any call (except logging in) finds the session gone,
 * so the app can send the user to the login page; `onSetupRequired` when the server says the site
 * has not been set up (its database was replaced by an empty one), so the app shows the setup.
 */
export function createQueryClient(handlers: {
  onUnauthorized: () => void;
  onSetupRequired: () => void;
}): QueryClient {
  const check = (error: unknown) => {
    const code = errorCode(error);
    if (code === 'UNAUTHORIZED' && errorPath(error) !== 'auth.login') handlers.onUnauthorized();
    else if (code === 'PRECONDITION_FAILED') handlers.onSetupRequired();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: check }),
    mutationCache: new MutationCache({ onError: check }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => !NO_RETRY_CODES.has(errorCode(error) ?? '') && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
