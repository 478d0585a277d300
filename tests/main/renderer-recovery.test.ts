import { describe, expect, it } from 'vitest';
import { createRendererRecovery, MAX_RELOADS, onRenderProcessGone } from '../../src/main/renderer-recovery';

describe('renderer recovery', () => {
  it('reloads after a crash, a kill or running out of memory, but not after a clean exit', () => {
    let t = 0;
    const decide = createRendererRecovery({ now: () => (t += 30_000) });
    expect(decide({ reason: 'clean-exit', exitCode: 0 })).toEqual({ action: 'none' });
    for (const reason of ['crashed', 'killed', 'oom', 'abnormal-exit', 'launch-failed']) {
      expect(decide({ reason, exitCode: 9 })).toEqual({ action: 'reload' });
    }
  });

  it('stops reloading a crash loop and says so, then reloads again once things are calm', () => {
    let t = 0;
    const decide = createRendererRecovery({ now: () => t });
    for (let i = 0; i < MAX_RELOADS; i++) {
      t += 1_000;
      expect(decide({ reason: 'crashed', exitCode: 11 })).toEqual({ action: 'reload' });
    }
    t += 1_000;
    const loop = decide({ reason: 'oom', exitCode: 137 });
    expect(loop).toMatchObject({ action: 'give-up', title: 'Report Workbench keeps stopping' });
    expect(loop.action === 'give-up' && loop.message).toMatch(/stopped unexpectedly 4 times within a minute \(last reason: oom, code 137\).*Every finding you saved is kept/);
    t += 60_000;
    expect(decide({ reason: 'crashed', exitCode: 11 })).toEqual({ action: 'reload' });
  });

  it('as a window listener: reloads the window, and after a loop shows the message instead', () => {
    let reloads = 0;
    const shown: string[] = [];
    const listener = onRenderProcessGone({ reload: () => reloads++ }, (title) => shown.push(title), createRendererRecovery({ now: () => 0 }));
    for (let i = 0; i < MAX_RELOADS + 2; i++) listener({}, { reason: 'crashed', exitCode: 11 });
    listener({}, { reason: 'clean-exit', exitCode: 0 });
    expect(reloads).toBe(MAX_RELOADS);
    expect(shown).toEqual(['Report Workbench keeps stopping', 'Report Workbench keeps stopping']);
  });
});
