import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, tagPassage, type AppSession } from './support/app';
import { openFiles, writeEditions } from './support/editions';
import { edit } from '../tests/text-edits';

const MOVED = 'The government demonstrated progress in holding traffickers accountable with prison time.';


describe.skipIf(!inject('baseURL'))('compare editions side by side', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows both texts level, marks a changed number in both columns and a moved sentence, steps through changes, and links figures to their passages', async () => {
    const { earlier, later } = writeEditions((text) => {
      let next = edit(text, 'officially identified 30 trafficking victims', 'officially identified 41 trafficking victims');
      next = edit(next, 'LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 2');
      next = edit(next, 'range from three to 10 years’', 'range from five to 10 years’');
      next = edit(next, `PROSECUTION ${MOVED} `, 'PROSECUTION\n');
      return edit(next, 'child trafficking. These', `child trafficking. ${MOVED} These`);
    });

    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await openFiles(page, [earlier, later], 3);
    const library = page.getByRole('navigation', { name: 'Documents' });

    // A finding in the later edition, to see it carried into the side-by-side view in its code's colour.
    await library.getByText('tip-2016', { exact: true }).click();
    await page.getByTestId('reader').getByText('range from five to 10', { exact: false }).waitFor();
    await tagPassage(page, 'Authorities identified 47 potential victims', 'Protection');

    await page.locator('label').filter({ hasText: /^Compare$/ }).click();
    const view = page.getByTestId('compare-view');
    await view.getByLabel('Earlier edition').selectOption({ label: 'tip-2015 (2015)' });
    await view.getByLabel('Later edition').selectOption({ label: 'tip-2016 (2016)' });
    await view.getByRole('button', { name: 'Compare' }).click();
    await view.getByLabel('Country').selectOption('Lithuania');
    await view.locator('label').filter({ hasText: /^Side by side$/ }).click();
    const side = view.getByTestId('side-by-side');

    // The changed figure: 30 struck on the left and 41 marked on the right, in the same row.
    const figureRow = side.locator('[data-row]').filter({ has: page.locator('del', { hasText: '30' }) });
    await expect.poll(() => figureRow.count()).toBe(1);
    await expect(figureRow.locator('[data-side="earlier"] del').allTextContents()).resolves.toEqual(['30']);
    await expect(figureRow.locator('[data-side="later"] ins').allTextContents()).resolves.toEqual(['41']);
    // Unchanged text is shown plainly on both sides of its row.
    const plain = side.locator('[data-row]').filter({ hasText: 'the same as in 2013' });
    await expect(plain.locator('[data-mark="same"]').count()).resolves.toBe(2);
    // The later edition's finding is shown on its passage, in the code's colour.
    const tagged = side.locator('[data-side="later"][data-findings]');
    await expect.poll(() => tagged.count()).toBe(1);
    await expect(tagged.textContent()).resolves.toContain('Authorities identified 47 potential victims');
    expect(await tagged.evaluate((el) => getComputedStyle(el).borderLeftColor)).not.toBe(await plain.locator('[data-side="earlier"]').evaluate((el) => getComputedStyle(el).borderLeftColor));

    // Luxembourg: the sentence moved within Prosecution (the last section) is marked moved in both
    // columns, each at its own place, not removed and added.
    await view.getByLabel('Country').selectOption('Luxembourg');
    await expect.poll(() => side.getByRole('heading', { name: /Profile/ }).count()).toBe(1);
    const scroller = side.getByRole('region');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const moved = side.locator('[data-mark="moved"]').filter({ hasText: MOVED });
    await expect.poll(() => moved.count()).toBe(2);
    await expect(moved.evaluateAll((els) => els.map((el) => el.getAttribute('data-side')))).resolves.toEqual(['earlier', 'later']);
    const movedRows = await moved.evaluateAll((els) => els.map((el) => el.closest('[data-row]')!.getAttribute('data-row')));
    expect(movedRows[0]).not.toBe(movedRows[1]);
    await expect(moved.first().textContent()).resolves.toMatch(/^moved/);
    await expect(side.locator('[data-mark="removed"], [data-mark="added"]').count()).resolves.toBe(0);
    // Its badge goes to the other copy.
    await moved.first().getByRole('button', { name: /^moved: show it in 2016/ }).click();
    await expect.poll(() => side.locator('[data-active]').getAttribute('data-row')).toBe(movedRows[1]);

    // "Next change" (the button, then the keys n and p) scrolls the container to the changed rows in turn.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    const activeRow = side.locator('[data-active]');
    const status = side.getByText(/marked change/);
    const inView = async () => {
      const [box, row] = [await scroller.boundingBox(), await activeRow.boundingBox()];
      return !!box && !!row && row.y + row.height > box.y && row.y < box.y + box.height;
    };
    await side.getByRole('button', { name: 'Next change' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Change 1 of 3 marked changes/);
    await expect.poll(inView).toBe(true);
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    const first = Number(await activeRow.getAttribute('data-row'));
    await expect(activeRow.locator('[data-side="earlier"]').textContent()).resolves.toContain(MOVED);
    await scroller.focus();
    await page.keyboard.press('n');
    await expect.poll(() => status.textContent()).toMatch(/^Change 2 of 3/);
    await expect(activeRow.textContent()).resolves.toContain('range from five to 10');
    await expect(activeRow.locator('ins').allTextContents()).resolves.toEqual(['five']);
    await page.keyboard.press('n');
    await expect.poll(() => status.textContent()).toMatch(/^Change 3 of 3/);
    await expect.poll(inView).toBe(true);
    expect(Number(await activeRow.getAttribute('data-row'))).toBeGreaterThan(first);
    await page.keyboard.press('p');
    await expect.poll(() => status.textContent()).toMatch(/^Change 2 of 3/);

    // Hiding routine changes: the move is shown plainly, the changed number stays marked.
    await view.getByLabel('Only significant changes').check();
    await expect.poll(() => status.textContent()).toMatch(/^Change 1 of 1 marked change\b/);
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => side.locator('ins').allTextContents()).toEqual(['five']);
    await expect(side.locator('[data-mark="moved"]').count()).resolves.toBe(0);
    await expect(side.locator('[data-mark="same"]').filter({ hasText: MOVED }).count()).resolves.toBe(2);

    // A figure's value opens the reader at the passage that states it, in that edition.
    await view.getByRole('table', { name: 'Figures' }).getByRole('button', { name: /^5: open the 2016 passage/ }).click();
    const reader = page.getByTestId('reader');
    await reader.getByText('range from five to 10', { exact: false }).waitFor();
    const passageInView = () =>
      page.evaluate((needle) => {
        const el = document.querySelector('[data-testid="reader"]')!;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.textContent!.indexOf(needle);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + needle.length);
          const [box, view] = [r.getBoundingClientRect(), el.getBoundingClientRect()];
          return box.top >= view.top && box.bottom <= view.bottom;
        }
        return false;
      }, 'range from five to 10');
    await expect.poll(passageInView).toBe(true);
    expect(session.pageErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
