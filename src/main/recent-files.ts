import { isAbsolute } from 'node:path';
import * as v from 'valibot';
import { readJsonFile, writeJsonFile } from './json-file';

/** The file in the user-data folder that keeps the list. */
export const RECENT_FILES_FILE = 'recent-files.json';
/** How many recent documents the menu lists. */
export const MAX_RECENT_FILES = 10;

const recentSchema = v.object({
  version: v.literal(1),
  files: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(4096))), v.maxLength(1000)),
});

/** Options for {@link RecentFiles.load}. */
export interface RecentFilesOptions {
  /** The JSON file the list lives in. */
  path: string;
  /** Longest list kept (default {@link MAX_RECENT_FILES}). */
  max?: number;
  /** Where a damaged file is reported. */
  log?: (message: string) => void;
}

/**
 * The app's own list of recently opened documents (paths main opened itself), newest first,
 * without duplicates, kept as JSON and written atomically after every change.
 */
export class RecentFiles {
  private constructor(
    private readonly path: string,
    private readonly max: number,
    private files: string[],
  ) {}

  /** Reads the list; a missing or damaged file gives an empty list (the damage is logged). */
  static async load(options: RecentFilesOptions): Promise<RecentFiles> {
    const max = options.max ?? MAX_RECENT_FILES;
    const read = await readJsonFile(options.path, recentSchema);
    if (!read.ok && read.reason === 'corrupt') options.log?.(`Recent documents list ignored: ${read.message}`);
    const files = read.ok ? [...new Set(read.value.files.filter((f) => isAbsolute(f)))].slice(0, max) : [];
    return new RecentFiles(options.path, max, files);
  }

  /** The paths, newest first. */
  list(): readonly string[] {
    return this.files;
  }

  /** Puts a path first (moving it if it was already listed). */
  async add(path: string): Promise<void> {
    if (!isAbsolute(path)) throw new Error(`Not an absolute path: ${path}`);
    this.files = [path, ...this.files.filter((f) => f !== path)].slice(0, this.max);
    await this.save();
  }

  /** Drops a path (a file that is gone). */
  async remove(path: string): Promise<void> {
    if (!this.files.includes(path)) return;
    this.files = this.files.filter((f) => f !== path);
    await this.save();
  }

  /** Empties the list. */
  async clear(): Promise<void> {
    this.files = [];
    await this.save();
  }

  /** Writes one after another (they share a temporary file name); each write holds the list as it was when asked. */
  private save(): Promise<void> {
    const files = [...this.files];
    const next = this.saving.catch(() => undefined).then(() => writeJsonFile(this.path, { version: 1, files }));
    this.saving = next;
    return next;
  }

  private saving: Promise<void> = Promise.resolve();
}
