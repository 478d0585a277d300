import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { quoteAt, pageAtOffset } from '../src/shared/model/document-text';
import type { TextSpan } from '../src/shared/ingest/report-types';
import { rectsField, textOrdered } from '../src/shared/model/span-geometry';
import type { Finding } from '../src/shared/model/types';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';
import { CHROMIUM_ARGS } from './support/browsers';
import { bundleForPage } from './support/bundle';
import { burstInput, CONFIRMED } from './support/save-burst';

const BURST = 500;
/** The browser is killed once this many saves were confirmed: well inside the burst. */
const KILL_AFTER = 120;

/** Chromium started by the test itself (so that it can be killed), with its DevTools endpoint. */
interface OwnBrowser {
  child: ChildProcess;
  browser: Browser;
  page: Page;
  exited: Promise<void>;
}

/** Starts Chromium on `profile` as a child process in its own process group and opens the app. */
async function startBrowser(profile: string): Promise<OwnBrowser> {
  const child = spawn(inject('chromium'), [...CHROMIUM_ARGS, '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ws = await new Promise<string>((done, fail) => {
    let err = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not start:\n${err}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        done(m[1]!);
      }
    });
    child.once('exit', (code) => fail(new Error(`Chromium exited (${code}) before it listened:\n${err}`)));
  });
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(inject('baseURL'));
  return { child, browser, page, exited };
}

/** The app's stored documents' texts and findings, read with plain IndexedDB (not the app's code). */
function readWorkspace(page: Page): Promise<{ texts: { documentId: string; text: string; pageStarts: number[]; spans: TextSpan[] }[]; findings: Finding[]; tagIds: string[] }> {
  return page.evaluate(
    () =>
      new Promise((done, fail) => {
        const req = indexedDB.open('report-workbench');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['texts', 'findings', 'tags']);
          const out: Record<string, unknown[]> = {};
          for (const name of ['texts', 'findings', 'tags']) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => (out[name] = all.result as unknown[]);
          }
          tx.oncomplete = () => {
            db.close();
            done({
              texts: out.texts as { documentId: string; text: string; pageStarts: number[]; spans: TextSpan[] }[],
              findings: out.findings as Finding[],
              tagIds: (out.tags as { id: string }[]).map((t) => t.id),
            });
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
  );
}

describe.skipIf(!inject('baseURL'))('SIGKILL during a burst of finding saves', () => {
  let own: OwnBrowser | undefined;
  afterEach(async () => {
    if (own && own.child.exitCode === null && own.child.signalCode === null) process.kill(-own.child.pid!, 'SIGKILL');
    await own?.exited;
    own = undefined;
  });

  it('keeps every save the app confirmed, complete, and the app opens normally', { timeout: 240_000 }, async () => {
    // The burst runs the app's own store code in the app's page: bundle it like the app is bundled.
    const code = await bundleForPage('save-burst.ts');

    const profile = newProfileDir();
    own = await startBrowser(profile);
    let page = own.page;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();

    const confirmed = new Map<number, string>();
    let killed!: () => void;
    let burstFailed!: (e: unknown) => void;
    const kill = new Promise<void>((done, fail) => {
      killed = done;
      burstFailed = fail;
    });
    page.on('console', (m) => {
      if (!m.text().startsWith(CONFIRMED)) return;
      const { i, id } = JSON.parse(m.text().slice(CONFIRMED.length)) as { i: number; id: string };
      confirmed.set(i, id);
      if (confirmed.size === KILL_AFTER) killed();
    });
    await page.evaluate(code);
    void page.evaluate(([n, p]) => (globalThis as unknown as { rwbSaveBurst: (n: number, p: number) => Promise<void> }).rwbSaveBurst(n, p), [BURST, 6] as const).then(
      () => burstFailed(new Error(`the burst finished before the kill (${confirmed.size} confirmed)`)),
      // After the kill the evaluation is cut off; before it, a failing save is a failed test.
      (e: unknown) => burstFailed(e),
    );
    await kill;
    // SIGKILL the browser and every process it started (renderer, storage, GPU) at once.
    const seen = new Map(confirmed);
    process.kill(-own.child.pid!, 'SIGKILL');
    await own.exited;
    expect(own.child.signalCode).toBe('SIGKILL');

    // Restart on the same profile.
    own = await startBrowser(profile);
    page = own.page;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const { texts, findings, tagIds } = await readWorkspace(page);
    expect(texts).toHaveLength(1);
    const { documentId, text, pageStarts, spans } = texts[0]!;
    const ordered = textOrdered(spans);
    const knownTags = new Set(tagIds);

    // Killed mid-burst: some saves were never made, and every confirmed one is there.
    expect(findings.length).toBeGreaterThanOrEqual(seen.size);
    expect(findings.length).toBeLessThan(BURST);
    const byId = new Map(findings.map((f) => [f.id, f]));
    for (const [i, id] of seen) expect(byId.has(id), `confirmed save #${i} (${id})`).toBe(true);

    // No half-written record: every stored finding is complete and points at its passage.
    const burstTags = [...tagIds].sort();
    for (const f of findings) {
      const i = Number(/^burst save #(\d+)$/.exec(f.note)?.[1]);
      expect(Number.isInteger(i), `note of ${f.id}: ${f.note}`).toBe(true);
      const input = burstInput(i, text.length, burstTags);
      expect(f).toEqual({
        id: f.id,
        documentId,
        quote: quoteAt(text, input.start, input.end),
        position: { start: input.start, end: input.end },
        page: pageAtOffset(pageStarts, input.start),
        tagIds: [...new Set(input.tagIds)],
        note: input.note,
        createdAt: f.createdAt,
        updatedAt: f.createdAt,
        // The sample is a PDF: the page rectangles of exactly this passage.
        ...rectsField(ordered, input.start, input.end),
      });
      expect(f.id).toMatch(/\S/);
      expect(new Date(f.createdAt).toISOString()).toBe(f.createdAt);
      for (const t of f.tagIds) expect(knownTags.has(t)).toBe(true);
      expect(text.slice(f.position.start, f.position.end)).toBe(f.quote.exact);
    }

    // The app itself opens normally and lists the findings.
    const list = page.getByRole('list', { name: 'Findings' });
    await expect.poll(() => list.textContent().catch(() => ''), { timeout: 30_000 }).toContain(`burst save #${[...seen.keys()][0]}`);
    await expect(page.getByText('The workspace cannot be opened').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!inject('baseURL'))('the page’s renderer crashes', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('loses no confirmed save: reloading the window (what the Electron main process does) shows it all', async () => {
    session = await openApp(newProfileDir());
    const { page, context } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(page, 'The government demonstrated some efforts to assist victims.', 'Protection', 'saved before the crash');

    const crashed = page.waitForEvent('crash');
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => {});
    await crashed;

    const fresh = await context.newPage();
    await fresh.goto(inject('baseURL'));
    await expect.poll(() => fresh.getByRole('list', { name: 'Findings' }).textContent().catch(() => ''), { timeout: 30_000 }).toContain('saved before the crash');
  });
});
