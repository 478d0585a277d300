export { isAllowedExternalUrl } from '../shared/links';

/**
 * The app's security policy as plain data and pure functions (no Electron import), so each
 * promise is unit-tested: window preferences, CSP, trusted senders, external links, app:// paths.
 */

/** The privileged scheme the built renderer is served from (never file://). */
export const APP_SCHEME = 'app';
/** Host part of app:// URLs. */
export const APP_HOST = 'rwb';
/** Origin of the renderer in production. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Content-Security-Policy for every renderer document. No remote origins, no eval; styles may be
 * inline because Mantine and pdf.js's text layer set style attributes; 'wasm-unsafe-eval' lets
 * pdf.js compile its bundled image decoders (WebAssembly only, not JavaScript eval). Fonts come
 * from the app only: the bundled Inter files (pdf.js hands its fonts to the FontFace API as bytes,
 * which needs no font-src).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The subset of Electron's WebPreferences the app sets. */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: boolean;
}

/** The renderer's webPreferences: isolated, sandboxed, no Node, web security on. */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** Parses a URL, or undefined when it is not one. */
function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True when an IPC message comes from the app's own document: app://rwb in production, or the
 * electron-vite dev server's origin when one is given.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, devServerUrl?: string): boolean {
  if (!senderUrl) return false;
  const u = parseUrl(senderUrl);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  if (devServerUrl) {
    const dev = parseUrl(devServerUrl);
    if (dev && dev.origin !== 'null' && u.origin === dev.origin) return true;
  }
  return false;
}

/** MIME types of the files the renderer build contains. */
const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  pfb: 'application/octet-stream',
  bcmap: 'application/octet-stream',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
  map: 'application/json',
};

/** The Content-Type for a served file. */
export function mimeTypeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}

/**
 * Maps an app:// request URL to a path relative to the renderer build folder, or undefined when
 * it is not ours or tries to escape the folder ("..", encoded separators, NUL).
 */
export function appRequestPath(requestUrl: string): string | undefined {
  const u = parseUrl(requestUrl);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return undefined;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/** The origin the renderer runs on: the dev server's in development, app://rwb otherwise. */
export function rendererOrigin(devServerUrl?: string): string {
  return devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
}

/** The URL the main window loads: the dev server in development, app://rwb/index.html otherwise (never file://). */
export function rendererEntryUrl(devServerUrl?: string): string {
  return devServerUrl ?? `${APP_ORIGIN}/index.html`;
}
