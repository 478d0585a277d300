import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, type AppSession } from './support/app';
import { openFiles, writeEditions } from './support/editions';

describe.skipIf(!inject('baseURL'))('compare editions', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows the tier change, the figures table and a changed sentence for one country', async () => {
    const { earlier, later } = writeEditions((text) =>
      text
        .replace('LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 2')
        .replace('range from three to 10 years’', 'range from five to 10 years’')
        .replace('The government demonstrated progress in holding traffickers accountable with prison time.', 'The government demonstrated limited progress in holding traffickers accountable.'),
    );

    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await openFiles(page, [earlier, later], 3);

    await page.locator('label').filter({ hasText: /^Compare$/ }).click();
    const view = page.getByTestId('compare-view');
    await view.getByLabel('Earlier edition').selectOption({ label: 'tip-2015 (2015)' });
    await view.getByLabel('Later edition').selectOption({ label: 'tip-2016 (2016)' });
    await view.getByRole('button', { name: 'Compare' }).click();
    await view.getByLabel('Country').selectOption('Luxembourg');

    const tier = view.getByLabel('Tier change');
    await expect.poll(() => tier.textContent()).toContain('2015: Tier 1');
    await expect(tier.textContent()).resolves.toContain('2016: Tier 2');
    await expect(tier.textContent()).resolves.toContain('moved down');
    const figures = view.getByRole('table', { name: 'Figures' });
    await expect(figures.textContent()).resolves.toMatch(/penalty years.*3.*5.*\+2/);
    // The reworded sentence is shown with its removed and added words marked.
    await expect(view.locator('del').allTextContents().then((t) => t.join(' '))).resolves.toContain('with prison time');
    await expect(view.locator('ins').allTextContents().then((t) => t.join(' '))).resolves.toContain('limited');
    expect(session.pageErrors).toEqual([]);
  });
});
