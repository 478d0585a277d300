import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';

/** Backs the workspace up through the Workspace menu; resolves to the file written. */
async function backUp(page: Page, folder: string, name: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Workspace' }).click();
  await page.getByRole('menuitem', { name: 'Back up workspace…' }).click();
  const file = join(folder, name);
  writeFileSync(file, readFileSync((await (await download).path())!));
  return file;
}

/** Chooses `file` for a Workspace menu item that opens a file chooser. */
async function chooseBackup(page: Page, item: string, file: string): Promise<void> {
  const pick = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Workspace' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  await (await pick).setFiles(file);
}

/** Edits the note of the finding listed with `hasText`. */
async function editNote(page: Page, hasText: string, note: string): Promise<void> {
  await page.getByRole('list', { name: 'Findings' }).getByRole('listitem').filter({ hasText }).getByRole('button', { name: 'Edit finding' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit finding' });
  await dialog.getByLabel('Note').fill(note);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe.skipIf(!inject('baseURL'))('workspace backup', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('backs up, restores over another profile, undoes and redoes the restore, and refuses a damaged backup changing nothing', async () => {
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

    // A new profile with a finding of its own: restore the backup over it.
    session = await openApp(newProfileDir());
    page = session.page;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(page, 'The government continued some prevention efforts.', 'Prevention', 'only in this profile');
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
    const findings = page.getByRole('list', { name: 'Findings' });
    await expect(findings.getByRole('listitem').count()).resolves.toBe(1);

    const pick = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Workspace' }).click();
    await page.getByRole('menuitem', { name: 'Restore from a backup…' }).click();
    await (await pick).setFiles(backup);
    const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(confirm.textContent()).resolves.toContain('1 findings');
    await confirm.getByRole('button', { name: 'Replace my workspace' }).click();
    await page.getByText('Workspace restored', { exact: false }).waitFor();
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^tip-2015-excerpt/ }).click();
    await expect.poll(() => findings.textContent()).toContain('kept through a backup');
    await expect(findings.textContent()).resolves.not.toContain('only in this profile');

    // Undo puts the workspace back as it was before the restore; redo restores the backup again.
    await page.getByTestId('reader').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await page.getByText('Undone: restore a backup').waitFor();
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^tip-2015-excerpt/ }).click();
    await expect.poll(() => findings.textContent()).toContain('only in this profile');
    await expect(findings.textContent()).resolves.not.toContain('kept through a backup');
    await page.getByTestId('reader').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+z');
    await page.getByText('Redone: restore a backup').waitFor();
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^tip-2015-excerpt/ }).click();
    await expect.poll(() => findings.textContent()).toContain('kept through a backup');
    expect(session.pageErrors).toEqual([]);
  });

  it('merges a colleague’s workspace: a preview lists the conflict, Cancel changes nothing, choosing theirs takes their note, nothing is duplicated', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rwb-merge-'));
    const profileA = newProfileDir();
    const SHARED = 'The government demonstrated some efforts to assist victims.';
    const THEIRS_ONLY = 'The government continued some prevention efforts.';

    // A tags a passage and hands the workspace to B.
    session = await openApp(profileA);
    let page = session.page;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await tagPassage(page, SHARED, 'Protection', 'shared start');
    const fromA = await backUp(page, folder, 'a.rwb-backup');
    await session.close();

    // B restores it, edits the shared finding's note, tags a passage of their own, and backs up.
    session = await openApp(newProfileDir());
    page = session.page;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await chooseBackup(page, 'Restore from a backup…', fromA);
    await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Replace my workspace' }).click();
    await page.getByText('Workspace restored', { exact: false }).waitFor();
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^tip-2015-excerpt/ }).click();
    const itemsB = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    await expect.poll(() => itemsB.count()).toBe(1);
    await editNote(page, 'shared start', 'B: the shelter budget fell');
    await tagPassage(page, THEIRS_ONLY, 'Prevention', 'B only');
    await expect.poll(() => itemsB.count()).toBe(2);
    const fromB = await backUp(page, folder, 'b.rwb-backup');
    await session.close();

    // A, meanwhile, edits the same note differently, then merges B's backup.
    session = await openApp(profileA);
    page = session.page;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const items = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(1);
    await editNote(page, 'shared start', 'A: referral still weak');

    await chooseBackup(page, 'Merge a colleague’s backup…', fromB);
    let preview = page.getByRole('dialog', { name: 'Merge this backup?' });
    await preview.getByRole('heading', { name: 'Conflicts (1)' }).waitFor();
    await expect(preview.getByRole('list', { name: 'Will be added' }).textContent()).resolves.toContain(`1 finding: “${THEIRS_ONLY}”`);
    let conflict = preview.getByRole('group', { name: /^Finding conflict: / });
    await expect(conflict.textContent()).resolves.toContain('A: referral still weak');
    await expect(conflict.textContent()).resolves.toContain('B: the shelter budget fell');
    await expect(conflict.getByRole('radio', { name: 'Mine' }).isChecked()).resolves.toBe(true);
    // Cancel: nothing was written, even with theirs chosen.
    await conflict.getByRole('radio', { name: 'Theirs' }).check();
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await preview.waitFor({ state: 'detached' });
    await expect.poll(() => items.count()).toBe(1);
    await expect(items.first().textContent()).resolves.toContain('A: referral still weak');
    await page.reload();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await expect.poll(() => items.count()).toBe(1);
    await expect(items.first().textContent()).resolves.toContain('A: referral still weak');

    // Merge again, keeping theirs.
    await chooseBackup(page, 'Merge a colleague’s backup…', fromB);
    preview = page.getByRole('dialog', { name: 'Merge this backup?' });
    conflict = preview.getByRole('group', { name: /^Finding conflict: / });
    await conflict.getByRole('radio', { name: 'Theirs' }).check();
    await preview.getByRole('button', { name: 'Merge' }).click();
    const done = page.getByRole('dialog', { name: 'Backup merged' });
    await expect.poll(() => done.textContent()).toContain('1 conflict: yours kept in 0, theirs taken in 1.');
    await expect(done.textContent()).resolves.toContain('1 finding and 0 codes added');
    await done.getByRole('button', { name: 'Done' }).click();
    await done.waitFor({ state: 'detached' });

    await expect.poll(() => items.count()).toBe(2);
    const texts = await items.allTextContents();
    expect(texts.filter((t) => t.includes('B: the shelter budget fell'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('B only'))).toHaveLength(1);
    expect(texts.join('\n')).not.toContain('A: referral still weak');
    // Merging the same backup again (the same file chosen twice in a row): nothing new, nothing in conflict.
    await chooseBackup(page, 'Merge a colleague’s backup…', fromB);
    preview = page.getByRole('dialog', { name: 'Merge this backup?' });
    await preview.getByRole('heading', { name: 'No conflicts' }).waitFor();
    await expect(preview.textContent()).resolves.toContain('Nothing new: everything in it is already here.');
    await preview.getByRole('button', { name: 'Cancel' }).click();
    expect(session.pageErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
