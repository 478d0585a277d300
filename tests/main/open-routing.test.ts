import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileOpener, filesFromArgv, routeFileOpens, type AppLike } from '../../src/main/open-routing';
import { createTaskbarProgress } from '../../src/main/taskbar-progress';
import { ingestPath } from '../../src/node/ingest-path';
import type { IngestOutcome } from '../../src/shared/ipc/contract';
import { IngestError } from '../../src/shared/ingest/types';
import { fixture } from '../fixtures';

/** Electron's `app` as far as routing uses it: records listeners so a test can fire them. */
class FakeApp implements AppLike {
  quitCalled = false;
  readonly listeners = new Map<string, (...args: never[]) => void>();
  constructor(private readonly lock: boolean) {}
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  quit(): void {
    this.quitCalled = true;
  }
  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  fire(event: 'second-instance', argv: string[], cwd: string): void;
  fire(event: 'open-file', path: string): boolean;
  fire(event: string, ...args: unknown[]): boolean | void {
    const l = this.listeners.get(event) as ((...a: unknown[]) => void) | undefined;
    if (!l) throw new Error(`no ${event} listener`);
    if (event === 'open-file') {
      let prevented = false;
      l({ preventDefault: () => (prevented = true) }, args[0]);
      return prevented;
    }
    l({}, ...args);
  }
}

/** The real ingestion (Node's pdf.js and text readers), answering as main's ingest service does. */
async function ingest(path: string): Promise<IngestOutcome> {
  try {
    return { ok: true, file: await ingestPath(path) };
  } catch (e) {
    const err = e instanceof IngestError ? e : new IngestError('unsupported-type', String(e));
    return { ok: false, fileName: path.split('/').pop()!, code: err.code, message: err.message };
  }
}

describe('filesFromArgv', () => {
  it('takes the documents of a command line, resolved against its directory', () => {
    expect(filesFromArgv(['/opt/Report Workbench/rwb', '--enable-logging', 'tip 2015.pdf', '/abs/notes.TXT', '--user-data-dir=/tmp/x', 'tip 2015.pdf'], '/home/ana/reports')).toEqual([
      '/home/ana/reports/tip 2015.pdf',
      '/abs/notes.TXT',
    ]);
  });

  it('skips the app folder in development (`electron .`) and files we cannot read', () => {
    expect(filesFromArgv(['/usr/lib/electron/electron', '.', 'setup.exe', 'photo.png', 'page.html'], '/w')).toEqual(['/w/page.html']);
    expect(filesFromArgv(['/usr/bin/rwb'], '/w')).toEqual([]);
  });
});

describe('single instance and open-file routing', () => {
  it('quits a second launch without listening to anything (the running one has its files)', () => {
    const app = new FakeApp(false);
    const opened: string[][] = [];
    expect(routeFileOpens(app, { argv: ['rwb', 'a.pdf'], cwd: '/w', open: (p) => opened.push(p), focus: () => undefined })).toBe(false);
    expect(app.quitCalled).toBe(true);
    expect(app.listeners.size).toBe(0);
    expect(opened).toEqual([]);
  });

  it('opens this launch’s files, a second launch’s files, and macOS open-file; a bare second launch focuses', () => {
    const app = new FakeApp(true);
    const opened: string[][] = [];
    let focused = 0;
    expect(routeFileOpens(app, { argv: ['rwb', 'first.pdf'], cwd: '/home/ana', open: (p) => opened.push(p), focus: () => focused++ })).toBe(true);
    expect(opened).toEqual([['/home/ana/first.pdf']]);
    app.fire('second-instance', ['rwb', '--flag', 'second.txt'], '/tmp/elsewhere');
    expect(app.fire('open-file', '/Users/ana/Finder.pdf')).toBe(true);
    app.fire('second-instance', ['rwb'], '/tmp');
    expect(opened).toEqual([['/home/ana/first.pdf'], ['/tmp/elsewhere/second.txt'], ['/Users/ana/Finder.pdf']]);
    expect(focused).toBe(1);
    expect(app.quitCalled).toBe(false);
  });
});

describe('FileOpener', () => {
  function setup() {
    const sent: IngestOutcome[][] = [];
    const remembered: string[] = [];
    const forgotten: string[] = [];
    let focused = 0;
    const opener = new FileOpener({
      ingestPath: ingest,
      send: (o) => sent.push(o),
      remember: (p) => remembered.push(p),
      forget: (p) => forgotten.push(p),
      focus: () => focused++,
    });
    return { opener, sent, remembered, forgotten, focused: () => focused };
  }

  it('keeps outcomes for a renderer that is not listening yet, then sends later ones as events', async () => {
    const { opener, sent, remembered, forgotten, focused } = setup();
    const text = fixture('tip/tip-2015-excerpt.txt');
    const missing = join(fixture('tip'), 'no-such-report.pdf');
    await opener.open([text, missing]);
    expect(sent).toEqual([]);
    const taken = opener.take();
    expect(taken.map((o) => o.ok)).toEqual([true, false]);
    expect(taken[0]!.ok && taken[0]!.file.document.text).toContain('LUXEMBOURG: Tier 1');
    expect(!taken[1]!.ok && taken[1]!.message).toMatch(/no such file/);
    // Only the file that opened is remembered as recent; the one that is gone leaves the list.
    expect(remembered).toEqual([text]);
    expect(forgotten).toEqual([missing]);
    expect(opener.take()).toEqual([]);

    await opener.open([fixture('tip/tip-2015-excerpt.pdf')]);
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]!.ok && sent[0]![0]!.file.document.kind).toBe('pdf');
    expect(focused()).toBe(2);
  });

  it('holds outcomes again while the page reloads', async () => {
    const { opener, sent } = setup();
    opener.take();
    opener.rendererGone();
    await opener.open([fixture('tip/tip-2015-excerpt.txt')]);
    expect(sent).toEqual([]);
    expect(opener.take()).toHaveLength(1);
  });
});

it('keeps a recent file that only needs its password', async () => {
  const forgotten: string[] = [];
  const opener = new FileOpener({
    ingestPath: async (path) => ({ ok: false, fileName: path, code: 'password-required', message: 'This PDF is protected by a password.', bytes: new Uint8Array(1) }),
    send: () => undefined,
    remember: () => undefined,
    forget: (p) => forgotten.push(p),
    focus: () => undefined,
  });
  await opener.open(['/docs/locked.pdf']);
  expect(forgotten).toEqual([]);
  expect(opener.take()[0]).toMatchObject({ ok: false, code: 'password-required' });
});

describe('taskbar progress', () => {
  it('follows page progress and clears only when every ingestion settled', () => {
    const bar: number[] = [];
    const p = createTaskbarProgress((f) => bar.push(f));
    p.start();
    p.start();
    p.update({ done: 1, total: 4 });
    p.update({ done: 1, total: 4 });
    p.update({ done: 4, total: 4 });
    p.settle();
    p.update({ done: 3, total: 0 });
    p.settle();
    p.settle();
    expect(bar).toEqual([0, 0.25, 1, -1]);
  });
});
