import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, OUTPUT_DIR, selectTextWithMouse, type AppSession } from './support/app';

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
