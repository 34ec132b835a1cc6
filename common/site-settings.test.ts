import { describe, expect, test } from 'vitest';
import { SiteSettingsSchema, suggestSettings } from './site-settings.ts';

const GOOD = {
  siteName: ' Jo’burg depot ',
  currency: 'zar',
  locale: 'EN-za',
  timeZone: 'Africa/Johannesburg',
  units: 'metric',
};

describe('site settings', () => {
  test('are stored in their canonical spelling', () => {
    expect(SiteSettingsSchema.parse(GOOD)).toEqual({
      siteName: 'Jo’burg depot',
      currency: 'ZAR',
      locale: 'en-ZA',
      timeZone: 'Africa/Johannesburg',
      units: 'metric',
    });
  });

  test.each([
    ['currency', 'XYZ', 'Choose a currency from the list, e.g. ZAR, EUR or USD'],
    ['currency', 'RANDS', 'Choose a currency from the list, e.g. ZAR, EUR or USD'],
    ['locale', 'english please', 'Enter a language and region such as en-ZA or de-DE'],
    ['locale', 'qq-ZZ', 'Enter a language and region such as en-ZA or de-DE'],
    ['timeZone', 'Mars/Olympus_Mons', 'Choose a time zone from the list, e.g. Africa/Johannesburg'],
    ['units', 'cubits', 'Choose metric or imperial'],
    ['siteName', '   ', 'Enter the site name'],
  ])('refuse a bad %s (%s) saying what to do', (field, value, message) => {
    const result = SiteSettingsSchema.safeParse({ ...GOOD, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([field, message]);
  });

  test('UTC is a time zone even where Intl lists only geographic ones', () => {
    expect(SiteSettingsSchema.parse({ ...GOOD, timeZone: 'UTC' }).timeZone).toBe('UTC');
  });
});

describe('suggested settings from the browser', () => {
  test('a South African browser suggests rand, en-ZA and metric', () => {
    expect(suggestSettings({ languages: ['en-ZA', 'en'], timeZone: 'Africa/Johannesburg' })).toEqual({
      currency: 'ZAR',
      locale: 'en-ZA',
      timeZone: 'Africa/Johannesburg',
      units: 'metric',
    });
  });

  test('a language without a region gets its likely one; the US gets dollars and imperial', () => {
    expect(suggestSettings({ languages: ['de'], timeZone: 'Europe/Berlin' })).toMatchObject({
      locale: 'de-DE',
      currency: 'EUR',
    });
    expect(suggestSettings({ languages: ['en-US'], timeZone: 'America/Chicago' })).toMatchObject({
      currency: 'USD',
      units: 'imperial',
    });
  });

  test('what the browser cannot tell falls back to values that always work', () => {
    expect(suggestSettings({ languages: [], timeZone: undefined })).toEqual({
      currency: 'GBP',
      locale: 'en-GB',
      timeZone: 'UTC',
      units: 'metric',
    });
    expect(suggestSettings({ languages: ['not a tag'], timeZone: 'Nowhere/Special' }).timeZone).toBe('UTC');
  });
});
