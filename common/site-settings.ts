import { z } from 'zod';

/**
 * The site's own values and their rules, in one place: the server validates `site.setup` and
 * `site.update` with this schema, the setup and settings pages check drafts with it before sending.
 * Currencies and time zones are the ones this runtime's Intl knows, so a stored value always formats.
 */

export const UNITS = ['metric', 'imperial'] as const;
export type Units = (typeof UNITS)[number];

/** ISO 4217 codes, e.g. ZAR, EUR, USD. */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');

/** IANA zones, e.g. Africa/Johannesburg. V8 lists only geographic zones, so UTC is added. */
export const TIME_ZONES: readonly string[] = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC'),
];

/**
 * Suggestions for the locale field; any BCP 47 tag Intl can format is accepted. Intl has no list
 * of supported locales to offer, hence this short one.
 */
export const COMMON_LOCALES: readonly string[] = [
  'af-ZA',
  'ar-AE',
  'cs-CZ',
  'da-DK',
  'de-AT',
  'de-CH',
  'de-DE',
  'el-GR',
  'en-AU',
  'en-CA',
  'en-GB',
  'en-IE',
  'en-IN',
  'en-NZ',
  'en-US',
  'en-ZA',
  'es-ES',
  'es-MX',
  'fi-FI',
  'fr-BE',
  'fr-CA',
  'fr-CH',
  'fr-FR',
  'hi-IN',
  'hu-HU',
  'it-IT',
  'ja-JP',
  'ko-KR',
  'nb-NO',
  'nl-BE',
  'nl-NL',
  'pl-PL',
  'pt-BR',
  'pt-PT',
  'ro-RO',
  'sv-SE',
  'tr-TR',
  'uk-UA',
  'zh-CN',
  'zh-TW',
  'zu-ZA',
];

const currencySet = new Set(CURRENCIES);
const timeZoneSet = new Set(TIME_ZONES);

export const isCurrency = (code: string): boolean => currencySet.has(code);
export const isTimeZone = (zone: string): boolean => timeZoneSet.has(zone);

/** The canonical spelling of a BCP 47 tag Intl can format numbers for ("EN-za" -> "en-ZA"), or null. */
export function canonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical === undefined) return null;
    return Intl.NumberFormat.supportedLocalesOf(canonical).length > 0 ? canonical : null;
  } catch {
    // getCanonicalLocales throws a RangeError for anything that is not a well-formed tag.
    return null;
  }
}

export const SITE_NAME_MAX = 100;

export const SiteSettingsSchema = z.object({
  siteName: z
    .string()
    .trim()
    .min(1, 'Enter the site name')
    .max(SITE_NAME_MAX, `Use at most ${SITE_NAME_MAX} characters`),
  currency: z
    .string()
    .trim()
    .max(3, 'Choose a currency from the list, e.g. ZAR, EUR or USD')
    .toUpperCase()
    .refine(isCurrency, 'Choose a currency from the list, e.g. ZAR, EUR or USD'),
  locale: z
    .string()
    .trim()
    .max(35, 'Enter a language and region such as en-ZA')
    .transform((tag, ctx) => {
      const canonical = canonicalLocale(tag);
      if (canonical === null) {
        ctx.addIssue({ code: 'custom', message: 'Enter a language and region such as en-ZA or de-DE' });
        return z.NEVER;
      }
      return canonical;
    }),
  timeZone: z
    .string()
    .trim()
    .max(64, 'Choose a time zone from the list, e.g. Africa/Johannesburg')
    .refine(isTimeZone, 'Choose a time zone from the list, e.g. Africa/Johannesburg'),
  units: z.enum(UNITS, { error: 'Choose metric or imperial' }),
});

/** What is stored and shown; the schema's input may differ in case and spacing. */
export type SiteSettings = z.output<typeof SiteSettingsSchema>;

/** What every visitor may know before logging in: enough to set up, show the header and format. */
export type SiteStatus = SiteSettings & { setupRequired: boolean; demo: boolean };

// Enough regions for a sensible first suggestion; anything else starts at euro and can be changed.
const REGION_CURRENCY: Record<string, string> = {
  AE: 'AED',
  AR: 'ARS',
  AT: 'EUR',
  AU: 'AUD',
  BE: 'EUR',
  BR: 'BRL',
  BW: 'BWP',
  CA: 'CAD',
  CH: 'CHF',
  CN: 'CNY',
  CZ: 'CZK',
  DE: 'EUR',
  DK: 'DKK',
  EG: 'EGP',
  ES: 'EUR',
  FI: 'EUR',
  FR: 'EUR',
  GB: 'GBP',
  GR: 'EUR',
  HU: 'HUF',
  IE: 'EUR',
  IN: 'INR',
  IT: 'EUR',
  JP: 'JPY',
  KE: 'KES',
  KR: 'KRW',
  MX: 'MXN',
  NA: 'NAD',
  NG: 'NGN',
  NL: 'EUR',
  NO: 'NOK',
  NZ: 'NZD',
  PL: 'PLN',
  PT: 'EUR',
  RO: 'RON',
  SE: 'SEK',
  SG: 'SGD',
  TR: 'TRY',
  TW: 'TWD',
  UA: 'UAH',
  US: 'USD',
  ZA: 'ZAR',
};
const IMPERIAL_REGIONS = new Set(['US', 'LR', 'MM']);

/**
 * First values for a new site from what the browser knows about its user: the first language it
 * can format (with its likely region: "de" becomes "de-DE"), that region's currency and units, and
 * the browser's time zone.
 */
export function suggestSettings(browser: {
  languages: readonly string[];
  timeZone: string | undefined;
}): Omit<SiteSettings, 'siteName'> {
  let locale = 'en-GB';
  let region = 'GB';
  for (const tag of browser.languages) {
    const canonical = canonicalLocale(tag);
    if (canonical === null) continue;
    const likely = new Intl.Locale(canonical).maximize();
    region = likely.region ?? region;
    locale = new Intl.Locale(canonical).region ? canonical : `${likely.language}-${region}`;
    break;
  }
  return {
    currency: REGION_CURRENCY[region] ?? 'EUR',
    locale,
    timeZone: browser.timeZone && isTimeZone(browser.timeZone) ? browser.timeZone : 'UTC',
    units: IMPERIAL_REGIONS.has(region) ? 'imperial' : 'metric',
  };
}
