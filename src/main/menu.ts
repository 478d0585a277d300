import { Menu } from 'electron';
import { buildMenuTemplate, type MenuTemplateOptions } from './menu-template';

/** Installs (or rebuilds, when the recent list changes) the application menu from the command table. */
export function installAppMenu(options: MenuTemplateOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
