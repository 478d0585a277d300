import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { channelOf, type HostEvents } from '../shared/ipc/contract';
import { createHandlers } from './handlers';
import { registerHandlers } from './ipc';
import { installAppMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { APP_ORIGIN, isTrustedSenderUrl } from './security';
import { createMainWindow, denyAllPermissions, hardenWebContents } from './window';

// Thin glue: every decision lives in a tested module (security, ipc, ingest-service, menu).
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const here = import.meta.dirname;

registerAppScheme();

app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN));

let mainWindow: BrowserWindow | undefined;

function emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void {
  mainWindow?.webContents.send(channelOf(event), payload);
}

function openWindow(): void {
  mainWindow = createMainWindow({ preloadDir: join(here, '../preload'), devServerUrl });
  installAppMenu((command) => emit('command', command));
  mainWindow.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason !== 'clean-exit') mainWindow?.reload();
  });
  mainWindow.on('closed', () => (mainWindow = undefined));
}

void app.whenReady().then(() => {
  denyAllPermissions();
  serveRenderer(join(here, '../renderer'));
  const samplesDir = app.isPackaged ? join(process.resourcesPath, 'samples') : join(app.getAppPath(), 'resources/samples');
  registerHandlers(ipcMain, createHandlers({ samplesDir, backupsDir: join(app.getPath('userData'), 'backups'), emit }), {
    isTrustedSender: (url) => isTrustedSenderUrl(url, devServerUrl),
    onRejected: (call, reason) => console.warn(`[ipc] rejected ${call}: ${reason}`),
  });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
