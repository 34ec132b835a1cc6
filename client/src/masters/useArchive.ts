import { useMutation } from '@tanstack/react-query';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';

/** Archive and restore for a category or a unit; a refusal ("used by 3 items") is shown as the server says it. */
export function useArchive(kind: 'categories' | 'units', id: number, label: string) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const mutations = {
    categories: {
      archive: useMutation(trpc.categories.archive.mutationOptions()),
      restore: useMutation(trpc.categories.restore.mutationOptions()),
    },
    units: {
      archive: useMutation(trpc.units.archive.mutationOptions()),
      restore: useMutation(trpc.units.restore.mutationOptions()),
    },
  }[kind];
  const run = (archived: boolean) =>
    void (archived ? mutations.archive : mutations.restore)
      .mutateAsync({ id })
      .then(() => {
        void invalidate.masters();
        toast.success(`${archived ? 'Archived' : 'Restored'} ${label}`);
      })
      .catch((error: unknown) => toast.error(errorMessage(error)));
  return { archive: () => run(true), restore: () => run(false) };
}
