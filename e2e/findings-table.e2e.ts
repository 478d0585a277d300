import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';

describe.skipIf(!inject('baseURL'))('all findings', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('filters by code (sub-codes included), deletes a selection undoably, and opens a passage', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const reader = page.getByTestId('reader');
    await reader.getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(page, 'Lithuanian courts officially identified 30 trafficking victims', 'Victim identification');
    await tagPassage(page, 'LUXEMBOURG: Tier 1', 'Tier and compliance');

    await page.locator('label').filter({ hasText: /^All findings$/ }).click();
    const rows = page.getByRole('table', { name: 'Findings table' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByText('2 of 2 findings').waitFor();

    // The code × country matrix counts them; a cell opens its findings.
    await page.locator('label').filter({ hasText: /^Code × country$/ }).click();
    const matrix = page.getByRole('table', { name: 'Code by country' });
    await matrix.waitFor();
    await matrix.getByRole('button', { name: '1 findings: Tier and compliance, Luxembourg' }).click();
    await page.getByText('1 of 2 findings').waitFor();
    await expect(rows.first().textContent()).resolves.toContain('LUXEMBOURG: Tier 1');

    // The code × year matrix: the same findings by report year, with a chart of one code; a cell opens its findings.
    await page.reload();
    await page.locator('label').filter({ hasText: /^All findings$/ }).click();
    await page.locator('label').filter({ hasText: /^Code × year$/ }).click();
    const years = page.getByRole('table', { name: 'Code by year' });
    await years.waitFor();
    await expect(years.getByRole('columnheader').allTextContents()).resolves.toEqual(['Code', '2015', 'Total']);
    await page.getByRole('figure', { name: 'Findings per year: Protection' }).waitFor();
    await expect(page.getByRole('figure', { name: 'Findings per year: Protection' }).textContent()).resolves.toContain('Protection: 2015: 1');
    await years.getByRole('button', { name: '1 findings: Protection › Victim identification, 2015' }).click();
    await page.getByText('1 of 2 findings').waitFor();
    await expect(rows.first().textContent()).resolves.toContain('Lithuanian courts');
    // Start again without filters.
    await page.reload();
    await page.locator('label').filter({ hasText: /^All findings$/ }).click();
    await page.getByText('2 of 2 findings').waitFor();

    // Protection includes Victim identification below it.
    await page.getByRole('search', { name: 'Filter findings' }).getByLabel('Code', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Protection', exact: true }).click();
    await page.getByText('1 of 2 findings').waitFor();
    await expect(rows.first().textContent()).resolves.toContain('Lithuanian courts');

    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByRole('button', { name: 'Delete 1' }).click();
    await page.getByText('No finding matches these filters.').waitFor();
    await page.getByRole('heading', { name: 'Report Workbench' }).click();
    await page.keyboard.press('Control+z');
    await page.getByText('1 of 2 findings').waitFor();

    await rows.first().getByRole('cell').nth(1).click();
    await reader.waitFor();
    await expect.poll(async () => (await reader.locator('mark').allTextContents()).join(' | ')).toContain('Lithuanian courts');
    expect(session.pageErrors).toEqual([]);
  });
});
