import { isAbsolute, resolve } from 'node:path';
import type { IngestOutcome } from '../shared/ipc/contract';

/** Document types main opens from the command line, the OS or a second launch. */
const OPENABLE = /\.(pdf|txt|md|html?)$/i;

/**
 * The document paths in a command line (`process.argv`, or a second instance's argv): every
 * argument after the executable that is not a switch and names a document we can read,
 * resolved against the directory the command ran in. The app's own path (`electron .`) and
 * Chromium's switches are skipped.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !OPENABLE.test(arg)) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!files.includes(path)) files.push(path);
  }
  return files;
}

/** What {@link FileOpener} needs from the app. */
export interface FileOpenerDeps {
  /** Reads and ingests a file (the ingest service); never throws. */
  ingestPath(path: string): Promise<IngestOutcome>;
  /** Sends outcomes to the renderer (the `filesOpened` event). */
  send(outcomes: IngestOutcome[]): void;
  /** Remembers a path that opened (recent documents, the OS list). */
  remember(path: string): void;
  /** Drops a path that no longer opens (moved, deleted, damaged) from the recent documents. */
  forget(path: string): void;
  /** Brings the window forward (creating it if need be). */
  focus(): void;
}

/**
 * Opens files main chose itself (never a path the renderer sent): ingests each and hands the
 * outcomes to the renderer. Until the renderer has asked for them ({@link take}) they wait, so
 * a file given at launch is not sent to a page that is not listening yet.
 */
export class FileOpener {
  private pending: IngestOutcome[] = [];
  private rendererListening = false;

  constructor(private readonly deps: FileOpenerDeps) {}

  /** Ingests the files one after another and delivers the outcomes. */
  async open(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    this.deps.focus();
    const outcomes: IngestOutcome[] = [];
    for (const path of paths) {
      const outcome = await this.deps.ingestPath(path);
      if (outcome.ok) this.deps.remember(path);
      // A file that only needs its password, or whose import was stopped, is still worth listing.
      else if (!outcome.code.startsWith('password') && outcome.code !== 'cancelled') this.deps.forget(path);
      outcomes.push(outcome);
    }
    if (this.rendererListening) this.deps.send(outcomes);
    else this.pending.push(...outcomes);
  }

  /** The outcomes waiting for the renderer, which from now on gets them as events. */
  take(): IngestOutcome[] {
    this.rendererListening = true;
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  /** The page is (re)loading: keep outcomes until it asks again. */
  rendererGone(): void {
    this.rendererListening = false;
  }
}

/** The parts of Electron's `app` that file routing uses. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown;
}

/** Options for {@link routeFileOpens}. */
export interface RouteOptions {
  /** This launch's command line and directory. */
  argv: readonly string[];
  cwd: string;
  /** Opens paths (a {@link FileOpener}'s `open`). */
  open(paths: string[]): void;
  /** Brings the window forward (a second launch with no file still shows the app). */
  focus(): void;
}

/**
 * Makes this the only running instance and routes every way a file arrives to `open`: this
 * launch's command line, a second launch's (which then quits), and macOS `open-file`. Returns
 * false when another instance already runs: it has been handed our files and this one quits.
 */
export function routeFileOpens(app: AppLike, options: RouteOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = filesFromArgv(argv, workingDirectory);
    if (files.length) options.open(files);
    else options.focus();
  });
  app.on('open-file', (event, path) => {
    // macOS: a document dropped on the dock icon or opened from Finder, possibly before "ready".
    event.preventDefault();
    options.open([path]);
  });
  const initial = filesFromArgv(options.argv, options.cwd);
  if (initial.length) options.open(initial);
  return true;
}
