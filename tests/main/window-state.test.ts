import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState, windowStateOf, type Rect } from '../../src/main/window-state';

const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const RIGHT_MONITOR: Rect = { x: 1440, y: 0, width: 2560, height: 1440 };
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'rwb-window-')), 'window-state.json');

describe('window state', () => {
  it('remembers size, position and maximised state across a save and load', async () => {
    const file = tempFile();
    saveWindowState(file, { x: 1600, y: 100, width: 1200, height: 900, maximized: true });
    await expect(loadWindowState(file, [LAPTOP, RIGHT_MONITOR])).resolves.toEqual({ x: 1600, y: 100, width: 1200, height: 900, maximized: true });
    // Written atomically: no temporary file is left beside it.
    expect(readdirSync(join(file, '..'))).toEqual(['window-state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, width: 1200 });
  });

  it('starts centred on the primary display when the file is missing', async () => {
    await expect(loadWindowState(tempFile(), [LAPTOP])).resolves.toEqual({ x: 40, y: 25, width: 1360, height: 875, maximized: false });
  });

  it.each([
    ['not JSON', '{"width": 12'],
    ['the wrong shape', JSON.stringify({ version: 1, width: 'wide', height: 800, maximized: false })],
    ['a newer version', JSON.stringify({ version: 2, width: 800, height: 600, maximized: false })],
    ['absurd numbers', JSON.stringify({ version: 1, x: 1e12, y: 0, width: 800, height: 600, maximized: false })],
  ])('ignores a damaged file (%s), says why, and uses the defaults', async (_what, content) => {
    const file = tempFile();
    writeFileSync(file, content);
    const logged: string[] = [];
    const state = await loadWindowState(file, [LAPTOP], (m) => logged.push(m));
    expect(state).toEqual(fitToDisplays(DEFAULT_WINDOW_STATE, [LAPTOP]));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(file);
  });

  it('brings back a window left on a display that is gone', () => {
    // Saved on the right-hand monitor, which is unplugged now.
    const state = fitToDisplays({ x: 2000, y: 200, width: 1600, height: 1000, maximized: false }, [LAPTOP]);
    expect(state).toEqual({ x: 0, y: 25, width: 1440, height: 875, maximized: false });
  });

  it('keeps a window partly off screen wholly inside the display it is mostly on', () => {
    expect(fitToDisplays({ x: -300, y: 500, width: 1000, height: 700, maximized: false }, [LAPTOP])).toEqual({
      x: 0,
      y: 200,
      width: 1000,
      height: 700,
      maximized: false,
    });
    // Mostly on the right monitor: stays there.
    expect(fitToDisplays({ x: 3500, y: 100, width: 1000, height: 800, maximized: false }, [LAPTOP, RIGHT_MONITOR])).toMatchObject({ x: 3000, y: 100 });
  });

  it('centres a window whose title bar is out of reach, and never makes it smaller than the minimum the display allows', () => {
    // Only the bottom edge shows: the title bar is above the screen.
    expect(fitToDisplays({ x: 100, y: -690, width: 1000, height: 700, maximized: false }, [LAPTOP])).toEqual({ x: 220, y: 113, width: 1000, height: 700, maximized: false });
    const small: Rect = { x: 0, y: 0, width: 640, height: 400 };
    expect(fitToDisplays({ x: 0, y: 0, width: 300, height: 200, maximized: false }, [small])).toEqual({ x: 0, y: 0, width: 640, height: 400, maximized: false });
  });

  it('remembers the normal bounds of a maximised window, so un-maximising restores them', () => {
    const win = { getNormalBounds: () => ({ x: 10, y: 20, width: 900, height: 700 }), isMaximized: () => true, isFullScreen: () => false };
    expect(windowStateOf(win)).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: true });
  });
});
