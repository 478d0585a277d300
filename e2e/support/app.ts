import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS } from './browsers';

/** Where screenshots and other artefacts of the browser tests go. */
export const OUTPUT_DIR = resolve(import.meta.dirname, '../../test-results/e2e');

/** A fresh, empty browser profile folder (IndexedDB lives here). */
export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'rwb-profile-'));
}

/** The web host open in Chromium on a persistent profile, with every request recorded. */
export interface AppSession {
  context: BrowserContext;
  page: Page;
  /** Requests that went anywhere but the app's own origin. */
  foreignRequests: string[];
  /** Uncaught page errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Launches Chromium on `profileDir` and opens the app. */
export async function openApp(profileDir: string): Promise<AppSession> {
  const baseURL = inject('baseURL');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: inject('chromium'),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 860 },
    acceptDownloads: true,
  });
  const origin = new URL(baseURL).origin;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) foreignRequests.push(u);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(baseURL);
  return { context, page, foreignRequests, pageErrors, close: () => context.close() };
}

/** Selects `text` in the reader with a real mouse drag, as an analyst would. */
export async function selectTextWithMouse(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((needle) => {
    const reader = document.querySelector('[data-testid="reader"]');
    if (!reader) throw new Error('no reader');
    const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(needle);
      if (at < 0) continue;
      const first = document.createRange();
      first.setStart(n, at);
      first.setEnd(n, at + 1);
      const last = document.createRange();
      last.setStart(n, at + needle.length - 1);
      last.setEnd(n, at + needle.length);
      // Scroll the passage itself (not its whole text node) to the middle of the reader.
      const view = reader.getBoundingClientRect();
      reader.scrollTop += first.getBoundingClientRect().top - view.top - view.height / 2;
      const a = first.getBoundingClientRect();
      const b = last.getBoundingClientRect();
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }
    throw new Error(`text not found in the reader: ${needle}`);
  }, text);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

/** Selects `passage` with the mouse, ticks `code` in the tag popover, optionally types a note, and saves. */
export async function tagPassage(page: Page, passage: string, code: string, note?: string): Promise<void> {
  await selectTextWithMouse(page, passage);
  const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
  await popover.locator('label').filter({ hasText: code }).first().click();
  if (note !== undefined) await popover.getByLabel('Note').fill(note);
  await popover.getByRole('button', { name: 'Save finding' }).click();
  await popover.waitFor({ state: 'detached' });
}
