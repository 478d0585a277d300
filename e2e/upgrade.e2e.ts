import { chromium } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';
import { CHROMIUM_ARGS } from './support/browsers';
import { bundleForPage } from './support/bundle';

const SENTENCE = 'The government demonstrated some efforts to assist victims.';
const NOTE = 'tagged in a version-1 workspace';

describe.skipIf(!inject('baseURL'))('upgrading a version-1 workspace', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('keeps a copy of the old data, upgrades, says so, and the findings are there', { timeout: 150_000 }, async () => {
    const profile = newProfileDir();
    session = await openApp(profile);
    await session.page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(session.page, SENTENCE, 'Protection', NOTE);
    await session.close();
    session = undefined;

    // Rewrite the workspace as version 1 of the app left it, on the app's origin with the app
    // not running (its page is replaced by an empty one for this visit).
    const baseURL = inject('baseURL');
    const seeding = await chromium.launchPersistentContext(profile, { executablePath: inject('chromium'), headless: true, args: CHROMIUM_ARGS });
    const page = seeding.pages()[0] ?? (await seeding.newPage());
    await page.route(baseURL, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seeding</title>' }));
    await page.goto(baseURL);
    await page.evaluate(await bundleForPage('rewrite-as-v1.ts'));
    const counts = await page.evaluate(() => (globalThis as unknown as { rwbRewriteAsV1: () => Promise<Record<string, number>> }).rwbRewriteAsV1());
    expect(counts).toMatchObject({ version: 1, documents: 1, texts: 1, files: 1, findings: 1, tags: 7 });
    await seeding.close();

    // The app upgrades it, and says so.
    session = await openApp(profile);
    const app = session.page;
    await app.getByText('Workspace upgraded').waitFor();
    await expect(app.getByText(/upgraded from database version 1 to 2\. A copy from before the upgrade was kept/).count()).resolves.toBe(1);
    await expect.poll(() => app.getByRole('list', { name: 'Findings' }).textContent().catch(() => ''), { timeout: 30_000 }).toContain(NOTE);

    // The copy holds the version-1 data, original file included.
    const copy = await app.evaluate(
      () =>
        new Promise<{ fromVersion: number; toVersion: number; counts: Record<string, number>; fileBytes: number; tagNames: string[] }[]>((done, fail) => {
          const req = indexedDB.open('rwb-pre-upgrade-backups');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const all = req.result.transaction('backups').objectStore('backups').getAll();
            all.onsuccess = () => {
              req.result.close();
              done(
                (all.result as { fromVersion: number; toVersion: number; tables: Record<string, unknown[]> }[]).map((b) => ({
                  fromVersion: b.fromVersion,
                  toVersion: b.toVersion,
                  counts: Object.fromEntries(Object.entries(b.tables).map(([k, v]) => [k, v.length])),
                  fileBytes: (b.tables.files![0] as { bytes: Uint8Array }).bytes.byteLength,
                  tagNames: (b.tables.tags as { name: string }[]).map((t) => t.name),
                })),
              );
            };
          };
        }),
    );
    expect(copy).toHaveLength(1);
    expect(copy[0]).toMatchObject({ fromVersion: 1, toVersion: 2, counts: { documents: 1, texts: 1, files: 1, findings: 1, tags: 7, settings: counts.settings } });
    expect(copy[0]!.fileBytes).toBeGreaterThan(10_000);
    expect(copy[0]!.tagNames).toContain('Tier and compliance');
    expect(session.pageErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
