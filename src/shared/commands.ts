/**
 * The one table of the app's commands. The native menu (main), the renderer's keyboard shortcuts
 * (web host, and the few keys the menu cannot carry) and the shortcuts sheet are all built from
 * it, so a menu item, its accelerator and its shortcut can never disagree.
 */

/** The menus of the menu bar that hold commands. */
export type MenuName = 'file' | 'edit' | 'view' | 'help';

/** Electron menu roles a command may stand for: the platform does the work. */
export type CommandRole = 'cut' | 'copy' | 'paste' | 'selectAll' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'about';

/** An Electron-style accelerator ("CmdOrCtrl+Shift+P"), or one per platform. */
export type Accelerator = string | { mac: string; other: string };

interface CommandBase {
  /** Stable id; the renderer's commands cross IPC as this string. */
  id: string;
  /** The menu item's label. */
  label: string;
  menu: MenuName;
  /** Native menu accelerator; in the web host the renderer matches the same keys. */
  accelerator?: Accelerator;
  /** A plain key the renderer handles in every host (never while typing), for keys a menu cannot carry well ("?"). */
  key?: string;
  /** Draw a separator above this item. */
  separatorBefore?: boolean;
}

/** Where a command is carried out. */
export type CommandSpec = CommandBase &
  (
    | {
        /** Sent to the renderer as a `command` event. */
        handler: 'renderer';
        /** In a text field the field keeps the keys (its own undo/redo). */
        passToTextField?: boolean;
      }
    | { /** Done by main itself (it may touch the file system). */ handler: 'main' }
    | { /** A built-in Electron role; browsers do the same natively. */ handler: 'role'; role: CommandRole }
  );

export const COMMAND_TABLE = [
  { id: 'open', label: 'Open…', menu: 'file', accelerator: 'CmdOrCtrl+O', handler: 'renderer' },
  { id: 'open-recent', label: 'Open Recent', menu: 'file', handler: 'main' },
  { id: 'import-backup', label: 'Import backup…', menu: 'file', handler: 'renderer', separatorBefore: true },
  { id: 'export-findings', label: 'Export findings…', menu: 'file', accelerator: 'CmdOrCtrl+E', handler: 'renderer' },
  { id: 'back-up-workspace', label: 'Back up workspace…', menu: 'file', accelerator: 'CmdOrCtrl+Shift+S', handler: 'renderer' },
  { id: 'close-document', label: 'Close Document', menu: 'file', accelerator: 'CmdOrCtrl+W', handler: 'renderer', separatorBefore: true },

  { id: 'undo', label: 'Undo', menu: 'edit', accelerator: 'CmdOrCtrl+Z', handler: 'renderer', passToTextField: true },
  { id: 'redo', label: 'Redo', menu: 'edit', accelerator: 'CmdOrCtrl+Shift+Z', handler: 'renderer', passToTextField: true },
  { id: 'cut', label: 'Cut', menu: 'edit', accelerator: 'CmdOrCtrl+X', handler: 'role', role: 'cut', separatorBefore: true },
  { id: 'copy', label: 'Copy', menu: 'edit', accelerator: 'CmdOrCtrl+C', handler: 'role', role: 'copy' },
  { id: 'paste', label: 'Paste', menu: 'edit', accelerator: 'CmdOrCtrl+V', handler: 'role', role: 'paste' },
  { id: 'select-all', label: 'Select All', menu: 'edit', accelerator: 'CmdOrCtrl+A', handler: 'role', role: 'selectAll' },
  { id: 'find', label: 'Find…', menu: 'edit', accelerator: 'CmdOrCtrl+F', handler: 'renderer', separatorBefore: true },

  { id: 'page-view', label: 'Page view', menu: 'view', accelerator: 'CmdOrCtrl+Shift+P', handler: 'renderer' },
  { id: 'text-view', label: 'Text view', menu: 'view', accelerator: 'CmdOrCtrl+Shift+X', handler: 'renderer' },
  { id: 'compare', label: 'Compare…', menu: 'view', handler: 'renderer' },
  { id: 'zoom-in', label: 'Zoom In', menu: 'view', accelerator: 'CmdOrCtrl+Plus', handler: 'role', role: 'zoomIn', separatorBefore: true },
  { id: 'zoom-out', label: 'Zoom Out', menu: 'view', accelerator: 'CmdOrCtrl+-', handler: 'role', role: 'zoomOut' },
  { id: 'zoom-reset', label: 'Actual Size', menu: 'view', accelerator: 'CmdOrCtrl+0', handler: 'role', role: 'resetZoom' },
  { id: 'next-finding', label: 'Next finding', menu: 'view', accelerator: 'F8', handler: 'renderer', separatorBefore: true },
  { id: 'previous-finding', label: 'Previous finding', menu: 'view', accelerator: 'Shift+F8', handler: 'renderer' },
  { id: 'edit-finding', label: 'Edit selected finding…', menu: 'view', key: 'e', handler: 'renderer' },
  { id: 'dark-mode', label: 'Dark mode', menu: 'view', accelerator: 'CmdOrCtrl+Shift+D', handler: 'renderer', separatorBefore: true },
  { id: 'full-screen', label: 'Full Screen', menu: 'view', accelerator: { mac: 'Ctrl+Cmd+F', other: 'F11' }, handler: 'role', role: 'togglefullscreen' },

  { id: 'keyboard-shortcuts', label: 'Keyboard shortcuts', menu: 'help', key: '?', handler: 'renderer' },
  { id: 'open-data-folder', label: 'Open data folder', menu: 'help', handler: 'main' },
  { id: 'about', label: 'About Report Workbench', menu: 'help', handler: 'role', role: 'about', separatorBefore: true },
] as const satisfies readonly CommandSpec[];

type TableEntry = (typeof COMMAND_TABLE)[number];
/** Every command id. */
export type CommandId = TableEntry['id'];
/** Commands the renderer carries out (sent as `command` events). */
export type RendererCommand = Extract<TableEntry, { handler: 'renderer' }>['id'];
/** Commands main carries out itself. */
export type MainCommand = Extract<TableEntry, { handler: 'main' }>['id'];

/** The table, typed as plain specs (for code that walks it). */
export const COMMAND_SPECS: readonly CommandSpec[] = COMMAND_TABLE;

/** The ids of the renderer's commands, in table order. */
export const RENDERER_COMMANDS = COMMAND_TABLE.filter((c) => c.handler === 'renderer').map((c) => c.id) as readonly RendererCommand[];

/** The spec of a command. */
export function commandSpec(id: CommandId): CommandSpec {
  const spec = COMMAND_SPECS.find((c) => c.id === id);
  if (!spec) throw new Error(`Unknown command: ${id}`);
  return spec;
}

/** The accelerator of a command on this platform, if any. */
export function acceleratorFor(spec: CommandSpec, isMac: boolean): string | undefined {
  const a = spec.accelerator;
  if (a === undefined) return undefined;
  return typeof a === 'string' ? a : isMac ? a.mac : a.other;
}

/** A key combination as the keyboard reports it. */
export interface KeyCombo {
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
  /** Lower-case key name: a letter, digit, "-", "+", "f11", "?"… */
  key: string;
}

const MODIFIERS: Record<string, (isMac: boolean) => Partial<KeyCombo>> = {
  cmdorctrl: (isMac) => (isMac ? { meta: true } : { ctrl: true }),
  commandorcontrol: (isMac) => (isMac ? { meta: true } : { ctrl: true }),
  cmd: () => ({ meta: true }),
  command: () => ({ meta: true }),
  ctrl: () => ({ ctrl: true }),
  control: () => ({ ctrl: true }),
  shift: () => ({ shift: true }),
  alt: () => ({ alt: true }),
  option: () => ({ alt: true }),
};

/** Parses an Electron accelerator into the keys pressed on this platform. */
export function parseAccelerator(accelerator: string, isMac: boolean): KeyCombo {
  // "CmdOrCtrl+-" and "CmdOrCtrl+Plus": the last part is the key, even when it is "-" or "+".
  const parts = accelerator.split('+');
  let key = parts.pop() ?? '';
  if (key === '' && parts.at(-1) === '') {
    parts.pop();
    key = '+';
  }
  const combo: KeyCombo = { ctrl: false, meta: false, shift: false, alt: false, key: key.toLowerCase() === 'plus' ? '+' : key.toLowerCase() };
  for (const p of parts) {
    const mod = MODIFIERS[p.toLowerCase()];
    if (!mod) throw new Error(`Unknown modifier “${p}” in accelerator “${accelerator}”.`);
    Object.assign(combo, mod(isMac));
  }
  return combo;
}

/** A stable string for a combination, to compare two accelerators. */
export function comboKey(c: KeyCombo): string {
  return [c.ctrl && 'ctrl', c.meta && 'meta', c.alt && 'alt', c.shift && 'shift', c.key].filter(Boolean).join('+');
}

/** The fields of a DOM KeyboardEvent the matcher reads. */
export interface KeyEventLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The key of an event, lower-cased; Alt or Shift may change `key` ("π", "P"), so letters and digits fall back to `code`. */
function eventKey(e: KeyEventLike): string {
  if (/^[a-z0-9]$/i.test(e.key)) return e.key.toLowerCase();
  const m = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(e.code);
  if (m && (e.altKey || e.metaKey || e.ctrlKey)) return (m[1] ?? m[2]!).toLowerCase();
  return e.key.toLowerCase();
}

/** True when the event is exactly this combination. */
export function matchesCombo(combo: KeyCombo, e: KeyEventLike): boolean {
  return e.ctrlKey === combo.ctrl && e.metaKey === combo.meta && e.altKey === combo.alt && e.shiftKey === combo.shift && eventKey(e) === combo.key;
}

/** Where the renderer is when a key is pressed. */
export interface KeyContext {
  isMac: boolean;
  /** Focus is in a text field (input, textarea, contenteditable). */
  inTextField: boolean;
  /** A native menu carries the accelerators (Electron): the renderer must not fire them too. */
  menuHasAccelerators: boolean;
}

/**
 * The renderer command a key press stands for, or undefined. With a native menu only the plain
 * keys are the renderer's (the menu fires the accelerators), so no shortcut ever fires twice.
 */
export function commandForKey(e: KeyEventLike, ctx: KeyContext): RendererCommand | undefined {
  for (const spec of COMMAND_SPECS) {
    if (spec.handler !== 'renderer') continue;
    if (spec.key !== undefined && !e.ctrlKey && !e.metaKey && !e.altKey && e.key === spec.key && !ctx.inTextField) return spec.id as RendererCommand;
    if (ctx.menuHasAccelerators) continue;
    const acc = acceleratorFor(spec, ctx.isMac);
    if (!acc || !matchesCombo(parseAccelerator(acc, ctx.isMac), e)) continue;
    if (spec.passToTextField && ctx.inTextField) return undefined;
    return spec.id as RendererCommand;
  }
  return undefined;
}

const MAC_SYMBOLS: Record<string, string> = { ctrl: '⌃', alt: '⌥', shift: '⇧', meta: '⌘' };

/** How a command's shortcut is shown: "⇧⌘P" on macOS, "Ctrl+Shift+P" elsewhere; undefined when it has none. */
export function shortcutLabel(spec: CommandSpec, isMac: boolean): string | undefined {
  const acc = acceleratorFor(spec, isMac);
  if (!acc) return spec.key;
  const c = parseAccelerator(acc, isMac);
  const key = c.key === '+' ? (isMac ? '+' : 'Plus') : c.key.length === 1 ? c.key.toUpperCase() : c.key.charAt(0).toUpperCase() + c.key.slice(1);
  if (isMac) return `${c.ctrl ? MAC_SYMBOLS.ctrl : ''}${c.alt ? MAC_SYMBOLS.alt : ''}${c.shift ? MAC_SYMBOLS.shift : ''}${c.meta ? MAC_SYMBOLS.meta : ''}${key}`;
  return [c.ctrl && 'Ctrl', c.alt && 'Alt', c.shift && 'Shift', c.meta && 'Meta', key].filter(Boolean).join('+');
}
