import { createContext, useContext } from 'react';
import type { FindingHistory } from '../../../shared/store/finding-history';
import type { WorkbenchStore } from '../../../shared/store/workbench-store';
import type { Host } from '../host';

/** The app's long-lived services, provided once at the root. */
export interface Services {
  host: Host;
  store: WorkbenchStore;
  /** Finding changes with undo and redo. */
  history: FindingHistory;
}

export const ServicesContext = createContext<Services | null>(null);

/** The host and store; throws outside the provider (a programming error). */
export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesContext');
  return s;
}
