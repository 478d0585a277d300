import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, type AppSession } from './support/app';

describe.skipIf(!inject('baseURL'))('search across reports', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('finds words in context grouped by document and country, and opens the passage', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await page.locator('label').filter({ hasText: /^Search$/ }).click();
    await page.getByLabel('Search all reports').fill('"reflection period"');
    const results = page.getByLabel('Search results');
    await results.getByText('tip-2015-excerpt — Lithuania').waitFor();
    await expect(results.textContent()).resolves.toContain('30-day reflection period');
    await page.getByLabel('Search all reports').fill('"period reflection"');
    await page.getByText('No matches.').waitFor();
    await page.getByLabel('Search all reports').fill('forced begging');
    await results.getByText('tip-2015-excerpt — Luxembourg').waitFor();

    // The index was built in a worker and stored in its own database; the next start loads it, unchanged.
    const cached = () =>
      page.evaluate(
        () =>
          new Promise<{ signature: string; savedAt: string }[]>((done, fail) => {
            const open = indexedDB.open('rwb-search-cache');
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('indexes').objectStore('indexes').getAll();
              all.onsuccess = () => done((all.result as { signature: string; savedAt: string }[]).map(({ signature, savedAt }) => ({ signature, savedAt })));
            };
          }),
      );
    await expect.poll(async () => (await cached()).length, { timeout: 15_000 }).toBe(1);
    const stored = await cached();
    await page.reload();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await page.locator('label').filter({ hasText: /^Search$/ }).click();
    await page.getByLabel('Search all reports').fill('forced begging');
    await results.getByText('tip-2015-excerpt — Luxembourg').waitFor();
    // A rebuild would store its index 1.5 s after it; none comes.
    await page.waitForTimeout(3000);
    expect(await cached()).toEqual(stored);

    await results.getByRole('button').first().click();
    const reader = page.getByTestId('reader');
    await reader.waitFor();
    expect(session.pageErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
