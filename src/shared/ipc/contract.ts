import * as v from 'valibot';
import type { IngestedDocument, IngestErrorCode, IngestProgress } from '../ingest/types';
import { MAX_FILE_BYTES } from '../ingest/ingest';
import { RENDERER_COMMANDS, type RendererCommand } from '../commands';

/**
 * The one contract between the renderer and the Electron host. Each call has a payload schema
 * (checked in main before anything runs) and a result type; every result crosses as a
 * `Result` value (see result.ts), never as a thrown error.
 */

/** A file read and ingested by the host, with its bytes for the renderer to store. */
export interface IngestedFile {
  document: IngestedDocument;
  bytes: Uint8Array;
}

/** An ingestion that failed, with the code so the renderer can ask for a password. */
export interface IngestFailure {
  fileName: string;
  code: IngestErrorCode;
  message: string;
}

/** Each file chosen in the open dialog, ingested or failed. */
export type IngestOutcome = { ok: true; file: IngestedFile } | ({ ok: false; /** Kept for a retry when a password is needed. */ bytes?: Uint8Array } & IngestFailure);

/** Menu and shortcut commands the host sends to the renderer: the renderer's rows of the command table (src/shared/commands.ts). */
export const COMMANDS: readonly RendererCommand[] = RENDERER_COMMANDS;
export type Command = RendererCommand;

const fileName = v.pipe(v.string(), v.minLength(1), v.maxLength(255));
const password = v.optional(v.pipe(v.string(), v.maxLength(1024)));
const bytes = v.pipe(
  v.custom<Uint8Array>((b) => b instanceof Uint8Array, 'Expected bytes (Uint8Array)'),
  v.check((b) => b.byteLength <= MAX_FILE_BYTES, 'file is too large'),
);

/** Payload schemas, one per call. */
export const callSchemas = {
  /** Shows the native open dialog and ingests each chosen .pdf/.txt file. `null` when cancelled. */
  openDocuments: v.strictObject({}),
  /** Ingests bytes the renderer already has (drag and drop, a retry with a password). */
  ingestBytes: v.strictObject({ fileName, bytes, password }),
  /** Reads and ingests the bundled sample report (first start). */
  loadSample: v.strictObject({}),
  /** Asks where to save and writes the bytes; the saved path, or `null` when cancelled. */
  saveFile: v.strictObject({
    suggestedName: fileName,
    bytes,
  }),
  /** Keeps an automatic backup of the workspace in the user-data folder (the last 20 are kept); resolves to its path. */
  writeAutoBackup: v.strictObject({ bytes }),
  /** Keeps the copy of the workspace taken before a database upgrade beside the automatic backups (the last 5); resolves to its path. */
  keepPreUpgradeCopy: v.strictObject({ fromVersion: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)), bytes }),
  /** Stops every ingestion under way; each then answers with code `cancelled` and nothing is imported. */
  cancelIngest: v.strictObject({}),
  /** Opens an https: or mailto: link in the system browser after the analyst confirms. */
  openExternal: v.strictObject({ url: v.pipe(v.string(), v.maxLength(4096)) }),
  /**
   * Hands over the files main opened by itself before the renderer listened (command line, a
   * second launch, the OS, Open Recent), and from then on sends them as `filesOpened` events.
   */
  takeOpenedFiles: v.strictObject({}),
  /** Makes the native window (title bar, dialogs) follow the renderer's colour scheme: the system's, or an override. */
  setThemeSource: v.strictObject({ source: v.picklist(['system', 'light', 'dark']) }),
} as const;

/** What each call answers with (inside a Result). */
export interface CallResults {
  openDocuments: IngestOutcome[] | null;
  ingestBytes: IngestOutcome;
  loadSample: IngestOutcome;
  saveFile: string | null;
  cancelIngest: number;
  writeAutoBackup: string;
  keepPreUpgradeCopy: string;
  openExternal: boolean;
  takeOpenedFiles: IngestOutcome[];
  setThemeSource: boolean;
}

export type CallName = keyof typeof callSchemas;
export type CallInput<K extends CallName> = v.InferOutput<(typeof callSchemas)[K]>;
export type CallResult<K extends CallName> = CallResults[K];

/** Events the host sends to the renderer, with their payloads. */
export interface HostEvents {
  /** A menu item or global shortcut was used. */
  command: Command;
  /** Pages ingested so far for the file being read. */
  ingestProgress: IngestProgress & { fileName: string };
  /** Files main read and ingested itself, from paths it chose (Open Recent, command line, second launch, the OS). */
  filesOpened: IngestOutcome[];
}
export type EventName = keyof HostEvents;

/** The IPC channel of a call or event. */
export function channelOf(name: CallName | EventName): string {
  return `rwb:${name}`;
}
