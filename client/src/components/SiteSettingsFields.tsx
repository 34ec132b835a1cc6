import { useId, useMemo, useState } from 'react';
import { createFormatters } from '../../../common/format.ts';
import {
  COMMON_LOCALES,
  CURRENCIES,
  type SiteSettings,
  SiteSettingsSchema,
  TIME_ZONES,
  type Units,
} from '../../../common/site-settings.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { Field } from './Field.tsx';
import { TextField } from './TextField.tsx';
import './SiteSettingsFields.css';

/** The site values as typed, before the shared schema has checked them. */
export type SiteDraft = {
  siteName: string;
  currency: string;
  locale: string;
  timeZone: string;
  units: Units;
};

const UNIT_LABELS: Record<Units, string> = {
  metric: 'Metric (m, km)',
  imperial: 'Imperial (ft, mi)',
};

/** The draft checked by the rules the server applies (common/site-settings.ts), per field. */
export function checkSite(draft: SiteDraft): { value: SiteSettings; errors: null } | { errors: FieldErrors } {
  const parsed = SiteSettingsSchema.safeParse(draft);
  if (parsed.success) return { value: parsed.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { errors };
}

// Names in the reader's language, for the searchable lists; the stored value stays the code.
const currencyNames = new Intl.DisplayNames(undefined, { type: 'currency' });
const localeNames = new Intl.DisplayNames(undefined, { type: 'language' });

type FieldsProps = {
  draft: SiteDraft;
  onChange: (draft: SiteDraft) => void;
  errors: FieldErrors;
  /** Said under the currency field: amounts are relabelled, not converted. */
  currencyHint?: string;
};

/**
 * Site name, currency, locale, time zone and units. Currency, locale and time zone are text fields
 * with a suggestion list, so a long list can be searched by typing (e.g. "Joh" for Johannesburg).
 */
export function SiteSettingsFields({ draft, onChange, errors, currencyHint }: FieldsProps) {
  const id = useId();
  const set = (key: keyof SiteDraft) => (value: string) => onChange({ ...draft, [key]: value });
  // Typed codes with a suggestion list: the browser neither completes nor corrects them.
  const listInput = (key: 'currency' | 'locale' | 'timeZone', list: string, testId: string) => ({
    list,
    name: key,
    autoComplete: 'off',
    autoCapitalize: 'none',
    spellCheck: false,
    value: draft[key],
    onChange: set(key),
    'data-testid': testId,
  });
  return (
    <>
      <TextField
        label="Site name"
        error={errors.siteName}
        hint="Shown in the header, e.g. Johannesburg depot"
        name="siteName"
        autoComplete="organization"
        value={draft.siteName}
        onChange={set('siteName')}
        data-testid="site-name-input"
      />
      <div className="form-grid">
        <TextField
          label="Currency"
          error={errors.currency}
          hint={currencyHint ?? 'ISO code; type to search, e.g. ZAR, EUR, USD'}
          {...listInput('currency', `${id}-currencies`, 'site-currency')}
        />
        <TextField
          label="Language and region"
          error={errors.locale}
          hint="How numbers and dates are written, e.g. en-ZA"
          {...listInput('locale', `${id}-locales`, 'site-locale')}
        />
        <TextField
          label="Time zone"
          error={errors.timeZone}
          hint="Dates and times are shown in it"
          {...listInput('timeZone', `${id}-zones`, 'site-time-zone')}
        />
        <Field label="Units" error={errors.units} hint="For distances on routes and maps">
          {(c) => (
            <select
              {...c}
              name="units"
              value={draft.units}
              onChange={(e) => set('units')(e.target.value)}
              data-testid="site-units"
            >
              {Object.entries(UNIT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <datalist id={`${id}-currencies`}>
        {CURRENCIES.map((code) => (
          <option key={code} value={code}>
            {currencyNames.of(code)}
          </option>
        ))}
      </datalist>
      <datalist id={`${id}-locales`}>
        {COMMON_LOCALES.map((tag) => (
          <option key={tag} value={tag}>
            {localeNames.of(tag)}
          </option>
        ))}
      </datalist>
      <datalist id={`${id}-zones`}>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}

const FormatValues = SiteSettingsSchema.pick({ currency: true, locale: true, timeZone: true, units: true });

/** How money, a number, a date and a distance will look with the draft's values, as they are typed. */
export function FormatPreview({ draft }: { draft: SiteDraft }) {
  // One moment for the preview, so it does not tick while someone types.
  const [now] = useState(() => Date.now());
  const format = useMemo(() => {
    const parsed = FormatValues.safeParse(draft);
    return parsed.success ? createFormatters(parsed.data) : null;
  }, [draft]);
  return (
    <section className="format-preview" aria-labelledby="format-preview-title" data-testid="format-preview">
      <h2 id="format-preview-title" className="format-preview__title">
        Preview
      </h2>
      {format === null ? (
        <p className="muted">The preview appears once the currency, language and time zone are valid.</p>
      ) : (
        <dl className="format-preview__list">
          <dt>Money</dt>
          <dd data-testid="preview-money">{format.money(123_456)}</dd>
          <dt>Number</dt>
          <dd data-testid="preview-number">{format.number(9_876.5)}</dd>
          <dt>Date and time</dt>
          <dd data-testid="preview-date">{format.dateTime(now)}</dd>
          <dt>Distance</dt>
          <dd data-testid="preview-length">{format.length(42)}</dd>
        </dl>
      )}
    </section>
  );
}
