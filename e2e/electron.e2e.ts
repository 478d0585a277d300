import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acceleratorFor, COMMAND_SPECS } from '../src/shared/commands';
import { findElectron } from './support/browsers';
import { OUTPUT_DIR, selectTextWithMouse } from './support/app';

const ROOT = resolve(import.meta.dirname, '..');
const electronBinary = findElectron();
if (!electronBinary) {
  console.log('e2e: skipping the Electron tests: the Electron binary is not installed (a plain `npm install` or `npx install-electron` fetches it).');
}

const SENTENCE = 'The government demonstrated some efforts to assist victims.';

// The app as `npm start` runs it: built once for every Electron test in this file.
beforeAll(async () => {
  if (!electronBinary) return;
  const { build } = await import('electron-vite');
  await build({ root: ROOT, logLevel: 'warn' });
});

describe.skipIf(!electronBinary)('Electron: open → read → tag → keep', () => {
  const userData = mkdtempSync(join(tmpdir(), 'rwb-electron-'));
  let app: ElectronApplication | undefined;

  const launch = () =>
    electron.launch({
      executablePath: electronBinary!,
      args: [ROOT, `--user-data-dir=${userData}`, ...(process.env.CI ? ['--no-sandbox'] : [])],
      cwd: ROOT,
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
      ['cancelIngest', 'ingestBytes', 'keepPreUpgradeCopy', 'loadSample', 'on', 'openDocuments', 'openExternal', 'saveFile', 'setThemeSource', 'takeOpenedFiles', 'writeAutoBackup'],
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

// Desktop behaviour that only Electron has (issue 8). Each test gets its own data folder, so each
// runs as a first start with its own single-instance lock.
describe.skipIf(!electronBinary)('Electron: desktop behaviour', () => {
  const FILE = join(ROOT, '../shared/fixtures/text/gtip-projects-fy2002.txt');
  const isMac = process.platform === 'darwin';
  let app: ElectronApplication | undefined;
  const launchIn = (userData: string, extra: string[] = []) =>
    electron.launch({
      executablePath: electronBinary!,
      args: [ROOT, `--user-data-dir=${userData}`, ...(process.env.CI ? ['--no-sandbox'] : []), ...extra],
      cwd: ROOT,
    });
  const documents = (page: Page) => page.getByRole('navigation', { name: 'Documents' });

  afterEach(async () => {
    await app?.close().catch(() => undefined);
    app = undefined;
  });

  it('has the application menu of the command table, each item with its accelerator', async () => {
    app = await launchIn(mkdtempSync(join(tmpdir(), 'rwb-electron-')));
    await app.firstWindow();
    const ids = COMMAND_SPECS.filter((s) => !(isMac && s.id === 'about')).map((s) => s.id);
    const items = await app.evaluate(({ Menu }, wanted) => {
      const menu = Menu.getApplicationMenu();
      return wanted.map((id) => {
        const item = menu?.getMenuItemById(id);
        return item ? { id, label: item.label, accelerator: item.accelerator ?? null } : { id, missing: true };
      });
    }, ids);
    for (const spec of COMMAND_SPECS.filter((s) => ids.includes(s.id))) {
      expect(items.find((i) => i.id === spec.id)).toEqual({ id: spec.id, label: spec.label, accelerator: acceleratorFor(spec, isMac) ?? null });
    }
  });

  it('opens a document given on the command line, lists it under Open Recent, and reopens the window at its size', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'rwb-electron-'));
    app = await launchIn(userData, [FILE]);
    const page = await app.firstWindow();
    await documents(page).getByRole('button', { name: /^gtip-projects-fy2002/ }).waitFor({ timeout: 30_000 });
    const recent = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('open-recent')?.submenu?.items.map((i) => i.sublabel ?? '') ?? []);
    expect(recent).toContain(FILE);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setSize(1000, 700));
    await app.close();

    app = await launchIn(userData);
    await app.firstWindow();
    const size = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getSize());
    expect(size).toEqual([1000, 700]);
  });

  it('a second launch hands its file to the running window and quits', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'rwb-electron-'));
    app = await launchIn(userData);
    const page = await app.firstWindow();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    const second = spawnSync(electronBinary!, [ROOT, `--user-data-dir=${userData}`, ...(process.env.CI ? ['--no-sandbox'] : []), FILE], { cwd: ROOT, timeout: 60_000 });
    expect(second.status).toBe(0);
    await documents(page).getByRole('button', { name: /^gtip-projects-fy2002/ }).waitFor({ timeout: 30_000 });
  });

  it('stays on its own origin, and reloads a crashed renderer with the findings intact', async () => {
    app = await launchIn(mkdtempSync(join(tmpdir(), 'rwb-electron-')));
    const page = await app.firstWindow();
    await page.getByTestId('reader').getByText('LUXEMBOURG: Tier 1').waitFor();
    await page.evaluate(() => void (location.href = 'https://example.org/'));
    await expect.poll(() => page.url(), { timeout: 3_000 }).toMatch(/^app:\/\/rwb\//);
    expect(new URL(page.url()).protocol).toBe('app:');

    await selectTextWithMouse(page, SENTENCE);
    const popover = page.getByRole('dialog', { name: 'Tag the selected passage' });
    await popover.getByText('Protection', { exact: false }).first().click();
    await popover.getByRole('button', { name: 'Save finding' }).click();
    await popover.waitFor({ state: 'detached' });
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
    await expect
      .poll(
        async () => {
          for (const w of app!.windows()) {
            const marks = await w.getByTestId('reader').locator('mark').allTextContents().catch(() => [] as string[]);
            if (marks.length) return marks.join('');
          }
          return '';
        },
        { timeout: 30_000 },
      )
      .toBe(SENTENCE);
  });
});
