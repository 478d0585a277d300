import type { RwbApi } from '../../../shared/ipc/api';
import type { Command, IngestOutcome } from '../../../shared/ipc/contract';
import type { Host } from './host';
import { listenForShortcuts } from './keyboard';

/** The host inside Electron: every call goes through the preload's `window.rwb`. */
export function createElectronHost(api: RwbApi): Host {
  // Menu accelerators arrive from main; the few plain keys ("?") come from the keyboard here.
  const commandListeners = new Set<(c: Command) => void>();
  const dispatch = (command: Command): void => commandListeners.forEach((l) => l(command));
  api.on('command', dispatch);
  listenForShortcuts({ menuHasAccelerators: true }, dispatch);

  // Files main opened itself: held here until the app listens, so none is lost at start-up
  // (or while React re-subscribes).
  const openedListeners = new Set<(o: IngestOutcome[]) => void>();
  let waiting: IngestOutcome[] = [];
  const deliver = (outcomes: IngestOutcome[]): void => {
    if (outcomes.length === 0) return;
    if (openedListeners.size === 0) waiting.push(...outcomes);
    else openedListeners.forEach((l) => l(outcomes));
  };
  api.on('filesOpened', deliver);
  void api.takeOpenedFiles({}).then((r) => (r.ok ? deliver(r.value) : console.warn(`Files opened at start-up were not received: ${r.error}`)));

  return {
    kind: 'electron',
    openDocuments: () => api.openDocuments({}),
    ingestBytes: (fileName, bytes, password) => api.ingestBytes(password === undefined ? { fileName, bytes } : { fileName, bytes, password }),
    loadSample: () => api.loadSample({}),
    saveFile: (suggestedName, bytes) => api.saveFile({ suggestedName, bytes }),
    cancelIngest: () => api.cancelIngest({}),
    writeAutoBackup: (bytes) => api.writeAutoBackup({ bytes }),
    keepPreUpgradeCopy: (fromVersion, bytes) => api.keepPreUpgradeCopy({ fromVersion, bytes }),
    openExternal: (url) => api.openExternal({ url }),
    setThemeSource: (source) => api.setThemeSource({ source }),
    onCommand: (listener) => {
      commandListeners.add(listener);
      return () => void commandListeners.delete(listener);
    },
    onFilesOpened: (listener) => {
      openedListeners.add(listener);
      if (waiting.length) {
        const held = waiting;
        waiting = [];
        listener(held);
      }
      return () => void openedListeners.delete(listener);
    },
    onIngestProgress: (listener) => api.on('ingestProgress', listener),
  };
}
