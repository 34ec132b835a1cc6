import { createContext, useContext } from 'react';
import type { Formatters } from '../../../common/format.ts';

/** The site's formatters (money, numbers, dates, lengths), rebuilt when its settings change. */
export const FormatContext = createContext<Formatters | null>(null);

/** Formatting in the site's currency, locale, time zone and units; inside the app only. */
export function useFormat(): Formatters {
  const format = useContext(FormatContext);
  if (format === null) throw new Error('useFormat needs the site settings (render inside <App>)');
  return format;
}
