import { createContext, useContext } from 'react';
import type { Outputs } from '../trpc.ts';

export type SiteStatus = Outputs['site']['status'];

/** The site's name, whether it is the demo, and its formatting values, as `site.status` last said. */
export const SiteContext = createContext<SiteStatus | null>(null);

export function useSite(): SiteStatus {
  const site = useContext(SiteContext);
  if (site === null) throw new Error('useSite needs the site status (render inside <App>)');
  return site;
}
