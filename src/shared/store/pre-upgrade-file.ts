import { strToU8, strFromU8, zipSync } from 'fflate';
import * as v from 'valibot';
import { listZipEntries, unzipEntries } from '../backup/safe-unzip';
import type { PreUpgradeBackup } from './pre-upgrade-backup';

/**
 * A pre-upgrade copy of the workspace as one file, so the desktop app can also keep it on disk
 * beside its automatic backups: a zip with `copy.json` (the records, each byte array replaced by
 * a reference) and the byte arrays (the original documents) as entries of their own.
 */
const JSON_ENTRY = 'copy.json';
const FORMAT = 'report-workbench-pre-upgrade-copy';
/** Largest file {@link decodePreUpgradeCopy} unpacks (documents included). */
const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;

/** Where a byte array went: `{ $bytes: "bytes/3" }`. */
interface BytesRef {
  $bytes: string;
}

const copySchema = v.object({
  format: v.literal(FORMAT),
  database: v.pipe(v.string(), v.minLength(1)),
  id: v.string(),
  fromVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  toVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  createdAt: v.string(),
  tables: v.record(v.string(), v.array(v.unknown())),
});

/** Packs a pre-upgrade copy into the bytes of one file. */
export function encodePreUpgradeCopy(backup: PreUpgradeBackup): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  const json = JSON.stringify({ format: FORMAT, ...backup }, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      const name = `bytes/${Object.keys(entries).length}`;
      entries[name] = value;
      return { $bytes: name } satisfies BytesRef;
    }
    return value;
  });
  return zipSync({ [JSON_ENTRY]: strToU8(json), ...entries });
}

/** Reads a file written by {@link encodePreUpgradeCopy}; throws a readable error for anything else. */
export function decodePreUpgradeCopy(bytes: Uint8Array): PreUpgradeBackup {
  let listed;
  try {
    listed = listZipEntries(bytes, 1_000_000);
  } catch {
    throw new Error('This is not a pre-upgrade copy of a Report Workbench workspace: it is not a zip archive.');
  }
  if (!listed.some((e) => e.name === JSON_ENTRY)) throw new Error('This is not a pre-upgrade copy of a Report Workbench workspace: it has no copy.json.');
  if (listed.reduce((n, e) => n + e.size, 0) > MAX_UNPACKED_BYTES) throw new Error('This pre-upgrade copy unpacks to more than 2 GB; it was not read.');
  const files = unzipEntries(bytes, new Set(listed.map((e) => e.name)));
  const parsed = v.safeParse(
    copySchema,
    JSON.parse(strFromU8(files.get(JSON_ENTRY)!), (_key, value: unknown) => {
      if (value && typeof value === 'object' && typeof (value as BytesRef).$bytes === 'string' && Object.keys(value).length === 1) {
        const data = files.get((value as BytesRef).$bytes);
        if (!data) throw new Error(`This pre-upgrade copy is damaged: ${(value as BytesRef).$bytes} is missing.`);
        return data;
      }
      return value;
    }),
  );
  if (!parsed.success) throw new Error(`This is not a pre-upgrade copy of a Report Workbench workspace: ${v.summarize(parsed.issues).split('\n')[0]}.`);
  const { format: _format, ...backup } = parsed.output;
  return backup;
}
