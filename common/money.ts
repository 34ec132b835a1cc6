/**
 * Money is an integer count of a currency's minor units (cents, pence; yen have none). A supplier's
 * prices are in that supplier's currency. Item costs are hundredths of the site's currency (the
 * site settings: `common/site-settings.ts`), whatever that currency's decimals.
 */

let known: ReadonlySet<string> | null = null;

/** An ISO 4217 code this runtime knows (the browser and the server agree through `Intl`). */
export function isCurrency(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
}

/** How many decimals the currency's minor unit has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** "12.50" in EUR is 1250; null when the text is not an amount of 0 or more with at most the currency's decimals. */
export function parseMinor(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  const digits = currencyDigits(currency);
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(trimmed)) return null;
  // Via a decimal string, so 1.005 cannot become 100.49999 cents.
  const value = Math.round(Number(`${trimmed}e${digits}`));
  return Number.isSafeInteger(value) ? value : null;
}

/** Minor units back to the plain decimal a form shows: 1250 EUR -> "12.50". */
export function minorToText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
