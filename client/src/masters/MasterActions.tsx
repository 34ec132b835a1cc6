import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';

type MasterKind = 'categories' | 'units' | 'locations';

/** Archive and restore for one master record; a refusal ("used by 3 items") is shown as the server says it. */
function useArchive(kind: MasterKind, id: number, label: string) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const kinds = {
    categories: {
      archive: useMutation(trpc.categories.archive.mutationOptions()),
      restore: useMutation(trpc.categories.restore.mutationOptions()),
      refetch: invalidate.masters,
    },
    units: {
      archive: useMutation(trpc.units.archive.mutationOptions()),
      restore: useMutation(trpc.units.restore.mutationOptions()),
      refetch: invalidate.masters,
    },
    locations: {
      archive: useMutation(trpc.locations.archive.mutationOptions()),
      restore: useMutation(trpc.locations.restore.mutationOptions()),
      refetch: invalidate.location,
    },
  };
  const { archive, restore, refetch } = kinds[kind];
  const run = (archived: boolean) =>
    void (archived ? archive : restore)
      .mutateAsync({ id })
      .then(() => {
        void refetch();
        toast.success(`${archived ? 'Archived' : 'Restored'} ${label}`);
      })
      .catch((error: unknown) => toast.error(errorMessage(error)));
  return { archive: () => run(true), restore: () => run(false) };
}

type MasterActionsProps = {
  kind: MasterKind;
  id: number;
  /** How the toasts name it ("Archived VAN-1"). */
  label: string;
  archived: boolean;
  /** The edit button's text (Rename, Change, Edit) and what it opens. */
  editLabel: string;
  onEdit: () => void;
  /** The archive confirmation: its question, what archiving means, and its button. */
  question: string;
  detail: ReactNode;
  confirmLabel: string;
};

/** A master list row's actions: edit, then archive (asked first) or, once archived, restore. */
export function MasterActions(props: MasterActionsProps) {
  const { archive, restore } = useArchive(props.kind, props.id, props.label);
  return (
    <div className="masters-actions">
      <button type="button" className="button button--small" onClick={props.onEdit}>
        {props.editLabel}
      </button>{' '}
      {props.archived ? (
        <button type="button" className="button button--small" onClick={restore}>
          Restore
        </button>
      ) : (
        <ConfirmButton
          question={props.question}
          detail={props.detail}
          confirmLabel={props.confirmLabel}
          className="button button--small button--danger-outline"
          onConfirm={archive}
        >
          Archive
        </ConfirmButton>
      )}
    </div>
  );
}
