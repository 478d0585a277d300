import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';

const FIXTURES = join(import.meta.dirname, '../../shared/fixtures');
const KEPT = 'The government offered foreign victims of trafficking a 30-day reflection period';
const REWORDED = 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.';
const DELETED = 'The police advertised and managed an e-mail account';

describe.skipIf(!inject('baseURL'))('re-importing a changed text document', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('re-anchors moved and reworded findings and lists the deleted one as orphaned', async () => {
    const original = readFileSync(join(FIXTURES, 'tip/tip-2015-excerpt.txt'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'rwb-reimport-'));
    const v1 = join(dir, 'excerpt.txt');
    const v2 = join(dir, 'excerpt-v2.txt');
    writeFileSync(v1, original);
    writeFileSync(
      v2,
      original
        .replace('The government demonstrated some efforts to assist victims.', 'The government demonstrated modest efforts to assist victims.')
        .replace('officially identified 30 trafficking\nvictims', 'officially identified 31 trafficking\nvictims')
        .replace(/The police advertised and managed an e-mail account[\s\S]*?ask for advice;/, ''),
    );

    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open…' }).click();
    await (await chooser).setFiles(v1);
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^excerpt/ }).waitFor();

    for (const passage of [KEPT, REWORDED, DELETED]) await tagPassage(page, passage, 'Protection');
    const findings = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    await expect.poll(() => findings.count()).toBe(3);

    await page.getByRole('button', { name: 'Actions for excerpt' }).click();
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: 'Re-import new version…' }).click();
    await (await chooser2).setFiles(v2);
    await page.getByText('2 findings found again (1 reworded); 1 could not be found and is listed as orphaned.').waitFor();

    await expect.poll(() => findings.count()).toBe(3);
    // The notice comes from the store; the list and the text refresh from their own queries just after.
    const orphan = findings.filter({ hasText: 'orphaned' });
    await expect.poll(() => orphan.count()).toBe(1);
    await expect(orphan.textContent()).resolves.toContain(DELETED);
    await expect.poll(() => findings.filter({ hasText: 'reworded' }).textContent()).toContain('31 trafficking victims');
    // Only the two passages still in the text are highlighted, at their new places.
    const marks = () => page.getByTestId('reader').locator('mark').allTextContents().then((m) => m.join(' | '));
    await expect.poll(marks).toContain('31 trafficking victims');
    expect(await marks()).toContain(KEPT);
    expect(await marks()).not.toContain('e-mail account');
  });
});
