import { app, BrowserWindow, dialog, ipcMain, screen, shell } from 'electron';
import { basename, join } from 'node:path';
import { channelOf, type HostEvents } from '../shared/ipc/contract';
import { createHandlers } from './handlers';
import { ingestPathInWorker } from './ingest-service';
import { registerHandlers } from './ipc';
import { installAppMenu } from './menu';
import { FileOpener, routeFileOpens } from './open-routing';
import { registerAppScheme, serveRenderer } from './protocol';
import { onRenderProcessGone } from './renderer-recovery';
import { RECENT_FILES_FILE, RecentFiles } from './recent-files';
import { isTrustedSenderUrl, rendererOrigin } from './security';
import { createTaskbarProgress } from './taskbar-progress';
import { createMainWindow, denyAllPermissions, hardenWebContents } from './window';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE, windowStateOf } from './window-state';

// Thin glue: every decision lives in a tested module (security, ipc, ingest-service, menu-template,
// window-state, recent-files, open-routing, taskbar-progress).
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const here = import.meta.dirname;
const isMac = process.platform === 'darwin';
const log = (message: string): void => console.warn(`[main] ${message}`);

let mainWindow: BrowserWindow | undefined;

const taskbar = createTaskbarProgress((fraction) => mainWindow?.setProgressBar(fraction));

function emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void {
  // Long work shows in the taskbar/dock as well as in the window.
  if (event === 'ingestProgress') taskbar.update(payload as HostEvents['ingestProgress']);
  mainWindow?.webContents.send(channelOf(event), payload);
}
const track: Parameters<typeof createHandlers>[0]['track'] = (ingestion) => {
  taskbar.start();
  return ingestion.finally(() => taskbar.settle());
};

const recentReady = app.whenReady().then(() => RecentFiles.load({ path: join(app.getPath('userData'), RECENT_FILES_FILE), log }));

function remember(path: string): void {
  app.addRecentDocument(path);
  void recentReady.then(async (recent) => {
    await recent.add(path);
    refreshMenu(recent);
  }).catch((e: unknown) => log(`Recent documents not saved: ${String(e)}`));
}

function forget(path: string): void {
  void recentReady
    .then(async (recent) => {
      await recent.remove(path);
      refreshMenu(recent);
    })
    .catch((e: unknown) => log(`Recent documents not saved: ${String(e)}`));
}

function focusWindow(): void {
  // macOS keeps running with no window: a file opened then gets a new one.
  if (!mainWindow) {
    if (app.isReady()) void openWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

const opener = new FileOpener({
  ingestPath: (path) => track(ingestPathInWorker(path, (p) => emit('ingestProgress', { fileName: basename(path), ...p }))),
  send: (outcomes) => emit('filesOpened', outcomes),
  remember,
  forget,
  focus: focusWindow,
});

function refreshMenu(recent: RecentFiles): void {
  installAppMenu({
    isMac,
    recent: recent.list(),
    actions: {
      send: (command) => emit('command', command),
      main: { 'open-data-folder': () => void shell.openPath(app.getPath('userData')) },
      openRecent: (path) => void opener.open([path]),
      clearRecent: () => {
        app.clearRecentDocuments();
        void recent.clear().then(() => refreshMenu(recent));
      },
    },
  });
}

async function openWindow(): Promise<void> {
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const win = createMainWindow({ preloadDir: join(here, '../preload'), devServerUrl, state: await loadWindowState(stateFile, displays, log) });
  mainWindow = win;
  // A reloading page is not listening: files opened meanwhile wait for it to ask.
  win.webContents.on('did-start-loading', () => opener.rendererGone());
  win.webContents.on('render-process-gone', onRenderProcessGone(win.webContents, (title, message) => dialog.showErrorBox(title, message)));
  win.on('close', () => {
    try {
      saveWindowState(stateFile, windowStateOf(win));
    } catch (e) {
      log(`Window state not saved: ${String(e)}`);
    }
  });
  win.on('closed', () => {
    mainWindow = undefined;
    opener.rendererGone();
  });
}

function start(): void {
  registerAppScheme();
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, rendererOrigin(devServerUrl)));
  void app.whenReady().then(async () => {
    denyAllPermissions();
    serveRenderer(join(here, '../renderer'));
    const samplesDir = app.isPackaged ? join(process.resourcesPath, 'samples') : join(app.getAppPath(), 'resources/samples');
    const handlers = createHandlers({ samplesDir, backupsDir: join(app.getPath('userData'), 'backups'), emit, track, remember, takeOpenedFiles: () => opener.take() });
    registerHandlers(ipcMain, handlers, {
      isTrustedSender: (url) => isTrustedSenderUrl(url, devServerUrl),
      onRejected: (call, reason) => console.warn(`[ipc] rejected ${call}: ${reason}`),
    });
    refreshMenu(await recentReady);
    await openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
}

// One instance: a second launch hands its files (command line) to this one and quits; so does macOS's open-file.
if (routeFileOpens(app, { argv: process.argv, cwd: process.cwd(), open: (paths) => void opener.open(paths), focus: focusWindow })) start();
