/** Ingestion progress as main's `ingestProgress` events carry it. */
export interface ProgressEvent {
  done: number;
  total: number;
}

/** The taskbar/dock progress of the window, driven by ingestion progress. */
export interface TaskbarProgress {
  /** A progress event: shows done/total. */
  update(p: ProgressEvent): void;
  /** An ingestion ended (imported, failed or cancelled): the bar goes once none is under way. */
  settle(): void;
  /** An ingestion starts. */
  start(): void;
}

/**
 * Drives `setBar` (BrowserWindow.setProgressBar: 0–1 a fraction, -1 none) from ingestion
 * progress. With several files under way the bar shows the latest one's progress and is removed
 * only when all have settled, so it never sticks after a failed import.
 */
export function createTaskbarProgress(setBar: (fraction: number) => void): TaskbarProgress {
  let running = 0;
  let shown = -1;
  const show = (fraction: number): void => {
    if (fraction === shown) return;
    shown = fraction;
    setBar(fraction);
  };
  return {
    start() {
      running++;
      // An empty bar at once, so the taskbar shows work has begun before the first page is counted.
      if (shown < 0) show(0);
    },
    update({ done, total }) {
      if (total <= 0) return;
      show(Math.min(1, Math.max(0, done / total)));
    },
    settle() {
      running = Math.max(0, running - 1);
      if (running === 0) show(-1);
    },
  };
}
