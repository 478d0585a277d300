import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, type AppSession } from './support/app';
import { bundleForPage } from './support/bundle';

/** Findings saved on the excerpt: enough that the panel cannot draw them all without virtualising. */
const COUNT = 300;

/** Where the findings panel's list is scrolled to, and how tall its view is. */
function viewportOf(list: Locator): Promise<{ top: number; bottom: number; scrollTop: number; scrollHeight: number }> {
  return list.evaluate((ul) => {
    const v = ul.closest<HTMLElement>('[data-scrollarea-viewport]')!;
    const r = v.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, scrollTop: v.scrollTop, scrollHeight: v.scrollHeight };
  });
}

/** The card of the burst's save number `i` (its note is "burst save #i"). */
function card(list: Locator, i: number): Locator {
  return list.getByRole('listitem').filter({ has: list.page().getByText(`burst save #${i}`, { exact: true }) });
}

/** Whether `item` is wholly inside the panel's view. */
async function inPanelView(list: Locator, item: Locator): Promise<boolean> {
  if ((await item.count()) !== 1) return false;
  const box = await item.boundingBox();
  const view = await viewportOf(list);
  return !!box && box.y >= view.top - 1 && box.y + box.height <= view.bottom + 1;
}

/** The note of the card marked as the current finding. */
function currentNote(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('ul[aria-label="Findings"] li[aria-current="true"]')?.textContent?.match(/burst save #\d+/)?.[0] ?? null);
}

describe.skipIf(!inject('baseURL'))('the findings panel with hundreds of findings', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('draws only the cards near its view, shows later ones as it scrolls, and F8 brings a far finding into view', { timeout: 180_000 }, async () => {
    // The findings are saved by the app's own store code, on its own database.
    const code = await bundleForPage('save-burst.ts');
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await page.evaluate(code);
    await page.evaluate((n) => (globalThis as unknown as { rwbSaveBurst: (n: number, p: number) => Promise<void> }).rwbSaveBurst(n, 6), COUNT);
    await page.reload();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();

    const list = page.getByRole('list', { name: 'Findings' });
    const items = list.getByRole('listitem');
    await expect.poll(() => list.locator('li[aria-setsize]').first().getAttribute('aria-setsize'), { timeout: 30_000 }).toBe(String(COUNT));
    await expect(page.getByRole('heading', { name: /^Findings/ }).textContent()).resolves.toContain(String(COUNT));

    // Only a window of cards is in the DOM, each saying where it is in the whole list.
    const drawn = await items.count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(40);
    await expect(items.first().getAttribute('aria-posinset')).resolves.toBe('1');
    await expect(card(list, 0).count()).resolves.toBe(1);
    await expect(card(list, COUNT - 1).count()).resolves.toBe(0);
    // The cards keep what they show: codes, page, quote button, note, and their actions.
    await expect(items.first().getByRole('button', { name: 'Edit finding' }).count()).resolves.toBe(1);
    await expect(items.first().getByRole('button', { name: 'Delete finding' }).count()).resolves.toBe(1);
    await expect(items.first().textContent()).resolves.toMatch(/p\. \d+/);

    // Scrolling the panel to its end draws the last cards instead of the first. (The cards are
    // measured as they are drawn, which moves the end: scroll on until it stays put.)
    const toEnd = () =>
      list.evaluate((ul) => {
        const v = ul.closest<HTMLElement>('[data-scrollarea-viewport]')!;
        v.scrollTop = v.scrollHeight;
      });
    await toEnd();
    await expect.poll(() => card(list, COUNT - 1).count()).toBe(1);
    await expect.poll(async () => (await toEnd(), inPanelView(list, card(list, COUNT - 1)))).toBe(true);
    await expect(card(list, 0).count()).resolves.toBe(0);
    expect(await items.count()).toBeLessThan(40);
    await expect(items.last().getAttribute('aria-posinset')).resolves.toBe(String(COUNT));

    // Back to the top; select the first finding with its quote button.
    await list.evaluate((ul) => {
      ul.closest<HTMLElement>('[data-scrollarea-viewport]')!.scrollTop = 0;
    });
    await expect.poll(() => card(list, 0).count()).toBe(1);
    await card(list, 0).getByRole('button').first().click();
    await expect.poll(() => currentNote(page)).toBe('burst save #0');

    // Shift+F8 wraps round to the last finding, far down the list: its card is drawn, in view, current.
    await page.keyboard.press('Shift+F8');
    await expect.poll(() => currentNote(page)).toBe(`burst save #${COUNT - 1}`);
    await expect.poll(() => inPanelView(list, list.locator('li[aria-current="true"]'))).toBe(true);
    await expect(list.locator('li[aria-current="true"]').getAttribute('aria-posinset')).resolves.toBe(String(COUNT));
    // F8 wraps back to the first.
    await page.keyboard.press('F8');
    await expect.poll(() => currentNote(page)).toBe('burst save #0');
    await expect.poll(() => inPanelView(list, list.locator('li[aria-current="true"]'))).toBe(true);

    // The keyboard reaches cards that were not drawn when it started: Tab on through 30 cards
    // (quote, Edit, Delete on each) and focus is on the 31st card's quote.
    await card(list, 0).getByRole('button').first().focus();
    for (let k = 0; k < 3 * 30; k++) await page.keyboard.press('Tab');
    const focusedAt = () => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset') ?? null);
    await expect.poll(focusedAt).toBe('31');
    await expect.poll(() => inPanelView(list, page.locator(':focus'))).toBe(true);
    // Scrolled far away with the wheel, the focused card stays drawn, so focus is not lost.
    await toEnd();
    await expect.poll(() => card(list, COUNT - 1).count()).toBe(1);
    await expect(focusedAt()).resolves.toBe('31');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focusedAt).toBe('30');

    expect(session.pageErrors).toEqual([]);
  });
});
