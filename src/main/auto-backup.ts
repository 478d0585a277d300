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

/** How many pre-upgrade copies are kept on disk. */
export const KEEP_PRE_UPGRADE_COPIES = 5;

const PRE_UPGRADE = /^pre-upgrade-v\d+-(\d{8}T\d{6}(?:\d{3})?Z)\.rwb-preupgrade$/;

/** The file name of the copy of a version-`fromVersion` workspace made at `when` before its upgrade. */
export function preUpgradeCopyName(fromVersion: number, when: Date): string {
  return `pre-upgrade-v${fromVersion}-${when.toISOString().replace(/[-:.]/g, '')}.rwb-preupgrade`;
}

/**
 * Writes `bytes` as `dir/name` atomically (temporary file, flush to disk, rename), then removes
 * the oldest files whose names match `kind` so that at most `keep` remain. Resolves to the path.
 */
async function writeKept(dir: string, name: string, bytes: Uint8Array, kind: RegExp, keep: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, name);
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
  // The names sort by time (the same prefix, then a timestamp).
  const kept = (await readdir(dir)).filter((f) => kind.test(f)).sort((a, b) => kind.exec(a)![1]!.localeCompare(kind.exec(b)![1]!));
  for (const old of kept.slice(0, Math.max(0, kept.length - keep))) {
    await rm(join(dir, old), { force: true });
  }
  return target;
}

/** Writes one automatic backup into `dir` atomically and keeps the last `keep` (20). Resolves to its path. */
export function writeAutoBackup(dir: string, bytes: Uint8Array, options: { now?: Date; keep?: number } = {}): Promise<string> {
  return writeKept(dir, autoBackupName(options.now ?? new Date()), bytes, NAME, options.keep ?? KEEP_AUTO_BACKUPS);
}

/**
 * Writes the copy of the workspace taken before a database upgrade (pre-upgrade-file.ts) into
 * `dir` atomically, beside the automatic backups, and keeps the last `keep` (5). Resolves to its path.
 */
export function writePreUpgradeCopy(dir: string, fromVersion: number, bytes: Uint8Array, options: { now?: Date; keep?: number } = {}): Promise<string> {
  return writeKept(dir, preUpgradeCopyName(fromVersion, options.now ?? new Date()), bytes, PRE_UPGRADE, options.keep ?? KEEP_PRE_UPGRADE_COPIES);
}
