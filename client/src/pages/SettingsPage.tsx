import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { EmptyState } from '../components/EmptyState.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import {
  checkSite,
  FormatPreview,
  type SiteDraft,
  SiteSettingsFields,
} from '../components/SiteSettingsFields.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useSite } from '../hooks/useSite.ts';
import { useUser } from '../hooks/useUser.ts';
import { isAdmin } from '../lib/roles.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';

/** The site's name and how it shows money, numbers, dates and distances (administrators). */
export function SettingsPage() {
  useDocumentTitle('Settings');
  const user = useUser();
  if (!isAdmin(user.role)) {
    return (
      <div className="page page--narrow">
        <PageHeader title="Settings" />
        <EmptyState title="This page is for administrators">
          <p>Ask an administrator to change the site name, currency, language, time zone or units.</p>
        </EmptyState>
      </div>
    );
  }
  return <SettingsForm />;
}

function SettingsForm() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const site = useSite();
  const [draft, setDraft] = useState<SiteDraft>(() => ({
    siteName: site.siteName,
    currency: site.currency,
    locale: site.locale,
    timeZone: site.timeZone,
    units: site.units,
  }));
  const update = useMutation(trpc.site.update.mutationOptions());
  const form = useFeedback();
  const formRef = useRef<HTMLFormElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkSite(draft);
    if (checked.errors !== null) {
      form.invalid(checked.errors);
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    try {
      const saved = await update.mutateAsync(checked.value);
      // Every screen in this tab reformats now; other tabs hear it from the live feed.
      qc.setQueryData(trpc.site.status.queryKey(), saved);
      setDraft(checked.value);
      form.succeeded('Saved: every screen now uses these settings');
      toast.success('Site settings saved');
    } catch (error) {
      form.failed(error);
    }
  };

  return (
    <div className="page page--narrow">
      <PageHeader
        title="Settings"
        subtitle="The site's name, and how money, numbers, dates and distances are shown to everyone."
      />
      <section className="card" aria-labelledby="site-settings-title">
        <h2 id="site-settings-title" className="card__title">
          Site
        </h2>
        {site.demo ? (
          <p className="notice" data-testid="settings-demo">
            This is the demo database: its data is generated and its logins are public.
          </p>
        ) : null}
        <form ref={formRef} className="form" onSubmit={onSubmit} noValidate data-testid="settings-form">
          <SiteSettingsFields
            draft={draft}
            onChange={setDraft}
            errors={form.fieldErrors}
            currencyHint="Amounts are relabelled, not converted: prices stay the same numbers"
          />
          <FormatPreview draft={draft} />
          <div className="action-form__footer">
            <button
              type="submit"
              className="button button--primary"
              disabled={update.isPending}
              data-testid="settings-submit"
            >
              {update.isPending ? 'Saving…' : 'Save settings'}
            </button>
          </div>
          <FormMessage feedback={form.feedback} />
        </form>
      </section>
    </div>
  );
}
