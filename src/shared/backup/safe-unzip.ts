import { unzipSync } from 'fflate';

/** An entry as the zip's central directory declares it, before anything is unpacked. */
export interface ZipEntryInfo {
  name: string;
  /** Packed size inside the archive. */
  compressedSize: number;
  /** Unpacked size, as declared (zip64 sizes included). */
  size: number;
  /** 0: stored, 8: deflate; anything else is not ours. */
  method: number;
}

/** Thrown when the directory lists more entries than allowed. */
export class TooManyEntriesError extends Error {
  override name = 'TooManyEntriesError';
}

/**
 * The archive's entries as its central directory declares them. Nothing is unpacked: the filter
 * sees each header and declines it, so a zip bomb costs only the walk over its directory.
 * Throws when the directory cannot be read, or holds more than `maxEntries` entries.
 */
export function listZipEntries(bytes: Uint8Array, maxEntries: number): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  unzipSync(bytes, {
    filter: (f) => {
      // A forged zip64 directory can claim billions of entries: stop walking early.
      if (entries.length >= maxEntries) throw new TooManyEntriesError(`more than ${maxEntries} entries`);
      entries.push({ name: f.name, compressedSize: f.size, size: f.originalSize, method: f.compression });
      return false;
    },
  });
  return entries;
}

/**
 * Unpacks the named entries. fflate inflates each into a buffer of its declared size and never
 * grows it, so the caller bounds memory by checking declared sizes first; an entry that unpacks to
 * more than it declared comes back cut short (and then fails its checksum).
 */
export function unzipEntries(bytes: Uint8Array, names: ReadonlySet<string>): Map<string, Uint8Array> {
  const files = unzipSync(bytes, { filter: (f) => names.has(f.name) });
  const out = new Map<string, Uint8Array>();
  for (const name of names) {
    if (Object.hasOwn(files, name)) out.set(name, exactCopy(files[name]!));
  }
  return out;
}

// Structured clone (IndexedDB) stores a view's whole underlying buffer, not just the view.
function exactCopy(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}
