import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newProfileDir, openApp, OUTPUT_DIR, selectTextWithMouse, type AppSession } from './support/app';
import type { Finding } from '../src/shared/model/types';

/** The findings as the app stored them, read straight from its IndexedDB database. */
function storedFindings(page: Page): Promise<Finding[]> {
  return page.evaluate(
    () =>
      new Promise<Finding[]>((done, fail) => {
        const open = indexedDB.open('report-workbench');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('findings').objectStore('findings').getAll();
          all.onsuccess = () => {
            done(all.result as Finding[]);
            open.result.close();
          };
        };
      }),
  );
}

/** A finding's highlight boxes on a page, turned back into PDF user space (a US Letter page, 612 × 792 pt). */
function drawnRects(page: Page, findingId: string, pageNumber: number): Promise<{ x: number; y: number; width: number; height: number }[]> {
  return page.evaluate(
    ({ findingId, pageNumber }) => {
      const pageEl = document.querySelector<HTMLElement>(`[data-testid="page-view"] [data-page="${pageNumber}"]`)!;
      const box = pageEl.getBoundingClientRect();
      const scale = box.width / 612;
      if (Math.abs(box.height / scale - 792) > 1) throw new Error(`page ${pageNumber} is not US Letter (${box.width}×${box.height})`);
      return [...pageEl.querySelectorAll<HTMLElement>(`[data-finding="${CSS.escape(findingId)}"]`)].map((el) => {
        const r = el.getBoundingClientRect();
        return { x: (r.left - box.left) / scale, y: 792 - (r.bottom - box.top) / scale, width: r.width / scale, height: r.height / scale };
      });
    },
    { findingId, pageNumber },
  );
}

const FIRST = 'The government demonstrated some efforts to assist victims.';

describe.skipIf(!inject('baseURL'))('page view', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('draws the PDF pages, shows text-view findings on them, and tags a passage selected on the page', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const reader = page.getByTestId('reader');
    await reader.getByText('LUXEMBOURG: Tier 1').waitFor();

    // A finding made in the text view…
    await selectTextWithMouse(page, FIRST);
    let popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.getByText('Protection', { exact: false }).first().click();
    await popover.getByRole('button', { name: 'Save finding' }).click();
    await popover.waitFor({ state: 'detached' });

    // …is drawn on the page in the page view.
    await page.locator('label').filter({ hasText: /^Pages$/ }).click();
    const pages = page.getByTestId('page-view');
    await pages.locator('[data-page="1"] canvas').waitFor();
    await pages.locator('[data-page="1"] .textLayer span').first().waitFor();
    await expect.poll(() => pages.locator('[data-page="1"] [data-finding]').count()).toBeGreaterThan(0);
    await expect.poll(() => pages.locator('[data-page="3"]').count()).toBe(1);

    // Select a passage in the page's text layer with the mouse and tag it there.
    const target = 'LUXEMBOURG: Tier 1';
    await pages.locator('[data-page="2"]').scrollIntoViewIfNeeded();
    const span = pages.locator('[data-page="2"] .textLayer span', { hasText: target }).first();
    await span.waitFor();
    const box = (await span.boundingBox())!;
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.waitFor();
    await expect(popover.textContent()).resolves.toContain('LUXEMBOURG: Tier 1');
    await popover.getByText('Tier and compliance', { exact: false }).first().click();
    await popover.getByRole('button', { name: 'Save finding' }).click();
    await popover.waitFor({ state: 'detached' });
    await expect.poll(() => pages.locator('[data-page="2"] [data-finding]').count()).toBeGreaterThan(0);
    await expect(page.getByRole('list', { name: 'Findings' }).textContent()).resolves.toContain('LUXEMBOURG: Tier 1');

    // Each stored finding carries its page rectangles, and the highlights drawn are exactly those.
    const stored = await storedFindings(page);
    const onPage = stored.find((f) => f.quote.exact.includes(target))!;
    const fromText = stored.find((f) => f.quote.exact === FIRST)!;
    expect(onPage.rects?.length).toBeGreaterThan(0);
    expect(onPage.rects!.every((r) => r.page === 2)).toBe(true);
    expect(fromText.rects?.length).toBeGreaterThan(0);
    expect(fromText.rects!.every((r) => r.page === 1)).toBe(true);
    for (const f of [onPage, fromText]) {
      const drawn = await drawnRects(page, f.id, f.rects![0]!.page);
      expect(drawn).toHaveLength(f.rects!.length);
      drawn.forEach((d, i) => {
        const r = f.rects![i]!;
        for (const k of ['x', 'y', 'width', 'height'] as const) expect(d[k], `${k} of rectangle ${i}`).toBeCloseTo(r[k], 1);
      });
    }
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'page-view.png') });

    // Back in the text view, both findings are highlighted.
    await page.locator('label').filter({ hasText: /^Text$/ }).click();
    await expect.poll(async () => (await reader.locator('mark').allTextContents()).join(' | ')).toContain('LUXEMBOURG: Tier 1');
    expect((await reader.locator('mark').allTextContents()).join(' | ')).toContain(FIRST);
    expect(session.pageErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
