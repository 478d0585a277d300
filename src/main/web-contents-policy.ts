import { isAllowedExternalUrl } from '../shared/links';

/**
 * What a renderer may do beyond showing the app: navigate, open windows, attach webviews, ask for
 * permissions. Decisions are plain functions, and the wiring takes the parts of Electron's
 * WebContents and Session it uses as interfaces, so Node tests drive it with stand-ins (no
 * Electron import here; window.ts passes the real objects).
 */

/** The event object Electron passes to will-navigate and friends. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of Electron's WebContents the policy hooks. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The parts of Electron's Session the policy sets. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/**
 * True when `url` is on the app's own origin. Compares scheme and host rather than URL.origin,
 * which is "null" for a custom scheme such as app:// outside Chromium. Unparsable URLs are refused.
 */
export function isSameOrigin(url: string, allowedOrigin: string): boolean {
  try {
    const target = new URL(url);
    const allowed = new URL(allowedOrigin);
    return target.protocol === allowed.protocol && target.host === allowed.host && target.host !== '';
  } catch {
    return false;
  }
}

/**
 * The app is a single page: it never navigates itself. A navigation or redirect is allowed only
 * within its own origin (a reload in development); anything else (a link in a document, a
 * dropped file, a script setting location) is cancelled.
 */
export function isNavigationAllowed(url: string, allowedOrigin: string): boolean {
  return isSameOrigin(url, allowedOrigin);
}

/** Every new window is denied; a https:/mailto: link is handed on to be offered in the browser. */
export function decideWindowOpen(url: string): { action: 'deny'; offerExternally: boolean } {
  return { action: 'deny', offerExternally: isAllowedExternalUrl(url) };
}

/** Permissions the app grants to web content: none (camera, notifications, geolocation, openExternal …). */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** Hooks navigation, redirects, new windows and webviews of one renderer. */
export function guardContents(contents: GuardedContents, allowedOrigin: string, offerExternally: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, allowedOrigin)) event.preventDefault();
  });
  // Sub-frames too (the app has none; a document could try to add one).
  contents.on('will-frame-navigate', (event) => {
    if (!isNavigationAllowed(event.url, allowedOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, allowedOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.offerExternally) offerExternally(url);
    return { action: decision.action };
  });
}

/** Refuses every permission request and check, and every device (USB, HID, serial …) a page asks for. */
export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
  session.setDevicePermissionHandler(() => false);
}
