import { currencyDigits } from './money.ts';
import type { Units } from './site-settings.ts';

export type FormatSettings = { locale: string; currency: string; timeZone: string; units: Units };

export type Formatters = {
  /** Money from integer hundredths of the currency unit (the database's cents). */
  money(cents: number): string;
  /** The currency's symbol in the site's locale ("R", "€", "US$"), for form labels. */
  currencySymbol: string;
  number(n: number): string;
  /** A signed quantity with a real minus sign: "+5", "−2", "0". */
  signed(n: number): string;
  date(ms: number): string;
  dateTime(ms: number): string;
  /** "in 3 days", "yesterday", "today": calendar days in the site's time zone. */
  relativeDay(ms: number, nowMs: number): string;
  /** A distance given in metres, shown in m/km or ft/mi by the site's units. */
  length(metres: number): string;
  /**
   * An amount in another currency's minor units (a supplier's price: 1250 GBP -> "£12.50",
   * 300 JPY -> "¥300"), in the site's locale.
   */
  price(minor: number, currency: string): string;
  /** "box of 100"; a loose pack (1 of the base unit) is just the unit. */
  pack(pack: { unit: string; size: number }): string;
};

const DAY_MS = 86_400_000;
const FEET_PER_METRE = 1 / 0.3048;
const FEET_PER_MILE = 5280;

/**
 * Formatting for one site, with Intl from its settings. Built once per settings change: Intl
 * formatters are costly to create and cheap to reuse.
 */
export function createFormatters(settings: FormatSettings): Formatters {
  const { locale, currency, timeZone, units } = settings;
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  // Gregorian digits in the site's zone, whatever the locale's calendar, to count calendar days.
  const calendarDay = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  const dayNumber = (ms: number): number => {
    const parts = calendarDay.formatToParts(ms);
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
    return Math.round(Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS);
  };
  const lengthIn = (unit: 'meter' | 'kilometer' | 'foot' | 'mile', fractionDigits: number) =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
  const lengths = {
    shortMetres: lengthIn('meter', 1),
    metres: lengthIn('meter', 0),
    kilometres: lengthIn('kilometer', 1),
    shortFeet: lengthIn('foot', 1),
    feet: lengthIn('foot', 0),
    miles: lengthIn('mile', 1),
  };
  const currencySymbol = money.formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
  const priceFormats = new Map<string, { format: Intl.NumberFormat; scale: number }>();
  const priceFormat = (code: string) => {
    let found = priceFormats.get(code);
    if (found === undefined) {
      found = {
        format: new Intl.NumberFormat(locale, { style: 'currency', currency: code }),
        scale: 10 ** currencyDigits(code),
      };
      priceFormats.set(code, found);
    }
    return found;
  };

  return {
    money: (cents) => money.format(cents / 100),
    currencySymbol,
    number: (n) => number.format(n),
    signed: (n) => {
      if (n > 0) return `+${number.format(n)}`;
      if (n < 0) return `−${number.format(-n)}`;
      return number.format(0);
    },
    date: (ms) => date.format(ms),
    dateTime: (ms) => dateTime.format(ms),
    relativeDay: (ms, nowMs) => relative.format(dayNumber(ms) - dayNumber(nowMs), 'day'),
    length: (metres) => {
      if (units === 'metric') {
        if (metres < 10) return lengths.shortMetres.format(metres);
        return metres < 1000 ? lengths.metres.format(metres) : lengths.kilometres.format(metres / 1000);
      }
      const feet = metres * FEET_PER_METRE;
      if (feet < 10) return lengths.shortFeet.format(feet);
      return feet < 1000 ? lengths.feet.format(feet) : lengths.miles.format(feet / FEET_PER_MILE);
    },
    price: (minor, code) => {
      const { format, scale } = priceFormat(code);
      return format.format(minor / scale);
    },
    pack: (pack) => (pack.size === 1 ? pack.unit : `${pack.unit} of ${number.format(pack.size)}`),
  };
}
