import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, type AppSession } from './support/app';

const HOSTILE = join(import.meta.dirname, '../../shared/fixtures/pdf/hostile');

describe.skipIf(!inject('baseURL'))('hostile PDFs', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('open every hostile PDF: no script, no dialog, no navigation, no request; the text imports', { timeout: 180_000 }, async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    const startUrl = page.url();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const files = readdirSync(HOSTILE).filter((f) => f.endsWith('.pdf'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open…' }).click();
      await (await chooser).setFiles(join(HOSTILE, file));
      // Each file either joins the library or is refused with a message; neither runs anything.
      await expect
        .poll(async () => (await page.getByRole('navigation', { name: 'Documents' }).textContent())!.includes(file.replace(/\.pdf$/, '')) || (await page.getByRole('alert').filter({ hasText: file }).count()) > 0, { timeout: 30_000 })
        .toBe(true);
    }
    // Drawn as pages too: the page view runs pdf.js's renderer on the file.
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^js-and-links/ }).click();
    await page.locator('label').filter({ hasText: /^Pages$/ }).click();
    await page.getByTestId('page-view').locator('[data-page="1"] canvas').waitFor();
    await page.waitForTimeout(1500);
    await page.locator('label').filter({ hasText: /^Text$/ }).click();

    // xss-text.pdf: its markup is shown as literal text, never parsed.
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: /^xss-text/ }).click();
    await page.getByTestId('reader').getByText('<script>alert(2)</script>', { exact: false }).waitFor();
    expect(await page.locator('[data-testid="reader"] img, [data-testid="reader"] script').count()).toBe(0);

    expect(dialogs).toEqual([]);
    expect(page.url()).toBe(startUrl);
    expect(session.foreignRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expect(session.context.pages()).toHaveLength(1);
  });
});
