import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, selectTextWithMouse, type AppSession } from './support/app';

describe.skipIf(!inject('baseURL'))('codebook', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('adds a sub-code, tags with it by typing, exports a .qdc, and deletes it keeping the finding', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();

    await page.getByRole('button', { name: 'Codebook' }).click();
    const codes = page.getByRole('list', { name: 'Codes' });
    await codes.getByText('Shelter and services').waitFor();
    await page.getByRole('button', { name: 'Actions for code Protection' }).click();
    await page.getByRole('menuitem', { name: 'Add sub-code…' }).click();
    const nameDialog = page.getByRole('dialog', { name: 'New code under “Protection”' });
    await nameDialog.getByLabel('Name').fill('Hotlines');
    await nameDialog.getByRole('button', { name: 'Save' }).click();
    await codes.getByText('Hotlines').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'REFI-QDA codebook (.qdc)' }).click();
    const file = await (await download).path();
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('urn:QDA-XML:codebook:1.0');
    expect(xml).toMatch(/<Code [^>]*name="Protection"[\s\S]*<Code [^>]*name="Hotlines"/);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Codebook' }).waitFor({ state: 'detached' });

    await selectTextWithMouse(page, 'The government demonstrated some efforts to assist victims.');
    const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.getByLabel('Filter codes').fill('hotl');
    await popover.getByLabel('Filter codes').press('Enter');
    await popover.getByRole('button', { name: 'Save finding' }).click();
    await popover.waitFor({ state: 'detached' });
    const items = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    await expect.poll(() => items.first().textContent()).toContain('Hotlines');

    await page.getByRole('button', { name: 'Codebook' }).click();
    await page.getByRole('button', { name: 'Actions for code Hotlines' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Hotlines”?' });
    await expect(confirm.textContent()).resolves.toMatch(/holds 1 finding/);
    await confirm.getByRole('button', { name: 'Delete code' }).click();
    await expect.poll(() => codes.getByText('Hotlines').count()).toBe(0);
    // The finding is kept, now without a code.
    await expect.poll(() => items.count()).toBe(1);
    await expect.poll(() => items.first().textContent()).not.toContain('Hotlines');
    // Undo brings the code back onto the finding.
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Report Workbench' }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => items.first().textContent()).toContain('Hotlines');
    expect(session.pageErrors).toEqual([]);
  });
});
