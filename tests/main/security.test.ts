import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { registerHandlers, type Handlers, type InvokeEventLike, type IpcMainLike } from '../../src/main/ipc';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  appRequestPath,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  rendererEntryUrl,
  rendererOrigin,
  secureWebPreferences,
} from '../../src/main/security';
import { guardContents, guardSession, type GuardedContents, type GuardedSession, type PreventableEvent } from '../../src/main/web-contents-policy';
import { CALL_NAMES } from '../../src/shared/ipc/api';
import { callSchemas, channelOf, type CallName } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/result';

// One test per item of Electron's security checklist
// (https://www.electronjs.org/docs/latest/tutorial/security), as far as it can be checked in
// Node without the Electron binary: the policy modules are driven directly, and Electron's
// objects are replaced by recorders of what the app hands them.

const root = resolve(import.meta.dirname, '../..');
const prefs = secureWebPreferences('/app/out/preload/index.cjs');
const DEV = 'http://localhost:5173';

/** Electron's preload-side API, recorded (the preload is loaded with this in place of `electron`). */
const bridge = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, value: null })),
    on: (channel: string, l: (...args: unknown[]) => void) => (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(l),
    removeListener: (channel: string, l: (...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
    send: () => {
      throw new Error('the preload must not use ipcRenderer.send');
    },
  };
  return { exposed, invoked, listeners, ipcRenderer };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: bridge.ipcRenderer,
}));

/** A stand-in WebContents that records the listeners the policy registers, to fire them. */
class RecordingContents implements GuardedContents {
  readonly listeners = new Map<string, (...args: unknown[]) => void>();
  windowOpenHandler?: (details: { url: string }) => { action: 'deny' };
  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, listener as (...args: unknown[]) => void);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires a will-navigate-style event; true when the policy cancelled it. */
  fire(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    const e: PreventableEvent & { url: string } = { preventDefault: () => void (prevented = true), url };
    const l = this.listeners.get(event);
    if (!l) throw new Error(`no ${event} listener`);
    l(e, url);
    return prevented;
  }
}

function guarded(origin: string): { contents: RecordingContents; offered: string[] } {
  const contents = new RecordingContents();
  const offered: string[] = [];
  guardContents(contents, origin, (url) => offered.push(url));
  return { contents, offered };
}

const HOSTILE_URLS = [
  'https://evil.example/',
  'http://localhost:5173/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'app://other/index.html',
  'app:///index.html',
  'not a url',
  '',
];

/** CSP directives by name. */
const csp = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values];
  }),
);

/** Every .ts/.tsx/.html file under src, with its text. */
function sourceFiles(): { path: string; text: string }[] {
  return (readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => /\.(tsx?|html)$/.test(f))
    .map((f) => ({ path: `src/${f}`, text: readFileSync(join(root, 'src', f), 'utf8') }));
}

/** Records handlers the way Electron's ipcMain would, so tests can invoke them. */
class RecordingIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<Result<unknown>> {
    return this.listeners.get(channel)!({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args) as Promise<Result<unknown>>;
  }
}

describe("Electron's security checklist", () => {
  it('1. Only load secure content: the app loads its own app:// origin, the CSP names no remote origin, the page no http(s) resource', () => {
    expect(rendererEntryUrl()).toBe('app://rwb/index.html');
    expect(rendererOrigin()).toBe(APP_ORIGIN);
    for (const [name, values] of csp) {
      for (const v of values) expect(v, `${name} ${v}`).toMatch(/^('[a-z-]+'|data:|blob:)$/);
    }
    expect(readFileSync(join(root, 'src/renderer/index.html'), 'utf8')).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('2. Do not enable Node.js integration for remote content: nodeIntegration off in the page, its workers and sub-frames', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('3. Enable context isolation', () => {
    expect(prefs.contextIsolation).toBe(true);
  });

  it('4. Enable process sandboxing (with a CommonJS preload, the only kind a sandbox runs)', () => {
    expect(prefs.sandbox).toBe(true);
    expect(prefs.preload).toMatch(/\.cjs$/);
  });

  it('5. Handle session permission requests from remote content: every request, check and device is refused', () => {
    const handlers: { request?: Parameters<GuardedSession['setPermissionRequestHandler']>[0]; check?: Parameters<GuardedSession['setPermissionCheckHandler']>[0]; device?: Parameters<GuardedSession['setDevicePermissionHandler']>[0] } = {};
    guardSession({
      setPermissionRequestHandler: (h) => void (handlers.request = h),
      setPermissionCheckHandler: (h) => void (handlers.check = h),
      setDevicePermissionHandler: (h) => void (handlers.device = h),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'midiSysex', 'hid', 'serial', 'usb', 'pointerLock', 'unknown']) {
      const answers: boolean[] = [];
      handlers.request!(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(handlers.check!(null, permission), permission).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('6. Do not disable webSecurity', () => {
    expect(prefs.webSecurity).toBe(true);
  });

  it("7. Define a Content Security Policy: deny by default, scripts only from the app, no 'unsafe-eval' or inline script", () => {
    // 'none' is stricter than the checklist's default-src 'self': each kind of resource is opted in.
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Sent with every app:// response.
    expect(readFileSync(join(root, 'src/main/protocol.ts'), 'utf8')).toContain("'Content-Security-Policy': CONTENT_SECURITY_POLICY");
  });

  it('7b. Fonts load from the app itself only (the bundled Inter), not from data: or remote URLs', () => {
    expect(csp.get('font-src')).toEqual(["'self'"]);
  });

  it('8. Do not enable allowRunningInsecureContent', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('9. Do not enable experimental features', () => {
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('10. Do not use enableBlinkFeatures', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    for (const f of sourceFiles()) expect(f.text, f.path).not.toContain('enableBlinkFeatures');
  });

  it('11. Do not use allowpopups for WebViews: the <webview> tag is disabled and nothing sets allowpopups', () => {
    expect(prefs.webviewTag).toBe(false);
    for (const f of sourceFiles()) expect(f.text.toLowerCase(), f.path).not.toContain('allowpopups');
  });

  it('12. Verify WebView options before creation: every webview is refused before it attaches', () => {
    for (const origin of [APP_ORIGIN, DEV]) expect(guarded(origin).contents.fire('will-attach-webview')).toBe(true);
  });

  it('13. Disable or limit navigation: leaving the app origin is cancelled, for the page, its frames and redirects', () => {
    const { contents } = guarded(APP_ORIGIN);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      for (const url of HOSTILE_URLS) expect(contents.fire(event, url), `${event} ${url}`).toBe(true);
      expect(contents.fire(event, 'app://rwb/index.html'), `${event} own page`).toBe(false);
    }
    // In development the dev server is the app's origin, and only it.
    const dev = guarded(rendererOrigin(`${DEV}/`)).contents;
    expect(dev.fire('will-navigate', `${DEV}/index.html`)).toBe(false);
    expect(dev.fire('will-navigate', 'http://localhost:5174/')).toBe(true);
    expect(dev.fire('will-navigate', 'app://rwb/index.html')).toBe(true);
  });

  it('14. Disable or limit creation of new windows: every window.open is denied; only https:/mailto: links are offered to the browser', () => {
    const { contents, offered } = guarded(APP_ORIGIN);
    for (const url of [...HOSTILE_URLS, 'https://www.state.gov/trafficking-in-persons-report/', 'mailto:analyst@example.org', 'app://rwb/index.html']) {
      expect(contents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(offered).toEqual(['https://evil.example/', 'https://www.state.gov/trafficking-in-persons-report/', 'mailto:analyst@example.org']);
  });

  it('15. Do not use shell.openExternal with untrusted content: only https: and mailto:, and only after the analyst confirms', () => {
    expect(isAllowedExternalUrl('https://www.state.gov/trafficking-in-persons-report/')).toBe(true);
    expect(isAllowedExternalUrl('mailto:analyst@example.org')).toBe(true);
    for (const bad of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://host/share', 'ms-msdt:/id', 'not a url', 'https://user:pw@example.com/']) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
    // The one call site: filter first, then a confirmation dialog, then shell.openExternal.
    const window = readFileSync(join(root, 'src/main/window.ts'), 'utf8');
    const calls = sourceFiles().filter((f) => f.path.startsWith('src/main/') && f.text.includes('shell.openExternal('));
    expect(calls.map((f) => f.path)).toEqual(['src/main/window.ts']);
    const filter = window.indexOf('if (!isAllowedExternalUrl(url)) return false;');
    const dialog = window.indexOf('dialog.showMessageBox');
    const open = window.indexOf('shell.openExternal(url)');
    expect(filter).toBeGreaterThan(-1);
    expect(dialog).toBeGreaterThan(filter);
    expect(open).toBeGreaterThan(dialog);
  });

  it('16. Use a current version of Electron: 45 or later, pinned exactly', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    const locked = lock.packages['node_modules/electron']?.version ?? '0';
    expect(locked).toBe(pkg.devDependencies.electron);
    expect(Number(locked.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('17. Validate the sender of all IPC messages: every contract call refuses foreign frames and invalid payloads before its handler runs', async () => {
    expect(isTrustedSenderUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isTrustedSenderUrl(`${DEV}/`, DEV)).toBe(true);
    for (const url of [...HOSTILE_URLS, undefined]) expect(isTrustedSenderUrl(url), String(url)).toBe(false);

    const ran: string[] = [];
    const handlers = Object.fromEntries((Object.keys(callSchemas) as CallName[]).map((name) => [name, async () => (ran.push(name), null)])) as unknown as Handlers;
    const ipc = new RecordingIpcMain();
    registerHandlers(ipc, handlers, { isTrustedSender: (u) => isTrustedSenderUrl(u) });
    const names = Object.keys(callSchemas) as CallName[];
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const channel = channelOf(name);
      for (const sender of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/', null]) {
        const r = await ipc.invoke(channel, sender, {});
        expect(r, `${name} from ${sender}`).toEqual({ ok: false, error: `Refused ${name}: the request did not come from the app's own window.` });
      }
      for (const payload of [[], [42], [null], ['text'], [{ injected: true }], [{}, {}]]) {
        const r = await ipc.invoke(channel, `${APP_ORIGIN}/index.html`, ...payload);
        expect(r.ok, `${name}(${JSON.stringify(payload)})`).toBe(false);
        expect(!r.ok && r.error, name).toMatch(new RegExp(`^Invalid request to ${name}: `));
      }
    }
    expect(ran).toEqual([]);
  });

  it('18. Avoid usage of the file:// protocol: the app is served from app://, file:// frames are not trusted, app:// paths cannot escape the build folder', () => {
    expect(rendererEntryUrl()).not.toMatch(/^file:/);
    expect(isTrustedSenderUrl('file:///app/out/renderer/index.html')).toBe(false);
    expect(appRequestPath('app://rwb/')).toBe('index.html');
    expect(appRequestPath('app://rwb/assets/index.js?v=1')).toBe('assets/index.js');
    expect(appRequestPath('app://rwb/pdfjs/cmaps/Adobe-Japan1-UCS2.bcmap')).toBe('pdfjs/cmaps/Adobe-Japan1-UCS2.bcmap');
    // The URL parser resolves dot segments first, so this stays inside the build folder.
    expect(appRequestPath('app://rwb/%2e%2e/%2e%2e/etc/passwd')).toBe('etc/passwd');
    expect(appRequestPath('app://rwb/assets/..%2f..%2fmain/index.js')).toBeUndefined();
    expect(appRequestPath('app://rwb/a%5c..%5c..%5csecret')).toBeUndefined();
    expect(appRequestPath('app://rwb/a%00.js')).toBeUndefined();
    expect(appRequestPath('app://other/index.html')).toBeUndefined();
    expect(appRequestPath('https://rwb/index.html')).toBeUndefined();
    expect(appRequestPath('file:///etc/passwd')).toBeUndefined();
  });

  it('19. Check which fuses you can change: the packaged binary has RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off, ASAR integrity and cookie encryption on', async () => {
    const { getConfig } = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, path: null, options: null): Promise<{ electronFuses?: Record<string, boolean> }>;
    };
    const fuses = (await getConfig(root, null, null)).electronFuses;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('20. Do not expose Electron APIs to untrusted web content: the preload exposes one function per contract call and never ipcRenderer or its events', async () => {
    await import('../../src/preload/index');
    expect([...bridge.exposed.keys()]).toEqual(['rwb']);
    const api = bridge.exposed.get('rwb') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'on'].sort());
    for (const [key, value] of Object.entries(api)) {
      expect(typeof value, key).toBe('function');
      expect(value, key).not.toBe(bridge.ipcRenderer.invoke);
      expect(value, key).not.toBe(bridge.ipcRenderer.on);
    }
    // A call reaches only its own channel, with exactly the one payload argument.
    await (api.openExternal as (input: unknown) => Promise<unknown>)({ url: 'https://example.org/' });
    expect(bridge.invoked).toEqual([[channelOf('openExternal'), { url: 'https://example.org/' }]]);
    // Event listeners get the payload only, never the IpcRendererEvent (whose `sender` is ipcRenderer).
    const on = api.on as (event: string, listener: (...args: unknown[]) => void) => () => void;
    const received: unknown[][] = [];
    const off = on('command', (...args) => received.push(args));
    const [wrapped] = bridge.listeners.get(channelOf('command'))!;
    wrapped!({ sender: bridge.ipcRenderer }, 'find');
    expect(received).toEqual([['find']]);
    off();
    expect(bridge.listeners.get(channelOf('command'))!.size).toBe(0);
    expect(() => on('rwb:raw-channel', () => undefined)).toThrow(/Unknown host event/);
    expect(bridge.listeners.has('rwb:raw-channel')).toBe(false);
  });
});
