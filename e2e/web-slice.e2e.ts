import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, OUTPUT_DIR, selectTextWithMouse, type AppSession } from './support/app';

const FIXTURES = join(import.meta.dirname, '../../shared/fixtures');
const SENTENCE = 'The government demonstrated some efforts to assist victims.';

describe.skipIf(!inject('baseURL'))('web host: open → read → tag → keep', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('opens the sample, tags a sentence, keeps it across a restart, and refuses a bad file', async () => {
    const profile = newProfileDir();
    session = await openApp(profile);
    const { page } = session;

    // First start opens the bundled sample report.
    const reader = page.getByTestId('reader');
    await reader.getByText('LUXEMBOURG: Tier 1').waitFor();
    await expect(page.getByRole('navigation', { name: 'Documents' }).getByRole('listitem').count()).resolves.toBe(1);

    // Select a sentence with the mouse, tag it, add a note, save.
    await selectTextWithMouse(page, SENTENCE);
    const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.waitFor();
    await expect(popover.textContent()).resolves.toContain(SENTENCE);
    await popover.getByText('Protection', { exact: false }).first().click();
    await popover.getByLabel('Note').fill('Lithuania: effort on assistance');
    await popover.getByRole('button', { name: 'Save finding' }).click();
    await popover.waitFor({ state: 'detached' });

    // Highlighted in the text and listed in the side panel.
    const mark = reader.locator('mark');
    await mark.first().waitFor();
    await expect(mark.allTextContents().then((t) => t.join(''))).resolves.toBe(SENTENCE);
    const findings = page.getByRole('list', { name: 'Findings' });
    await expect(findings.textContent()).resolves.toContain(SENTENCE);
    await expect(findings.textContent()).resolves.toContain('Lithuania: effort on assistance');
    await expect(findings.textContent()).resolves.toContain('Protection');

    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'main-window.png') });
    expect(session.foreignRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    await session.close();

    // Restart the browser on the same profile: the document and the finding are still there.
    session = await openApp(profile);
    const again = session.page;
    await again.getByTestId('reader').locator('mark').first().waitFor();
    await expect(again.getByTestId('reader').locator('mark').allTextContents().then((t) => t.join(''))).resolves.toBe(SENTENCE);
    await expect(again.getByRole('list', { name: 'Findings' }).textContent()).resolves.toContain('Lithuania: effort on assistance');
    await expect(again.getByRole('navigation', { name: 'Documents' }).getByRole('listitem').count()).resolves.toBe(1);

    // A file that is not a PDF: a clear message, and the library and findings unchanged.
    const chooser = again.waitForEvent('filechooser');
    await again.getByRole('button', { name: 'Open…' }).click();
    await (await chooser).setFiles(join(FIXTURES, 'pdf/tricky/garbage.pdf'));
    const alert = again.getByRole('alert').filter({ hasText: 'garbage.pdf' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/not a readable PDF.*Nothing was imported/);
    await expect(again.getByRole('navigation', { name: 'Documents' }).getByRole('listitem').count()).resolves.toBe(1);
    await expect(again.getByRole('list', { name: 'Findings' }).getByRole('listitem').count()).resolves.toBe(1);

    // An empty file: same promise.
    const chooser2 = again.waitForEvent('filechooser');
    await again.getByRole('button', { name: 'Open…' }).click();
    await (await chooser2).setFiles(join(FIXTURES, 'pdf/tricky/empty.pdf'));
    await again.getByRole('alert').filter({ hasText: 'empty.pdf' }).waitFor();
    await expect(again.getByRole('alert').filter({ hasText: 'empty.pdf' }).textContent()).resolves.toMatch(/empty \(0 bytes\)/);
    await expect(again.getByRole('navigation', { name: 'Documents' }).getByRole('listitem').count()).resolves.toBe(1);
    expect(session.foreignRequests).toEqual([]);
  });

  it('opens a text report dropped on the window', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(FIXTURES, 'tip/tip-2015-excerpt.txt'), 'utf8');
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'tip-2015-excerpt.txt', { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    }, text);
    const link = page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /tip-2015-excerpt.*1 page/ });
    await link.waitFor();
    await expect(page.getByRole('navigation', { name: 'Documents' }).getByRole('listitem').count()).resolves.toBe(2);
    await page.getByTestId('reader').getByText('RECOMMENDATIONS FOR LUXEMBOURG:', { exact: false }).waitFor();
  });

  it('asks for the password of an encrypted PDF, says when it is wrong, and imports nothing on cancel', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const docs = page.getByRole('navigation', { name: 'Documents' }).getByRole('listitem');

    const pick = async (file: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open…' }).click();
      await (await chooser).setFiles(join(FIXTURES, file));
    };

    // Cancel: nothing imported.
    await pick('pdf/tricky/encrypted-aes256.pdf');
    const dialog = page.getByRole('dialog', { name: 'Password required' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(docs.count()).resolves.toBe(1);

    // Wrong password: told so and asked again; right password: imported and shown.
    await pick('pdf/tricky/encrypted-aes256.pdf');
    await dialog.waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill('wrong');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await dialog.getByText('That password is incorrect').waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill('user');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => docs.count()).toBe(2);
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^encrypted-aes256/ }).waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('jumps to a section from the outline', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const outline = page.getByRole('navigation', { name: 'Outline' });
    await outline.getByRole('button', { name: /Luxembourg/ }).waitFor();
    await outline.getByRole('button', { name: 'Prosecution' }).click();
    // The reader scrolled so that the PROSECUTION heading is near the top of the view.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const reader = document.querySelector('[data-testid="reader"]')!;
          const walker = document.createTreeWalker(reader, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const at = n.textContent!.indexOf('PROSECUTION');
            if (at < 0) continue;
            const r = document.createRange();
            r.setStart(n, at);
            r.setEnd(n, at + 1);
            return Math.round(r.getBoundingClientRect().top - reader.getBoundingClientRect().top);
          }
          return -1;
        }),
      )
      .toBeLessThan(120);
  });

  it('edits a finding and undoes its deletion with the keyboard', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await selectTextWithMouse(page, SENTENCE);
    const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.getByText('Protection', { exact: false }).first().click();
    await popover.getByRole('button', { name: 'Save finding' }).click();
    const items = page.getByRole('list', { name: 'Findings' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(1);

    await page.getByRole('button', { name: 'Edit finding' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit finding' });
    await dialog.getByLabel('Note').fill('needs a source');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => items.first().textContent()).toContain('needs a source');

    await page.getByRole('button', { name: 'Delete finding' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Findings' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('reader').locator('mark').count()).toBe(0);
    await page.getByTestId('reader').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => items.count()).toBe(1);
    await expect(items.first().textContent()).resolves.toContain('needs a source');
    await expect.poll(async () => (await page.getByTestId('reader').locator('mark').allTextContents()).join('')).toBe(SENTENCE);
    // Redo deletes it again.
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByRole('list', { name: 'Findings' }).count()).toBe(0);
  });

  it('finds in the document with a match count and next/previous (Ctrl+F)', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const reader = page.getByTestId('reader');
    await reader.getByText('LUXEMBOURG: Tier 1').waitFor();
    await reader.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    const box = page.getByRole('searchbox', { name: 'Find in document' }).or(page.getByLabel('Find in document'));
    await box.fill('trafficking victims');
    const text = await reader.textContent();
    const expected = (text!.match(/trafficking\s+victims/gi) ?? []).length;
    expect(expected).toBeGreaterThan(2);
    await page.getByText(`1 of ${expected}`).waitFor();
    await box.press('Enter');
    await page.getByText(`2 of ${expected}`).waitFor();
    await box.press('Shift+Enter');
    await box.press('Shift+Enter');
    await page.getByText(`${expected} of ${expected}`).waitFor();
    await expect(reader.locator('mark[data-hit]').count()).resolves.toBeGreaterThanOrEqual(expected);
    await box.fill('no such phrase anywhere');
    await page.getByText('No matches').waitFor();
    await box.press('Escape');
    await expect.poll(() => reader.locator('mark[data-hit]').count()).toBe(0);
  });
});
