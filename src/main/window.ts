import { BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { isAllowedExternalUrl, rendererEntryUrl, secureWebPreferences } from './security';
import { guardContents, guardSession } from './web-contents-policy';
import { MIN_WINDOW_SIZE, type WindowState } from './window-state';

/** Asks before handing a link to the system; only https: and mailto: are ever offered. */
export async function confirmAndOpenExternal(url: string, parent?: BrowserWindow): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  const options = {
    type: 'question' as const,
    buttons: ['Open link', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Open external link?',
    message: 'Open this link in your browser?',
    detail: url,
  };
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(url);
  return true;
}

/** Denies navigation, new windows, webviews and permission requests for a renderer (policy: web-contents-policy.ts). */
export function hardenWebContents(contents: WebContents, allowedOrigin: string): void {
  // A link the page tried to open in a new window goes to the browser only after confirmation.
  guardContents(contents, allowedOrigin, (url) => void confirmAndOpenExternal(url, BrowserWindow.fromWebContents(contents) ?? undefined));
}

/** Refuses every permission (camera, notifications, geolocation …) the web content may ask for. */
export function denyAllPermissions(): void {
  guardSession(session.defaultSession);
}

/** Creates the main window with the secure preferences, where it was last time, and loads the renderer. */
export function createMainWindow(options: { preloadDir: string; devServerUrl?: string; state: WindowState }): BrowserWindow {
  const { state } = options;
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Report Workbench',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(join(options.preloadDir, 'index.cjs')),
  });
  // Its web contents are hardened by the app-wide 'web-contents-created' handler in index.ts.
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(rendererEntryUrl(options.devServerUrl));
  return win;
}
