import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CategoryInput } from '../../../common/masters/catalog.ts';
import { Badge } from '../components/Badge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { TextField } from '../components/TextField.tsx';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { CategoryRow } from '../lib/types.ts';
import { fieldErrorsOf } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { MasterActions } from './MasterActions.tsx';

/** Item categories: add, rename (items follow), archive when unused, restore. */
export function CategoriesSection() {
  const trpc = useTRPC();
  const categories = useQuery(trpc.categories.list.queryOptions());
  return (
    <section className="card" aria-labelledby="categories-title">
      <h2 id="categories-title" className="card__title">
        Categories
      </h2>
      <p className="card__lead">
        Every item is filed under one active category. Renaming one renames it on its items.
      </p>
      <CategoryForm />
      {categories.isPending ? (
        <Loading label="Loading categories…" />
      ) : categories.isError ? (
        <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />
      ) : categories.data.length === 0 ? (
        <EmptyState title="No categories yet">
          <p>Add the groups items are filed under, such as Fasteners or Filters.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="categories-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Items
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {categories.data.map((c) => (
                <CategoryLine key={c.id} category={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Adds a category, or renames `category` in place. */
function CategoryForm({ category, onDone }: { category?: CategoryRow; onDone?: () => void }) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const create = useMutation(trpc.categories.create.mutationOptions());
  const update = useMutation(trpc.categories.update.mutationOptions());
  const [name, setName] = useState(category?.name ?? '');
  const form = useFeedback();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = CategoryInput.safeParse({ name });
    if (!parsed.success) {
      form.invalid(fieldErrorsOf(parsed.error.issues));
      return;
    }
    try {
      if (category) {
        const { items } = await update.mutateAsync({ id: category.id, category: parsed.data });
        toast.success(`Renamed ${category.name} to ${parsed.data.name} on ${format.number(items)} item(s)`);
        onDone?.();
      } else {
        await create.mutateAsync(parsed.data);
        form.succeeded(`Added ${parsed.data.name}`);
        setName('');
      }
      void invalidate.masters();
    } catch (error) {
      form.failed(error, (path) => (path.endsWith('name') ? 'name' : undefined));
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={category ? `Rename ${category.name}` : 'New category'}
    >
      <TextField
        label={category ? 'New name' : 'New category'}
        error={form.fieldErrors.name}
        value={name}
        onChange={setName}
        data-testid="category-name"
      />
      <div className="inline-form__submit">
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending || update.isPending}
        >
          {category ? 'Rename' : 'Add'}
        </button>
        {category ? (
          <button type="button" className="button button--ghost" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
      <FormMessage feedback={form.feedback} />
    </form>
  );
}

function CategoryLine({ category }: { category: CategoryRow }) {
  const format = useFormat();
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
      <tr>
        <td colSpan={3}>
          <CategoryForm category={category} onDone={() => setRenaming(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="category-row" data-name={category.name}>
      <th scope="row">
        {category.name} {category.archived ? <Badge code="archived" tone="neutral" label="Archived" /> : null}
      </th>
      <td className="num">{format.number(category.items)}</td>
      <td>
        <MasterActions
          kind="categories"
          id={category.id}
          label={category.name}
          archived={category.archived}
          editLabel="Rename"
          onEdit={() => setRenaming(true)}
          question={`Archive ${category.name}?`}
          detail={<p>Items can no longer be filed under it. You can restore it later.</p>}
          confirmLabel="Archive category"
        />
      </td>
    </tr>
  );
}
