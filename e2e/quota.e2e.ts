import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, selectTextWithMouse, type AppSession } from './support/app';

const SENTENCE = 'The government demonstrated some efforts to assist victims.';
const NOTE = 'kept as a draft while the disk is full';

/** How many findings the app's database holds, read straight from IndexedDB. */
const storedFindings = (page: AppSession['page']): Promise<{ note: string; quote: string }[]> =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('report-workbench');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction('findings').objectStore('findings').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { note: string; quote: { exact: string } }[]).map((f) => ({ note: f.note, quote: f.quote.exact })));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );

describe.skipIf(!inject('baseURL'))('a full disk while saving a finding', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('keeps the draft with "Not saved — disk full", and Retry saves it once there is room', { timeout: 150_000 }, async () => {
    session = await openApp(newProfileDir());
    const { page, context } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    // A new workspace is created, not "upgraded": no pre-upgrade copy, no upgrade notice.
    await expect(page.evaluate(async () => (await indexedDB.databases()).map((d) => `${d.name}@${d.version}`))).resolves.toEqual(['report-workbench@20']);
    await expect(page.getByText('Workspace upgraded').count()).resolves.toBe(0);

    // Make the origin's storage full: Chromium then refuses IndexedDB commits with
    // QuotaExceededError, exactly as on a full disk. Chromium's IndexedDB caches the space an
    // origin has left for 30 seconds, so the new quota bites only once that cache has expired.
    const origin = new URL(page.url()).origin;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await page.waitForTimeout(31_000);

    await selectTextWithMouse(page, SENTENCE);
    const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.locator('label').filter({ hasText: 'Protection' }).first().click();
    await popover.getByLabel('Note').fill(NOTE);
    await popover.getByRole('button', { name: 'Save finding' }).click();

    // The draft stays: passage, chosen code and note, with a clear message and a Retry button.
    const alert = popover.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Not saved — disk full');
    await expect(popover.textContent()).resolves.toContain(SENTENCE);
    await expect(popover.getByLabel('Note').inputValue()).resolves.toBe(NOTE);
    await expect(popover.getByRole('checkbox', { name: /Protection/ }).first().isChecked()).resolves.toBe(true);
    expect(await storedFindings(page)).toEqual([]);

    // Retry while the disk is still full: still refused, still kept.
    await popover.getByRole('button', { name: 'Retry' }).click();
    // The attempt is over once no button shows it is busy (React renders the click's state at once).
    await popover.locator('button[data-loading]').waitFor({ state: 'detached' });
    await expect(alert.textContent()).resolves.toContain('Not saved — disk full');
    await expect(popover.getByRole('button', { name: 'Retry' }).isEnabled()).resolves.toBe(true);
    expect(await storedFindings(page)).toEqual([]);

    // Space again (the override lifted): Retry saves it, and the popover closes.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await popover.getByRole('button', { name: 'Retry' }).click();
    await popover.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('list', { name: 'Findings' }).textContent(), { timeout: 30_000 }).toContain(NOTE);
    expect(await storedFindings(page)).toEqual([{ note: NOTE, quote: SENTENCE }]);

    // And it is really stored: it survives a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('list', { name: 'Findings' }).textContent().catch(() => ''), { timeout: 30_000 }).toContain(NOTE);
    expect(session.pageErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
