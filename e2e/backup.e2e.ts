import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';

describe.skipIf(!inject('baseURL'))('workspace backup', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('backs up, restores into a fresh profile, and refuses a damaged backup changing nothing', async () => {
    session = await openApp(newProfileDir());
    let page = session.page;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(page, 'The government demonstrated some efforts to assist victims.', 'Protection', 'kept through a backup');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Back up workspace…' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Report Workbench .*\.rwb-backup$/);
    const backup = join(mkdtempSync(join(tmpdir(), 'rwb-backup-')), file.suggestedFilename());
    writeFileSync(backup, readFileSync((await file.path())!));
    await session.close();

    // A new, empty profile: restore the backup.
    session = await openApp(newProfileDir());
    page = session.page;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const pickDamaged = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Restore from a backup…' }).click();
    const damaged = backup.replace('.rwb-backup', '-damaged.rwb-backup');
    const bytes = readFileSync(backup);
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = bytes[mid]! ^ 0xff;
    writeFileSync(damaged, bytes);
    await (await pickDamaged).setFiles(damaged);
    await page.getByText('Nothing was changed.', { exact: false }).first().waitFor();
    await expect(page.getByRole('list', { name: 'Findings' }).count()).resolves.toBe(0);

    const pick = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Restore from a backup…' }).click();
    await (await pick).setFiles(backup);
    const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(confirm.textContent()).resolves.toContain('1 findings');
    await confirm.getByRole('button', { name: 'Replace my workspace' }).click();
    await page.getByText('Workspace restored', { exact: false }).waitFor();
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^tip-2015-excerpt/ }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Findings' }).textContent()).toContain('kept through a backup');
    expect(session.pageErrors).toEqual([]);
  });
});
