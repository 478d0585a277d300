import { afterEach, describe, expect, inject, it } from 'vitest';
import { fixture } from '../tests/fixtures';
import { newProfileDir, openApp, type AppSession } from './support/app';

const PASSAGE = 'Lithuanian courts officially identified 30 trafficking victims';

describe.skipIf(!inject('baseURL'))('tagging and jumping with the keyboard alone', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('finds a passage with Ctrl+F and tags it from the find bar, with no mouse', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const reader = page.getByTestId('reader');
    await reader.getByText('LUXEMBOURG: Tier 1').waitFor();

    await page.keyboard.press('Control+f');
    const find = page.getByRole('textbox', { name: 'Find in document' });
    await expect.poll(() => find.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(PASSAGE);
    await expect.poll(() => page.getByRole('search').textContent()).toContain('1 of 1');
    // Ctrl+Enter tags the shown match: the tag popover opens on exactly that text.
    await page.keyboard.press('Control+Enter');
    const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.waitFor();
    await expect(popover.textContent()).resolves.toContain(PASSAGE);
    // Type to filter the codebook, Enter picks the code, Enter again saves.
    await page.keyboard.type('Victim ident');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await popover.waitFor({ state: 'detached' });

    const panel = page.getByRole('list', { name: 'Findings' });
    await expect.poll(() => panel.textContent()).toContain(PASSAGE);
    await expect(panel.textContent()).resolves.toContain('Victim identification');
    // The passage is highlighted in the text, exactly.
    await expect.poll(() => reader.locator('mark[data-ids]').allTextContents()).toEqual([PASSAGE]);
    expect(session.pageErrors).toEqual([]);
  });

  it('a jump lands its page at the top of the text view, even far down a long document whose pages are still unmeasured', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const reader = page.getByTestId('reader');
    await reader.getByText('LUXEMBOURG: Tier 1').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open…' }).click();
    await (await chooser).setFiles(fixture('pdf/real/pdkids.pdf'));
    const goTo = page.getByRole('textbox', { name: 'Go to page' });
    await expect.poll(() => page.getByText('of 55', { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    // The text view (a PDF may open on its pages).
    await page.keyboard.press('Control+Shift+X');
    await reader.waitFor();

    for (const target of [40, 3, 52, 20]) {
      await goTo.fill(String(target));
      await goTo.press('Enter');
      // The first character of the page sits 24 px below the top of the view (where a jump puts it).
      const offsetFromTop = () =>
        page.evaluate((n) => {
          const scroller = document.querySelector('[data-testid="reader"]')!;
          const first = scroller.querySelector(`section[data-page="${n}"] [data-offset]`);
          if (!first?.firstChild) return undefined;
          const r = document.createRange();
          r.setStart(first.firstChild, 0);
          r.setEnd(first.firstChild, 1);
          return r.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
        }, target);
      await expect.poll(async () => Math.abs(((await offsetFromTop()) ?? 1e9) - 24), { timeout: 10_000 }).toBeLessThan(4);
    }
    expect(session.pageErrors).toEqual([]);
  });
});
