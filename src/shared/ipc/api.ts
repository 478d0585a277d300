import type { Result } from '../result';
import type { CallInput, CallName, CallResult, HostEvents } from './contract';

/** The names of every call, for the preload to expose one function each (kept equal to the contract by type). */
export const CALL_NAMES = ['openDocuments', 'ingestBytes', 'loadSample', 'saveFile', 'writeAutoBackup', 'keepPreUpgradeCopy', 'cancelIngest', 'openExternal', 'takeOpenedFiles', 'setThemeSource'] as const satisfies readonly CallName[];

type Missing = Exclude<CallName, (typeof CALL_NAMES)[number]>;
// Fails to compile if a call is added to the contract but not listed above.
const allListed: [Missing] extends [never] ? true : Missing = true;
void allListed;

/** What the preload exposes as `window.rwb`: one function per call, one subscription per event. */
export type RwbApi = {
  [K in CallName]: (input: CallInput<K>) => Promise<Result<CallResult<K>>>;
} & {
  /** Subscribes to a host event; returns the unsubscribe function. */
  on<E extends keyof HostEvents>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
};
