import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { suggestSettings } from '../../../common/site-settings.ts';
import { FormMessage } from '../components/FormMessage.tsx';
import { LoggedOutCard } from '../components/LoggedOutCard.tsx';
import { NewPasswordFields } from '../components/NewPasswordFields.tsx';
import { NewUsernameField } from '../components/NewUsernameField.tsx';
import {
  checkSite,
  FormatPreview,
  type SiteDraft,
  SiteSettingsFields,
} from '../components/SiteSettingsFields.tsx';
import { TextField } from '../components/TextField.tsx';
import { checkNewUser } from '../components/UserForm.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useSignedIn } from '../hooks/useSignedIn.ts';
import { errorCode, type FieldErrors } from '../lib/errors.ts';
import { useTRPC } from '../trpc.ts';
import './SetupPage.css';

type AdminDraft = { username: string; displayName: string; password: string; repeat: string };

/** The browser's language, region and time zone make the first suggestion. */
function initialSite(): SiteDraft {
  return {
    siteName: '',
    ...suggestSettings({
      languages: navigator.languages,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
  };
}

/** Server input paths ("site.currency", "admin.username") to this form's fields. */
const fieldFor = (path: string) => path.split('.')[1];

/**
 * The first visit to a new site: its name and formats, and the first administrator, who is logged
 * in when it is done. Every URL shows this page until then.
 */
export function SetupPage() {
  useDocumentTitle('Set up');
  const trpc = useTRPC();
  const qc = useQueryClient();
  const signedIn = useSignedIn();
  const [site, setSite] = useState<SiteDraft>(initialSite);
  const [admin, setAdmin] = useState<AdminDraft>({ username: '', displayName: '', password: '', repeat: '' });
  const form = useFeedback();
  const formRef = useRef<HTMLFormElement>(null);
  const setup = useMutation(trpc.site.setup.mutationOptions());
  const [taken, setTaken] = useState(false);
  const set = (key: keyof AdminDraft) => (value: string) => setAdmin((prev) => ({ ...prev, [key]: value }));

  const focusFirstError = () => {
    // After React has marked the fields, so the first invalid one is known.
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkSite(site);
    const errors: FieldErrors = { ...(checked.errors ?? {}), ...checkNewUser(admin) };
    if (admin.repeat !== admin.password) errors.repeat = 'The two passwords differ; type the same one twice';
    if (checked.errors !== null || Object.keys(errors).length > 0) {
      form.invalid(errors);
      focusFirstError();
      return;
    }
    form.reset();
    try {
      const user = await setup.mutateAsync({
        site: checked.value,
        admin: {
          username: admin.username.trim(),
          displayName: admin.displayName.trim(),
          password: admin.password,
        },
      });
      qc.setQueryData(trpc.site.status.queryKey(), { ...checked.value, demo: false, setupRequired: false });
      await signedIn(user, '/');
    } catch (error) {
      // Someone else finished the setup first: this browser should log in instead.
      if (errorCode(error) === 'CONFLICT') setTaken(true);
      form.failed(error, fieldFor);
      focusFirstError();
    }
  };

  return (
    <LoggedOutCard title="Set up your site" className="setup__card">
      <p className="login__lead">
        Name the site, choose how money, numbers, dates and distances are shown, and create the first
        administrator. You can change the site values later in Settings.
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="form" data-testid="setup-form">
        <fieldset className="setup__group">
          <legend>Your site</legend>
          <SiteSettingsFields draft={site} onChange={setSite} errors={form.fieldErrors} />
          <FormatPreview draft={site} />
        </fieldset>
        <fieldset className="setup__group">
          <legend>First administrator</legend>
          <div className="form-grid">
            <NewUsernameField
              error={form.fieldErrors.username}
              autoComplete="username"
              value={admin.username}
              onChange={set('username')}
              data-testid="setup-username"
            />
            <TextField
              label="Your name"
              error={form.fieldErrors.displayName}
              hint="As others will see it"
              name="displayName"
              autoComplete="name"
              value={admin.displayName}
              onChange={set('displayName')}
              data-testid="setup-display-name"
            />
            <NewPasswordFields
              password={admin.password}
              repeat={admin.repeat}
              onPassword={set('password')}
              onRepeat={set('repeat')}
              errors={form.fieldErrors}
              labels={{ password: 'Password', repeat: 'Password again' }}
              testIds={{ password: 'setup-password', repeat: 'setup-password-repeat' }}
            />
          </div>
        </fieldset>
        <FormMessage feedback={form.feedback} />
        {taken ? (
          <button
            type="button"
            className="button button--block"
            onClick={() => void qc.invalidateQueries(trpc.site.status.pathFilter())}
          >
            Go to the login page
          </button>
        ) : (
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={setup.isPending}
            data-testid="setup-submit"
          >
            {setup.isPending ? 'Setting up…' : 'Set up and log in'}
          </button>
        )}
      </form>
    </LoggedOutCard>
  );
}
