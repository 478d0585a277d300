import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as v from 'valibot';

/** What reading a small JSON state file gave: its checked value, or why there is none. */
export type JsonFileRead<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'corrupt'; message: string };

/** The largest state file read (they hold a few hundred bytes; anything bigger is not ours). */
const MAX_STATE_BYTES = 1024 * 1024;

/**
 * Reads a JSON state file and checks it with `schema`. A missing, unreadable, oversized or
 * malformed file is reported, never thrown: the caller falls back to its defaults.
 */
export async function readJsonFile<S extends v.GenericSchema>(path: string, schema: S): Promise<JsonFileRead<v.InferOutput<S>>> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_STATE_BYTES) return { ok: false, reason: 'corrupt', message: `${path} is too large to be a state file.` };
    text = bytes.toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : 'corrupt', message: `${path} could not be read: ${(e as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'corrupt', message: `${path} is not valid JSON: ${(e as Error).message}` };
  }
  const parsed = v.safeParse(schema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue ? v.getDotPath(issue) : null;
    return { ok: false, reason: 'corrupt', message: `${path} has an unexpected shape${where ? ` at ${where}` : ''}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.output };
}

/** Writes `value` as JSON atomically: a temporary file beside the target, flushed, then renamed over it. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(value, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

/** As {@link writeJsonFile}, synchronously: for the moment a window closes, when an async write may not finish before the app quits. */
export function writeJsonFileSync(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(value, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
