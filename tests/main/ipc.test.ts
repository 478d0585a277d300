import { describe, expect, it } from 'vitest';
import { registerHandlers, type Handlers, type InvokeEventLike, type IpcMainLike } from '../../src/main/ipc';
import { isTrustedSenderUrl } from '../../src/main/security';
import { callSchemas, channelOf } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/result';

/** Records handlers the way Electron's ipcMain would, so tests can invoke them. */
class RecordingIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<Result<unknown>> {
    const l = this.listeners.get(channel);
    if (!l) throw new Error(`no handler for ${channel}`);
    return l({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args) as Promise<Result<unknown>>;
  }
}

function setup() {
  const calls: string[] = [];
  const rejected: string[] = [];
  const handlers: Handlers = {
    openDocuments: async () => (calls.push('openDocuments'), null),
    ingestBytes: async ({ fileName }) => (calls.push(`ingestBytes:${fileName}`), { ok: false, fileName, code: 'empty', message: 'x' }),
    loadSample: async () => (calls.push('loadSample'), { ok: false, fileName: 's', code: 'empty', message: 'x' }),
    saveFile: async () => (calls.push('saveFile'), null),
    cancelIngest: async () => (calls.push('cancelIngest'), 0),
    writeAutoBackup: async () => (calls.push('writeAutoBackup'), '/tmp/x'),
    keepPreUpgradeCopy: async ({ fromVersion }) => (calls.push(`keepPreUpgradeCopy:${fromVersion}`), '/tmp/y'),
    takeOpenedFiles: async () => (calls.push('takeOpenedFiles'), []),
    setThemeSource: async ({ source }) => (calls.push(`setThemeSource:${source}`), true),
    openExternal: async ({ url }) => {
      calls.push(`openExternal:${url}`);
      if (url.includes('boom')) throw new Error('The link could not be opened.');
      return true;
    },
  };
  const ipc = new RecordingIpcMain();
  registerHandlers(ipc, handlers, { isTrustedSender: (u) => isTrustedSenderUrl(u), onRejected: (c, r) => rejected.push(`${c}: ${r}`) });
  return { ipc, calls, rejected };
}

const APP = 'app://rwb/index.html';

describe('registerHandlers', () => {
  it('registers one channel per contract call', () => {
    const { ipc } = setup();
    expect([...ipc.listeners.keys()].sort()).toEqual((Object.keys(callSchemas) as (keyof typeof callSchemas)[]).map((n) => channelOf(n)).sort());
  });

  it('runs a valid call from the app and wraps the answer in a Result', async () => {
    const { ipc, calls } = setup();
    const r = await ipc.invoke(channelOf('openExternal'), APP, { url: 'https://example.org/' });
    expect(r).toEqual({ ok: true, value: true });
    expect(calls).toEqual(['openExternal:https://example.org/']);
  });

  it('checks the desktop calls: a theme source from the list only, and no path ever sent with takeOpenedFiles', async () => {
    const { ipc, calls } = setup();
    await expect(ipc.invoke(channelOf('setThemeSource'), APP, { source: 'dark' })).resolves.toEqual({ ok: true, value: true });
    const bad = await ipc.invoke(channelOf('setThemeSource'), APP, { source: 'purple' });
    expect(!bad.ok && bad.error).toMatch(/^Invalid request to setThemeSource: source: /);
    const withPath = await ipc.invoke(channelOf('takeOpenedFiles'), APP, { path: '/etc/passwd' });
    expect(withPath.ok).toBe(false);
    await expect(ipc.invoke(channelOf('takeOpenedFiles'), APP, {})).resolves.toEqual({ ok: true, value: [] });
    expect(calls).toEqual(['setThemeSource:dark', 'takeOpenedFiles']);
  });

  it('takes a pre-upgrade copy only with a whole version number and bytes, and never a file name or path', async () => {
    const { ipc, calls } = setup();
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4]);
    await expect(ipc.invoke(channelOf('keepPreUpgradeCopy'), APP, { fromVersion: 1, bytes })).resolves.toEqual({ ok: true, value: '/tmp/y' });
    for (const bad of [{ fromVersion: 0, bytes }, { fromVersion: 1.5, bytes }, { fromVersion: 1, bytes: 'PK' }, { fromVersion: 1, bytes, name: '../../evil' }]) {
      const r = await ipc.invoke(channelOf('keepPreUpgradeCopy'), APP, bad);
      expect(!r.ok && r.error, JSON.stringify(bad)).toMatch(/^Invalid request to keepPreUpgradeCopy: /);
    }
    expect(calls).toEqual(['keepPreUpgradeCopy:1']);
  });

  it('rejects a bad payload with a readable message and never calls the handler', async () => {
    const { ipc, calls, rejected } = setup();
    const wrongType = await ipc.invoke(channelOf('openExternal'), APP, { url: 42 });
    expect(wrongType.ok).toBe(false);
    expect(!wrongType.ok && wrongType.error).toMatch(/^Invalid request to openExternal: url: /);
    const extraKey = await ipc.invoke(channelOf('openExternal'), APP, { url: 'https://x.org', cmd: 'rm -rf /' });
    expect(extraKey.ok).toBe(false);
    const notBytes = await ipc.invoke(channelOf('ingestBytes'), APP, { fileName: 'a.pdf', bytes: 'not bytes' });
    expect(!notBytes.ok && notBytes.error).toMatch(/bytes/);
    const tooLongName = await ipc.invoke(channelOf('ingestBytes'), APP, { fileName: 'x'.repeat(300), bytes: new Uint8Array(1) });
    expect(tooLongName.ok).toBe(false);
    const twoArgs = await ipc.invoke(channelOf('loadSample'), APP, {}, {});
    expect(twoArgs.ok).toBe(false);
    expect(calls).toEqual([]);
    expect(rejected.length).toBe(4);
  });

  it('refuses a foreign or missing sender frame before looking at the payload', async () => {
    const { ipc, calls, rejected } = setup();
    for (const sender of ['https://evil.example/', 'file:///tmp/x.html', null]) {
      const r = await ipc.invoke(channelOf('openExternal'), sender, { url: 'https://example.org/' });
      expect(r).toEqual({ ok: false, error: "Refused openExternal: the request did not come from the app's own window." });
    }
    expect(calls).toEqual([]);
    expect(rejected).toHaveLength(3);
  });

  it('turns a thrown error into a Result with its message', async () => {
    const { ipc } = setup();
    const r = await ipc.invoke(channelOf('openExternal'), APP, { url: 'https://boom.example/' });
    expect(r).toEqual({ ok: false, error: 'The link could not be opened.' });
  });
});
