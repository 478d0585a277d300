import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';

const FIXTURES = join(import.meta.dirname, '../../shared/fixtures');

describe.skipIf(!inject('baseURL'))('exporting findings', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('tags three passages in two documents and reads the downloaded CSV back', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const reader = page.getByTestId('reader');
    await reader.getByText('LUXEMBOURG: Tier 1').waitFor();

    await tagPassage(page, 'The government demonstrated some efforts to assist victims.', 'Protection');
    await tagPassage(page, 'LUXEMBOURG: Tier 1', 'Tier and compliance');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open…' }).click();
    await (await chooser).setFiles(join(FIXTURES, 'tip/tip-2015-excerpt.txt'));
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('listitem').nth(1).waitFor();
    await reader.getByText('RECOMMENDATIONS FOR LUXEMBOURG:').waitFor();
    await tagPassage(page, 'The government continued some prevention efforts.', 'Prevention');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export findings' }).click();
    await page.getByRole('menuitem', { name: /^CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('findings.csv');
    const bytes = readFileSync((await file.path())!);
    // UTF-8 with a byte-order mark, so Excel opens it right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1);
    const lines = csv.split('\r\n').filter((l) => l !== '');
    expect(lines).toHaveLength(4);
    expect(csv).toContain('The government demonstrated some efforts to assist victims.');
    expect(csv).toContain('LUXEMBOURG: Tier 1');
    expect(csv).toContain('The government continued some prevention efforts.');
    expect(csv).toMatch(/Lithuania/);
    expect(csv).toMatch(/Luxembourg/);
    expect(csv).toMatch(/U\.S\. Department of State, tip-2015-excerpt, 2015, Luxembourg/);
    expect(session.foreignRequests).toEqual([]);
  });

  it('exports only the findings of the current filter', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(page, 'The government demonstrated some efforts to assist victims.', 'Protection');
    await tagPassage(page, 'LUXEMBOURG: Tier 1', 'Tier and compliance');

    await page.locator('label').filter({ hasText: /^All findings$/ }).click();
    await page.getByText('2 of 2 findings').waitFor();
    await page.getByRole('search', { name: 'Filter findings' }).getByLabel('Code', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Tier and compliance', exact: true }).click();
    await page.getByText('1 of 2 findings').waitFor();

    await page.getByRole('button', { name: 'Export findings' }).click();
    await page.getByText('The current filter (1 finding)').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'CSV (Excel, UTF-8), current filter' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('findings-filtered.csv');
    const csv = readFileSync((await file.path())!).toString('utf8').slice(1);
    const lines = csv.split('\r\n').filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    expect(csv).toContain('LUXEMBOURG: Tier 1');
    expect(csv).not.toContain('The government demonstrated some efforts to assist victims.');

    // "All findings" still exports both.
    const all = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export findings' }).click();
    await page.getByRole('menuitem', { name: 'CSV (Excel, UTF-8)', exact: true }).click();
    const allCsv = readFileSync((await (await all).path())!).toString('utf8');
    expect(allCsv.split('\r\n').filter((l) => l !== '')).toHaveLength(3);
    expect(session.foreignRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
