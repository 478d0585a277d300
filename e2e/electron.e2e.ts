import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron } from './support/browsers';
import { OUTPUT_DIR, selectTextWithMouse } from './support/app';

const ROOT = resolve(import.meta.dirname, '..');
const electronBinary = findElectron();
if (!electronBinary) {
  console.log('e2e: skipping the Electron tests: the Electron binary is not installed (a plain `npm install` or `npx install-electron` fetches it).');
}

const SENTENCE = 'The government demonstrated some efforts to assist victims.';

describe.skipIf(!electronBinary)('Electron: open → read → tag → keep', () => {
  const userData = mkdtempSync(join(tmpdir(), 'rwb-electron-'));
  let app: ElectronApplication | undefined;

  const launch = () =>
    electron.launch({
      executablePath: electronBinary!,
      args: [ROOT, `--user-data-dir=${userData}`, ...(process.env.CI ? ['--no-sandbox'] : [])],
      cwd: ROOT,
    });

  beforeAll(async () => {
    const { build } = await import('electron-vite');
    await build({ root: ROOT, logLevel: 'warn' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('runs the renderer sandboxed on app:// and keeps a finding across a restart', async () => {
    app = await launch();
    const page = await app.firstWindow();
    expect(new URL(page.url()).protocol).toBe('app:');
    // No Node in the renderer, and the bridge exposes only the contract's functions.
    await expect(page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).resolves.toBe('undefined');
    await expect(page.evaluate(() => Object.keys((window as unknown as { rwb: object }).rwb).sort())).resolves.toEqual(
      ['cancelIngest', 'ingestBytes', 'loadSample', 'on', 'openDocuments', 'openExternal', 'saveFile', 'setThemeSource', 'takeOpenedFiles', 'writeAutoBackup'],
    );
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await selectTextWithMouse(page, SENTENCE);
    const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.getByText('Protection', { exact: false }).first().click();
    await popover.getByRole('button', { name: 'Save finding' }).click();
    await page.getByTestId('reader').locator('mark').first().waitFor();
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'electron-main-window.png') });
    await app.close();

    app = await launch();
    const again = await app.firstWindow();
    await again.getByTestId('reader').locator('mark').first().waitFor();
    await expect(again.getByTestId('reader').locator('mark').allTextContents().then((t) => t.join(''))).resolves.toBe(SENTENCE);
  });
});
