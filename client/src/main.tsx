// Before any schema is built (see the module).
import './zod-without-eval.ts';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createApiClient, createQueryClient, TRPCProvider } from './trpc.ts';
import './styles.css';

const trpcClient = createApiClient();
const queryClient = createQueryClient({
  // A call that finds the session gone forgets the user; the app then shows the login page.
  onUnauthorized: () => queryClient.setQueriesData({ queryKey: [['auth', 'me']] }, null),
  onSetupRequired: () => void queryClient.invalidateQueries({ queryKey: [['site', 'status']] }),
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
