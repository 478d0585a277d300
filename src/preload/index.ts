import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, type RwbApi } from '../shared/ipc/api';
import { channelOf, type HostEvents } from '../shared/ipc/contract';

// The only bridge between the sandboxed renderer and main: one named function per contract
// call, plus event subscriptions limited to the contract's events. Raw ipcRenderer never leaks.
const EVENTS = ['command', 'ingestProgress', 'filesOpened'] as const satisfies ReadonlyArray<keyof HostEvents>;
// Fails to compile if an event is added to the contract but not listed above.
const allEvents: [Exclude<keyof HostEvents, (typeof EVENTS)[number]>] extends [never] ? true : never = true;
void allEvents;

const api: Record<string, unknown> = {};
for (const name of CALL_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(channelOf(name), input);
}
api.on = (event: keyof HostEvents, listener: (payload: unknown) => void) => {
  if (!(EVENTS as ReadonlyArray<string>).includes(event)) throw new Error(`Unknown host event: ${String(event)}`);
  const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channelOf(event), wrapped);
  return () => void ipcRenderer.removeListener(channelOf(event), wrapped);
};

contextBridge.exposeInMainWorld('rwb', api as RwbApi);
