import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';
import { openFiles, writeEditions } from './support/editions';

const PASSAGE = 'finalize the national referral mechanism to guide front-line responders';

describe.skipIf(!inject('baseURL'))('carry forward and the timeline', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('carries a tagged passage into the next edition with its history, undoably, once; then shows the country over the years', async () => {
    const { earlier, later } = writeEditions((text) =>
      text.replace('LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 2').replace('establish a hotline with operators trained to assist victims; ', ''),
    );

    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await openFiles(page, [earlier, later], 3);
    const library = page.getByRole('navigation', { name: 'Documents' });

    // Tag a passage of Luxembourg in the 2015 edition.
    await library.getByRole('button', { name: /^tip-2015(?!-excerpt)/ }).click();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(page, PASSAGE, 'Protection', 'referral still pending');
    await expect.poll(() => page.getByRole('list', { name: 'Findings' }).getByRole('listitem').count()).toBe(1);

    // Compare 2015 with 2016 and carry it forward.
    await page.locator('label').filter({ hasText: /^Compare$/ }).click();
    const view = page.getByTestId('compare-view');
    await view.getByLabel('Earlier edition').selectOption({ label: 'tip-2015 (2015)' });
    await view.getByLabel('Later edition').selectOption({ label: 'tip-2016 (2016)' });
    await view.getByRole('button', { name: 'Compare' }).click();
    await view.getByLabel('Country').selectOption('Luxembourg');
    const carry = view.getByRole('region', { name: 'Carry forward' });
    const earlierPane = carry.getByLabel('Findings in 2015');
    const laterPane = carry.getByLabel('Findings in 2016');
    await expect.poll(() => earlierPane.textContent()).toContain(PASSAGE);
    await expect(earlierPane.textContent()).resolves.toMatch(/same.*Protection/);
    await expect(laterPane.textContent()).resolves.toContain('No findings on Luxembourg in this edition yet.');
    await carry.getByRole('button', { name: 'Accept all (1)' }).click();
    await expect.poll(() => laterPane.textContent()).toContain('carried from 2015');
    await expect(laterPane.textContent()).resolves.toContain(PASSAGE);
    await expect.poll(() => earlierPane.textContent()).toContain('already carried');
    // Nothing left to accept: accepting again cannot make a second copy.
    await expect(carry.getByRole('button', { name: 'Accept all (0)' }).isDisabled()).resolves.toBe(true);
    await expect(earlierPane.getByRole('button', { name: /^Accept/ }).count()).resolves.toBe(0);

    // Undo takes it back out of 2016; redo puts it back.
    await page.getByRole('heading', { name: 'Report Workbench' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => laterPane.textContent()).toContain('No findings on Luxembourg in this edition yet.');
    await expect(carry.getByRole('button', { name: 'Accept all (1)' }).isEnabled()).resolves.toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => laterPane.textContent()).toContain('carried from 2015');

    // In the 2016 edition, the new finding has the same tag and note, and its history.
    await page.locator('label').filter({ hasText: /^Reader$/ }).click();
    await library.getByRole('button', { name: /^tip-2016/ }).click();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 2').waitFor();
    const items = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(1);
    await expect(items.first().textContent()).resolves.toMatch(/Protection.*referral still pending/s);
    await page.getByRole('button', { name: 'Edit finding' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit finding' });
    const history = dialog.getByLabel('History');
    await expect.poll(() => history.textContent()).toContain('History: 2015 → 2016');
    await expect(history.textContent()).resolves.toContain(PASSAGE);
    // Following the history back opens the 2015 finding in its edition.
    await history.getByRole('button', { name: '2015' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await expect.poll(() => library.locator('[aria-current]').textContent()).toMatch(/^tip-2015(?!-excerpt)/);

    // The country across every edition: a table, a tier chart and the recommendations matrix.
    await page.locator('label').filter({ hasText: /^Compare$/ }).click();
    await view.locator('label').filter({ hasText: /^Across years$/ }).click();
    await view.getByLabel('Country').selectOption('Luxembourg');
    const table = view.getByRole('table', { name: 'Timeline table' });
    await expect.poll(async () => (await table.getByRole('row').count()) - 1).toBe(3);
    const rows = await table.getByRole('row').allTextContents();
    expect(rows.slice(1).map((r) => r.match(/^(\d{4})/)?.[1])).toEqual(['2015', '2015', '2016']);
    expect(rows[3]).toMatch(/^2016tip-2016Tier 2down/);
    await expect.poll(() => view.getByTestId('tier-chart').locator('svg .recharts-line-curve').count()).toBeGreaterThan(0);
    const matrix = view.getByRole('table', { name: 'Recommendations matrix' });
    const hotline = matrix.getByRole('row').filter({ hasText: 'establish a hotline' });
    await expect(hotline.textContent()).resolves.toMatch(/2 of 3.*new.*kept.*dropped/);
    expect(session.pageErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
