import type { RwbApi } from '../../../shared/ipc/api';
import type { Host } from './host';

/** The host inside Electron: every call goes through the preload's `window.rwb`. */
export function createElectronHost(api: RwbApi): Host {
  return {
    kind: 'electron',
    openDocuments: () => api.openDocuments({}),
    ingestBytes: (fileName, bytes, password) => api.ingestBytes(password === undefined ? { fileName, bytes } : { fileName, bytes, password }),
    loadSample: () => api.loadSample({}),
    saveFile: (suggestedName, bytes) => api.saveFile({ suggestedName, bytes }),
    cancelIngest: () => api.cancelIngest({}),
    writeAutoBackup: (bytes) => api.writeAutoBackup({ bytes }),
    openExternal: (url) => api.openExternal({ url }),
    onCommand: (listener) => api.on('command', listener),
    onIngestProgress: (listener) => api.on('ingestProgress', listener),
  };
}
