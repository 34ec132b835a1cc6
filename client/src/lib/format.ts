import { currencyDigits, HOUSE_CURRENCY } from '../../../common/money.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const number = new Intl.NumberFormat();
const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: HOUSE_CURRENCY });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const formatDateTime = (ms: number) => dateTime.format(ms);
export const formatDate = (ms: number) => dateOnly.format(ms);
export const formatNumber = (n: number) => number.format(n);
export const formatMoney = (cents: number) => money.format(cents / 100);

const priceFormats = new Map<string, Intl.NumberFormat>();

/** An amount in a currency's minor units (a supplier's price): 1250 GBP -> "£12.50", 300 JPY -> "¥300". */
export function formatPrice(minor: number, currency: string): string {
  let format = priceFormats.get(currency);
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    priceFormats.set(currency, format);
  }
  return format.format(minor / 10 ** currencyDigits(currency));
}

/** "box of 100"; a loose pack (1 of the base unit) is just the unit. */
export const formatPack = (pack: { unit: string; size: number }) =>
  pack.size === 1 ? pack.unit : `${pack.unit} of ${formatNumber(pack.size)}`;

/** A signed quantity with a real minus sign: "+5", "−2", "0". */
export function formatSigned(n: number): string {
  if (n > 0) return `+${number.format(n)}`;
  if (n < 0) return `−${number.format(-n)}`;
  return '0';
}

const DAY = 86_400_000;

/** "in 3 days", "yesterday", "today". */
export function formatRelativeDay(ms: number, now = Date.now()): string {
  const days = Math.round((startOfDay(ms) - startOfDay(now)) / DAY);
  return relative.format(days, 'day');
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "in_progress" -> "In progress". */
export function humanise(code: string): string {
  const words = code.replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

const MOVEMENT_LABELS: Record<string, string> = {
  receive: 'Received',
  pick: 'Picked',
  put_away: 'Put away',
  transfer: 'Transferred',
  adjust: 'Adjusted',
  count: 'Counted',
};

export const movementLabel = (kind: string) => MOVEMENT_LABELS[kind] ?? humanise(kind);

/** A YYYY-MM-DD value for a date input, in local time. */
export function toDateInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The end of the chosen local day, so "due 12 March" means due by the end of that day. */
export function fromDateInput(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  return new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 59).getTime();
}
