import type { Command, HostEvents, IngestOutcome } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/result';

/**
 * Everything the renderer needs from where it runs. The Electron host forwards to the preload
 * API; the web host does the same work in the browser (file picker, Web Worker, downloads).
 */
export interface Host {
  readonly kind: 'electron' | 'web';
  /** Lets the analyst choose report files and ingests them; `null` when cancelled. */
  openDocuments(): Promise<Result<IngestOutcome[] | null>>;
  /** Ingests bytes already in hand (drag and drop, a retry with a password). */
  ingestBytes(fileName: string, bytes: Uint8Array, password?: string): Promise<Result<IngestOutcome>>;
  /** Ingests the bundled sample report. */
  loadSample(): Promise<Result<IngestOutcome>>;
  /** Saves bytes under a suggested name (a save dialog, or a download); the path or `null`. */
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<Result<string | null>>;
  /** Keeps an automatic backup (Electron: in the user-data folder); absent where the host cannot. */
  writeAutoBackup?(bytes: Uint8Array): Promise<Result<string>>;
  /** Keeps the copy taken before a workspace upgrade as a file (Electron: beside the automatic backups); absent where the host cannot. */
  keepPreUpgradeCopy?(fromVersion: number, bytes: Uint8Array): Promise<Result<string>>;
  /** Makes native parts of the window follow the colour scheme (Electron); absent where there are none. */
  setThemeSource?(source: 'system' | 'light' | 'dark'): Promise<Result<boolean>>;
  /** Stops the ingestion under way (nothing is imported); resolves to how many were stopped. */
  cancelIngest(): Promise<Result<number>>;
  /** Opens an https:/mailto: link after confirmation. */
  openExternal(url: string): Promise<Result<boolean>>;
  /** Menu commands and host shortcuts; returns the unsubscribe function. */
  onCommand(listener: (command: Command) => void): () => void;
  /**
   * Files the host opened by itself (Open Recent, the command line, a second launch, the OS),
   * already ingested; outcomes that came before anyone listened are delivered on subscribing.
   * Returns the unsubscribe function.
   */
  onFilesOpened(listener: (outcomes: IngestOutcome[]) => void): () => void;
  /** Progress of the file being ingested; returns the unsubscribe function. */
  onIngestProgress(listener: (progress: HostEvents['ingestProgress']) => void): () => void;
}
