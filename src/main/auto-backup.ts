import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** How many automatic backups are kept. */
export const KEEP_AUTO_BACKUPS = 20;
/** Shortest time between two automatic backups while there are changes. */
export const AUTO_BACKUP_INTERVAL_MS = 10 * 60 * 1000;

const NAME = /^auto-(\d{8}T\d{6}(?:\d{3})?Z)\.rwb-backup$/;

/** The file name of an automatic backup made at `when` (sortable by name). */
export function autoBackupName(when: Date): string {
  return `auto-${when.toISOString().replace(/[-:.]/g, '')}.rwb-backup`;
}

/**
 * Writes one automatic backup into `dir` atomically (temporary file, flush to disk, rename), then
 * removes the oldest so that at most `keep` remain. Resolves to the new file's path.
 */
export async function writeAutoBackup(dir: string, bytes: Uint8Array, options: { now?: Date; keep?: number } = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, autoBackupName(options.now ?? new Date()));
  const tmp = `${target}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    // A backup is only a backup once it is on the disk: flush before it takes its real name.
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, target);
  const backups = (await readdir(dir)).filter((f) => NAME.test(f)).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - (options.keep ?? KEEP_AUTO_BACKUPS)))) {
    await rm(join(dir, old), { force: true });
  }
  return target;
}
