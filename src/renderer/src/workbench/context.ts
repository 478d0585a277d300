import { createContext, useContext } from 'react';
import type { WorkbenchStore } from '../../../shared/store/workbench-store';
import type { Host } from '../host';

/** The app's long-lived services, provided once at the root. */
export interface Services {
  host: Host;
  store: WorkbenchStore;
}

export const ServicesContext = createContext<Services | null>(null);

/** The host and store; throws outside the provider (a programming error). */
export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesContext');
  return s;
}
