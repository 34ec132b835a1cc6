import { describe, expect, test } from 'vitest';
import { createFormatters, type FormatSettings } from './format.ts';

// ICU puts no-break and narrow no-break spaces in some patterns, and versions differ on which.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** 22:30 UTC on 1 November 2026: already the 2nd in Johannesburg, still the 1st in Dublin. */
const AT = Date.UTC(2026, 10, 1, 22, 30);
const HOUR = 3_600_000;

const ZA: FormatSettings = {
  locale: 'en-ZA',
  currency: 'ZAR',
  timeZone: 'Africa/Johannesburg',
  units: 'metric',
};
const DE: FormatSettings = { locale: 'de-DE', currency: 'EUR', timeZone: 'Europe/Berlin', units: 'metric' };
const IE: FormatSettings = { locale: 'en-IE', currency: 'EUR', timeZone: 'Europe/Dublin', units: 'metric' };
const US: FormatSettings = {
  locale: 'en-US',
  currency: 'USD',
  timeZone: 'America/New_York',
  units: 'imperial',
};

describe('money from integer cents, in the site currency and locale', () => {
  test.each([
    ['ZAR in en-ZA', ZA, 'R 1 234,56', '-R 0,05', 'R'],
    ['EUR in de-DE', DE, '1.234,56 €', '-0,05 €', '€'],
    ['EUR in en-IE', IE, '€1,234.56', '-€0.05', '€'],
    ['USD in en-US', US, '$1,234.56', '-$0.05', '$'],
  ])('%s', (_, settings, big, small, symbol) => {
    const f = createFormatters(settings);
    expect(plain(f.money(123_456))).toBe(big);
    expect(plain(f.money(-5))).toBe(small);
    expect(f.currencySymbol).toBe(symbol);
  });

  test('the same amount in another currency keeps the locale and changes the symbol', () => {
    expect(plain(createFormatters({ ...ZA, currency: 'USD' }).money(1250))).toBe('US$12,50');
  });
});

describe('numbers', () => {
  test.each([
    ['en-ZA', ZA, '1 234 567,5', '−1 200'],
    ['de-DE', DE, '1.234.567,5', '−1.200'],
    ['en-IE', IE, '1,234,567.5', '−1,200'],
    ['en-US', US, '1,234,567.5', '−1,200'],
  ])('%s', (_, settings, n, negative) => {
    const f = createFormatters(settings);
    expect(plain(f.number(1_234_567.5))).toBe(n);
    expect(plain(f.signed(-1200))).toBe(negative);
    expect(f.signed(3)).toBe('+3');
    expect(f.signed(0)).toBe('0');
  });
});

describe("dates and times in the site's time zone, not the machine's", () => {
  test.each([
    ['en-ZA in Johannesburg', ZA, '02 Nov 2026', '02 Nov 2026, 00:30'],
    ['de-DE in Berlin', DE, '01.11.2026', '01.11.2026, 23:30'],
    ['en-IE in Dublin', IE, '1 Nov 2026', '1 Nov 2026, 22:30'],
    ['en-US in New York', US, 'Nov 1, 2026', 'Nov 1, 2026, 5:30 PM'],
  ])('%s', (_, settings, date, dateTime) => {
    const f = createFormatters(settings);
    expect(plain(f.date(AT))).toBe(date);
    expect(plain(f.dateTime(AT))).toBe(dateTime);
  });

  test('relative days count calendar days where the site is', () => {
    const earlierThatEvening = AT - 90 * 60_000; // 21:00 UTC
    // 23:00 and 00:30 in Johannesburg are on different days; 21:00 and 22:30 in Dublin are not.
    expect(createFormatters(ZA).relativeDay(AT, earlierThatEvening)).toBe('tomorrow');
    expect(createFormatters(IE).relativeDay(AT, earlierThatEvening)).toBe('today');
    expect(createFormatters(DE).relativeDay(AT + 3 * 24 * HOUR, AT)).toBe('in 3 Tagen');
    expect(createFormatters(US).relativeDay(AT - 24 * HOUR, AT)).toBe('yesterday');
  });
});

describe('lengths by the site units', () => {
  test('metric: one decimal under 10 m, whole metres, then kilometres', () => {
    const ie = createFormatters(IE);
    expect(plain(ie.length(3.46))).toBe('3.5 m');
    expect(plain(ie.length(12.4))).toBe('12 m');
    expect(plain(ie.length(1500))).toBe('1.5 km');
    expect(plain(createFormatters(ZA).length(3.46))).toBe('3,5 m');
  });

  test('imperial: feet, then miles', () => {
    const us = createFormatters(US);
    expect(plain(us.length(1))).toBe('3.3 ft');
    expect(plain(us.length(12.4))).toBe('41 ft');
    expect(plain(us.length(2000))).toBe('1.2 mi');
  });
});
