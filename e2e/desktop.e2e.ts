import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newProfileDir, openApp, OUTPUT_DIR, tagPassage, type AppSession } from './support/app';

/** The colour scheme Mantine applied to the page. */
const scheme = (s: AppSession) => s.page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));

describe.skipIf(!inject('baseURL'))('desktop behaviour in the web host: shortcuts from the command table', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('opens the shortcuts sheet with ?, but not while typing', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();

    // Typing "?" in a text field types it.
    const goTo = page.getByRole('textbox', { name: 'Go to page' });
    await goTo.click();
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
    await goTo.blur();

    await page.getByTestId('reader').click();
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const row = (id: string) => sheet.locator(`[data-command="${id}"]`);
    await expect(row('page-view').textContent()).resolves.toBe('Page viewCtrl+Shift+P');
    await expect(row('open').textContent()).resolves.toBe('OpenCtrl+O');
    await expect(row('keyboard-shortcuts').textContent()).resolves.toBe('Keyboard shortcuts?');
    // A command with no key (Import backup) is not listed.
    await expect(row('import-backup').count()).resolves.toBe(0);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'shortcuts-sheet.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    expect(session.pageErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });

  it('switches between the page and text views, opens the export menu and backs up, from the keyboard', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const pagesChosen = () => page.getByRole('radio', { name: 'Pages' }).isChecked();

    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('page-view').locator('[data-page="1"] canvas').waitFor();
    await expect.poll(pagesChosen).toBe(true);

    await page.keyboard.press('Control+Shift+X');
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await expect.poll(() => page.getByTestId('page-view').count()).toBe(0);
    await expect.poll(pagesChosen).toBe(false);

    await page.keyboard.press('Control+e');
    await page.getByRole('menuitem', { name: /CSV/ }).first().waitFor();
    await page.keyboard.press('Escape');

    // File → Back up workspace… has its shortcut in the web host too (the backup arrives as a download).
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+Shift+S');
    expect((await download).suggestedFilename()).toMatch(/\.rwb-backup$/);
    expect(session.pageErrors).toEqual([]);
  });

  it('moves from finding to finding with F8 and Shift+F8 in reading order, and opens one with E', async () => {
    session = await openApp(newProfileDir());
    const { page } = session;
    const reader = page.getByTestId('reader');
    await reader.getByText('LUXEMBOURG: Tier 1').waitFor();
    // Tagged out of reading order: the Lithuanian passage comes before Luxembourg's heading.
    await tagPassage(page, 'LUXEMBOURG: Tier 1', 'Tier and compliance');
    await tagPassage(page, 'Lithuanian courts officially identified 30 trafficking victims', 'Victim identification');
    const panel = page.getByRole('list', { name: 'Findings' });
    const current = () => panel.locator('li[aria-current="true"]').textContent();

    await panel.getByRole('button', { name: /Lithuanian courts/ }).click();
    await expect.poll(current).toContain('Lithuanian courts officially identified 30');
    await page.keyboard.press('F8');
    await expect.poll(current).toContain('LUXEMBOURG: Tier 1');
    // At the end it wraps round; Shift+F8 goes back.
    await page.keyboard.press('F8');
    await expect.poll(current).toContain('Lithuanian courts');
    await page.keyboard.press('Shift+F8');
    await expect.poll(current).toContain('LUXEMBOURG: Tier 1');
    // The text view scrolled to the selected passage's highlight.
    const id = await panel.locator('li[aria-current="true"]').getAttribute('data-finding');
    const inView = async () => {
      const box = await reader.locator(`[data-ids~="${id}"]`).first().boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= 860;
    };
    await expect.poll(inView).toBe(true);

    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog', { name: /Edit finding/ });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('LUXEMBOURG: Tier 1');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(session.pageErrors).toEqual([]);
  });

  it('overrides the system colour scheme with dark mode, keeps it across a reload, and can follow the system again', async () => {
    const profile = newProfileDir();
    session = await openApp(profile);
    let { page } = session;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    // Chromium reports a light system theme here.
    await expect(scheme(session)).resolves.toBe('light');

    await page.keyboard.press('Control+Shift+D');
    await expect.poll(() => scheme(session!)).toBe('dark');
    await page.reload();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await expect(scheme(session)).resolves.toBe('dark');

    // The header control offers "Follow system" back.
    await page.getByRole('button', { name: 'Colour scheme: Dark' }).click();
    await expect(page.locator('[role="menuitem"][aria-current="true"]').textContent()).resolves.toBe('Dark');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'colour-scheme-menu-dark.png') });
    await page.getByRole('menuitem', { name: 'Follow system' }).click();
    await expect.poll(() => scheme(session!)).toBe('light');
    await session.close();

    session = await openApp(profile);
    page = session.page;
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await expect(page.getByRole('button', { name: 'Colour scheme: Follow system' }).count()).resolves.toBe(1);
    expect(session.pageErrors).toEqual([]);
  });
});
