import type { RwbApi } from '../../../shared/ipc/api';
import { createElectronHost } from './electron-host';
import type { Host } from './host';
import { createWebHost } from './web-host';

export type { Host } from './host';

/** The Electron host when the preload bridge is present, else the web host. */
export function createHost(): Host {
  const api = (window as { rwb?: RwbApi }).rwb;
  return api ? createElectronHost(api) : createWebHost();
}
