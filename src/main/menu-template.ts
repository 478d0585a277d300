import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { acceleratorFor, COMMAND_SPECS, type CommandSpec, type MainCommand, type MenuName } from '../shared/commands';
import type { Command } from '../shared/ipc/contract';

/** What the menu's items do; everything else is a role. */
export interface MenuActions {
  /** Sends a renderer command. */
  send(command: Command): void;
  /** Main's own commands, one handler each ("open-recent" is a submenu, see below). */
  main: Record<Exclude<MainCommand, 'open-recent'>, () => void>;
  /** Opens a path from the recent list. */
  openRecent(path: string): void;
  /** Empties the recent list. */
  clearRecent(): void;
}

/** Options for {@link buildMenuTemplate}. */
export interface MenuTemplateOptions {
  isMac: boolean;
  /** Recent documents, newest first. */
  recent: readonly string[];
  actions: MenuActions;
}

const MENU_LABELS: Record<MenuName, string> = { file: '&File', edit: '&Edit', view: '&View', help: '&Help' };

/** One table entry as a menu item: a role, a renderer command, or main's own action. */
function itemFor(spec: CommandSpec, options: MenuTemplateOptions): MenuItemConstructorOptions {
  const accelerator = acceleratorFor(spec, options.isMac);
  const base: MenuItemConstructorOptions = { id: spec.id, label: spec.label, ...(accelerator ? { accelerator } : {}) };
  if (spec.handler === 'role') return { ...base, role: spec.role };
  if (spec.handler === 'renderer') {
    const command = spec.id as Command;
    return { ...base, click: () => options.actions.send(command) };
  }
  if (spec.id === 'open-recent') {
    const { recent, actions } = options;
    return {
      ...base,
      submenu: [
        ...(recent.length ? recent.map((path) => ({ label: basename(path), sublabel: path, toolTip: path, click: () => actions.openRecent(path) })) : [{ label: 'No recent documents', enabled: false }]),
        { type: 'separator' },
        { id: 'clear-recent', label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() },
      ],
    };
  }
  const run = options.actions.main[spec.id as Exclude<MainCommand, 'open-recent'>];
  return { ...base, click: () => run() };
}

/**
 * The application menu as a template, built from the command table. Menu labels, accelerators and
 * the renderer's shortcuts therefore come from one place. No Electron call: it is unit-tested.
 */
export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const section = (menu: MenuName): MenuItemConstructorOptions[] => {
    const items: MenuItemConstructorOptions[] = [];
    for (const spec of COMMAND_SPECS.filter((c) => c.menu === menu)) {
      // On macOS "About" lives in the app menu.
      if (options.isMac && spec.id === 'about') continue;
      if (spec.separatorBefore && items.length) items.push({ type: 'separator' });
      items.push(itemFor(spec, options));
    }
    return items;
  };
  return [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    { label: MENU_LABELS.file, submenu: [...section('file'), ...(options.isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }])] },
    { label: MENU_LABELS.edit, submenu: section('edit') },
    { label: MENU_LABELS.view, submenu: section('view') },
    { role: 'windowMenu' },
    { ...(options.isMac ? { role: 'help' as const } : {}), label: MENU_LABELS.help, submenu: section('help') },
  ];
}
