import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { SupplierInput } from '../../../common/masters/supplier.ts';
import { Field } from '../components/Field.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { TextField } from '../components/TextField.tsx';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { SupplierDetail } from '../lib/types.ts';
import { fieldErrorsOf, wholeOrNaN } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';

type ContactDraft = { key: number; name: string; role: string; email: string; phone: string };
type Draft = {
  name: string;
  leadTimeDays: string;
  currency: string;
  notes: string;
  contacts: ContactDraft[];
};

let nextKey = 1;
const blankContact = (): ContactDraft => ({ key: nextKey++, name: '', role: '', email: '', phone: '' });

const draftOf = (s: SupplierDetail | undefined): Draft => ({
  name: s?.name ?? '',
  leadTimeDays: String(s?.leadTimeDays ?? 7),
  currency: s?.currency ?? 'EUR',
  notes: s?.notes ?? '',
  contacts: s ? s.contacts.map((c) => ({ ...c, key: nextKey++ })) : [blankContact()],
});

/** A supplier's name, lead time, currency, notes and contacts: create one, or change one (planners). */
export function SupplierForm({ supplier }: { supplier?: SupplierDetail }) {
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const invalidate = useInvalidate();
  const create = useMutation(trpc.suppliers.create.mutationOptions());
  const update = useMutation(trpc.suppliers.update.mutationOptions());
  const [d, setD] = useState<Draft>(() => draftOf(supplier));
  const form = useFeedback();
  const pending = create.isPending || update.isPending;
  const set = (key: 'name' | 'leadTimeDays' | 'currency' | 'notes') => (value: string) =>
    setD((prev) => ({ ...prev, [key]: value }));
  const setContact = (key: number, field: keyof Omit<ContactDraft, 'key'>, value: string) =>
    setD((prev) => ({
      ...prev,
      contacts: prev.contacts.map((c) => (c.key === key ? { ...c, [field]: value } : c)),
    }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    // The same schema the server and CSV imports use, so the messages match theirs.
    const parsed = SupplierInput.safeParse({
      name: d.name,
      leadTimeDays: wholeOrNaN(d.leadTimeDays),
      currency: d.currency,
      notes: d.notes,
      contacts: d.contacts
        .filter((c) => c.name.trim() || c.role.trim() || c.email.trim() || c.phone.trim())
        .map(({ key: _, ...c }) => c),
    });
    if (!parsed.success) {
      form.invalid(fieldErrorsOf(parsed.error.issues));
      return;
    }
    try {
      const { id } = supplier
        ? await update.mutateAsync({ id: supplier.id, supplier: parsed.data })
        : await create.mutateAsync(parsed.data);
      void invalidate.supplier(id);
      toast.success(supplier ? `Saved ${parsed.data.name}` : `Created ${parsed.data.name}`);
      if (supplier) form.succeeded(`Saved ${parsed.data.name}`);
      else navigate(`/masters/suppliers/${id}`);
    } catch (error) {
      form.failed(error, (path) => path.replace(/^supplier\./, ''));
    }
  };

  const errors = form.fieldErrors;
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="supplier-form">
      <div className="form-grid">
        <TextField
          label="Name"
          error={errors.name}
          value={d.name}
          onChange={set('name')}
          data-testid="supplier-name"
        />
        <TextField
          label="Lead time (days)"
          error={errors.leadTimeDays}
          hint="From order to delivery"
          inputMode="numeric"
          value={d.leadTimeDays}
          onChange={set('leadTimeDays')}
          data-testid="supplier-lead-time"
        />
        <TextField
          label="Currency"
          error={errors.currency}
          hint="ISO code of the currency it bills in: EUR, GBP, USD"
          className="mono"
          maxLength={3}
          autoCapitalize="characters"
          value={d.currency}
          onChange={(value) => set('currency')(value.toUpperCase())}
          data-testid="supplier-currency"
        />
        <Field label="Notes (optional)" error={errors.notes} className="field--wide">
          {(c) => (
            <textarea
              {...c}
              rows={2}
              maxLength={2000}
              value={d.notes}
              onChange={(e) => set('notes')(e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="masters-contacts">
        <legend>Contacts</legend>
        {errors.contacts ? <p className="field__error">{errors.contacts}</p> : null}
        {d.contacts.length === 0 ? <p className="muted">No contacts yet.</p> : null}
        {d.contacts.map((contact, i) => (
          <div className="masters-contact" key={contact.key} data-testid="contact-row">
            <TextField
              label={`Contact ${i + 1}: name`}
              error={errors[`contacts.${i}.name`]}
              value={contact.name}
              onChange={(value) => setContact(contact.key, 'name', value)}
              data-testid="contact-name"
            />
            <TextField
              label="Role"
              error={errors[`contacts.${i}.role`]}
              placeholder="e.g. orders, accounts"
              value={contact.role}
              onChange={(value) => setContact(contact.key, 'role', value)}
            />
            <TextField
              label="E-mail"
              error={errors[`contacts.${i}.email`]}
              type="email"
              autoComplete="off"
              value={contact.email}
              onChange={(value) => setContact(contact.key, 'email', value)}
              data-testid="contact-email"
            />
            <TextField
              label="Phone"
              error={errors[`contacts.${i}.phone`]}
              type="tel"
              value={contact.phone}
              onChange={(value) => setContact(contact.key, 'phone', value)}
            />
            <button
              type="button"
              className="button button--ghost button--small masters-contact__remove"
              onClick={() =>
                setD((prev) => ({ ...prev, contacts: prev.contacts.filter((c) => c.key !== contact.key) }))
              }
              aria-label={`Remove contact ${i + 1}${contact.name ? ` (${contact.name})` : ''}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--small"
          onClick={() => setD((prev) => ({ ...prev, contacts: [...prev.contacts, blankContact()] }))}
          disabled={d.contacts.length >= 20}
          data-testid="add-contact"
        >
          Add a contact
        </button>
      </fieldset>
      <div className="action-form__footer">
        <button
          type="submit"
          className="button button--primary"
          disabled={pending}
          data-testid="supplier-submit"
        >
          {pending ? 'Saving…' : supplier ? 'Save supplier' : 'Create supplier'}
        </button>
        <FormMessage feedback={form.feedback} />
      </div>
    </form>
  );
}
