import { Dexie } from 'dexie';
import { useEffect } from 'react';
import { createBackup } from '../../../shared/backup/create-backup';
import { useServices } from './context';

/** Shortest time between two automatic backups while there are changes. */
const INTERVAL_MS = 10 * 60 * 1000;

/**
 * Where the host can keep automatic backups (Electron: the user-data folder), writes one at most
 * every 10 minutes while the workspace has changed, and one when the app starts with data.
 */
export function useAutoBackup(): void {
  const { host, store } = useServices();
  useEffect(() => {
    const write = host.writeAutoBackup?.bind(host);
    if (!write) return;
    let dirty = true;
    let busy = false;
    const onChange = (): void => {
      dirty = true;
    };
    Dexie.on('storagemutated', onChange);
    const tick = async (): Promise<void> => {
      if (!dirty || busy) return;
      busy = true;
      dirty = false;
      try {
        if ((await store.db.documents.count()) === 0) return;
        const saved = await write(await createBackup(store));
        if (!saved.ok) throw new Error(saved.error);
      } catch (e) {
        // Try again at the next tick; the workspace itself is untouched.
        dirty = true;
        console.warn('Automatic backup failed:', e);
      } finally {
        busy = false;
      }
    };
    const first = setTimeout(() => void tick(), 30_000);
    const timer = setInterval(() => void tick(), INTERVAL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
      Dexie.on.storagemutated.unsubscribe(onChange);
    };
  }, [host, store]);
}
