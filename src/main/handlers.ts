import { BrowserWindow, dialog, nativeTheme } from 'electron';
import { writeFile, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Handlers } from './ipc';
import type { HostEvents, IngestOutcome } from '../shared/ipc/contract';
import { cancelAllIngestions, ingestInWorker, ingestPathInWorker } from './ingest-service';
import { confirmAndOpenExternal } from './window';
import { writeAutoBackup, writePreUpgradeCopy } from './auto-backup';

/** What the handlers need from the app. */
export interface HandlerContext {
  /** Folder holding the bundled sample report. */
  samplesDir: string;
  /** Folder of automatic backups (in the user-data folder). */
  backupsDir: string;
  /** Sends an event to the renderer of the window that asked. */
  emit: <E extends keyof HostEvents>(event: E, payload: HostEvents[E]) => void;
  /** Wraps each ingestion, so long work shows in the taskbar/dock until it settles. */
  track: (ingestion: Promise<IngestOutcome>) => Promise<IngestOutcome>;
  /** Remembers a path the analyst opened (recent documents). */
  remember: (path: string) => void;
  /** Outcomes of files main opened before the renderer listened. */
  takeOpenedFiles: () => IngestOutcome[];
}

/** The Electron host's implementation of every contract call. */
export function createHandlers(ctx: HandlerContext): Handlers {
  const win = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const progress = (fileName: string) => (p: { done: number; total: number }) => ctx.emit('ingestProgress', { fileName, ...p });
  return {
    async openDocuments() {
      const parent = win();
      const options: Electron.OpenDialogOptions = {
        title: 'Open report',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Reports (PDF, text, HTML)', extensions: ['pdf', 'txt', 'md', 'html', 'htm'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      if (chosen.canceled || chosen.filePaths.length === 0) return null;
      const outcomes = [];
      for (const path of chosen.filePaths) {
        const outcome = await ctx.track(ingestPathInWorker(path, progress(basename(path))));
        if (outcome.ok) ctx.remember(path);
        outcomes.push(outcome);
      }
      return outcomes;
    },
    async ingestBytes({ fileName, bytes, password }) {
      return ctx.track(ingestInWorker({ fileName, bytes, password }, progress(fileName)));
    },
    async loadSample() {
      return ingestPathInWorker(join(ctx.samplesDir, 'tip-2015-excerpt.pdf'));
    },
    async saveFile({ suggestedName, bytes }) {
      const parent = win();
      const options = { title: 'Save', defaultPath: suggestedName };
      const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return null;
      // Write beside the target and rename, so a crash never leaves a half-written file.
      const tmp = `${chosen.filePath}.${process.pid}.tmp`;
      await writeFile(tmp, bytes, { flush: true });
      await rename(tmp, chosen.filePath);
      return chosen.filePath;
    },
    async writeAutoBackup({ bytes }) {
      return writeAutoBackup(ctx.backupsDir, bytes);
    },
    async keepPreUpgradeCopy({ fromVersion, bytes }) {
      return writePreUpgradeCopy(ctx.backupsDir, fromVersion, bytes);
    },
    async cancelIngest() {
      return cancelAllIngestions();
    },
    async openExternal({ url }) {
      return confirmAndOpenExternal(url, win());
    },
    async takeOpenedFiles() {
      return ctx.takeOpenedFiles();
    },
    async setThemeSource({ source }) {
      nativeTheme.themeSource = source;
      return true;
    },
  };
}
