/** Why a renderer went away, as Electron's `render-process-gone` reports it. */
export interface RenderProcessGoneDetails {
  reason: string;
  exitCode: number;
}

/** What to do about it. */
export type RecoveryAction =
  /** Nothing went wrong (the window is closing). */
  | { action: 'none' }
  /** Reload the window: the workspace is in IndexedDB, committed before any save was confirmed. */
  | { action: 'reload' }
  /** It keeps crashing: stop reloading and tell the analyst, rather than loop. */
  | { action: 'give-up'; title: string; message: string };

/** How many reloads within RELOAD_WINDOW_MS are tried before giving up. */
export const MAX_RELOADS = 3;
/** The span a crash loop is counted over. */
export const RELOAD_WINDOW_MS = 60_000;

/** Options of {@link createRendererRecovery}. */
export interface RendererRecoveryOptions {
  /** Reloads allowed within `windowMs` before giving up (MAX_RELOADS). */
  maxReloads?: number;
  /** The span a crash loop is counted over, in milliseconds (RELOAD_WINDOW_MS). */
  windowMs?: number;
  /** The clock; tests pass their own. */
  now?: () => number;
}

/**
 * Decides, crash after crash, whether to reload the window. A renderer that crashed, was killed or
 * ran out of memory is reloaded (the analyst's data is in the workspace database, which a renderer
 * crash cannot damage: a save is confirmed only once its transaction has committed). More than
 * MAX_RELOADS crashes within RELOAD_WINDOW_MS would be a crash loop: the window is left and the
 * analyst is told instead.
 */
export function createRendererRecovery(options: RendererRecoveryOptions = {}): (details: RenderProcessGoneDetails) => RecoveryAction {
  const maxReloads = options.maxReloads ?? MAX_RELOADS;
  const windowMs = options.windowMs ?? RELOAD_WINDOW_MS;
  const now = options.now ?? Date.now;
  let reloads: number[] = [];
  return (details) => {
    if (details.reason === 'clean-exit') return { action: 'none' };
    const t = now();
    reloads = reloads.filter((r) => t - r < windowMs);
    if (reloads.length >= maxReloads) {
      return {
        action: 'give-up',
        title: 'Report Workbench keeps stopping',
        message:
          `The window stopped unexpectedly ${reloads.length + 1} times within a minute (last reason: ${details.reason}, code ${details.exitCode}), so it was not reloaded again. ` +
          'Every finding you saved is kept in the workspace. Quit and start Report Workbench again; if this keeps happening, restore the latest automatic backup.',
      };
    }
    reloads.push(t);
    return { action: 'reload' };
  };
}

/**
 * The `render-process-gone` listener for one window: reloads it, or after a crash loop shows the
 * message instead. In index.ts:
 * `mainWindow.webContents.on('render-process-gone', onRenderProcessGone(mainWindow.webContents, (t, m) => dialog.showErrorBox(t, m)));`
 */
export function onRenderProcessGone(
  target: { reload(): void },
  showError: (title: string, message: string) => void,
  decide: (details: RenderProcessGoneDetails) => RecoveryAction = createRendererRecovery(),
): (event: unknown, details: RenderProcessGoneDetails) => void {
  return (_event, details) => {
    const next = decide(details);
    if (next.action === 'reload') target.reload();
    else if (next.action === 'give-up') showError(next.title, next.message);
  };
}
