import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../src/main/menu-template';
import { acceleratorFor, COMMAND_SPECS } from '../../src/shared/commands';

/** Builds the menu with recording actions. */
function build(isMac: boolean, recent: string[] = []) {
  const done: string[] = [];
  const template = buildMenuTemplate({
    isMac,
    recent,
    actions: {
      send: (c) => done.push(`send:${c}`),
      main: { 'open-data-folder': () => done.push('main:open-data-folder') },
      openRecent: (p) => done.push(`recent:${p}`),
      clearRecent: () => done.push('clear-recent'),
    },
  });
  return { template, done };
}

/** Every item of the menu tree, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions): void => (item.click as () => void)();

describe('application menu', () => {
  it.each([true, false])('gives every table entry a working handler (isMac=%s)', (isMac) => {
    const { template, done } = build(isMac, ['/home/a/report.pdf']);
    const all = items(template);
    for (const spec of COMMAND_SPECS) {
      const item = all.find((i) => i.id === spec.id);
      if (isMac && spec.id === 'about') {
        // macOS shows About in the app menu.
        expect(template[0]).toEqual({ role: 'appMenu' });
        continue;
      }
      expect(item, spec.id).toBeDefined();
      expect(item!.label).toBe(spec.label);
      expect(item!.accelerator).toBe(acceleratorFor(spec, isMac));
      if (spec.handler === 'role') {
        expect(item!.role).toBe(spec.role);
        expect(item!.click).toBeUndefined();
      } else if (spec.id === 'open-recent') {
        expect(Array.isArray(item!.submenu)).toBe(true);
      } else {
        done.length = 0;
        click(item!);
        expect(done).toEqual([spec.handler === 'renderer' ? `send:${spec.id}` : `main:${spec.id}`]);
      }
    }
  });

  it('puts the menus in order, with a Window menu and Quit only off macOS', () => {
    const mac = build(true).template;
    const other = build(false).template;
    expect(mac.map((m) => m.label ?? m.role)).toEqual(['appMenu', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    expect(other.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', 'windowMenu', '&Help']);
    expect(items(other).some((i) => i.role === 'quit')).toBe(true);
    expect(items(mac).some((i) => i.role === 'quit')).toBe(false);
  });

  it('lists recent documents newest first, opens them by path, and clears them', () => {
    const { template, done } = build(false, ['/docs/tip-2015.pdf', '/docs/notes.txt']);
    const recent = items(template).find((i) => i.id === 'open-recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['tip-2015.pdf', 'notes.txt', 'separator', 'Clear Recent']);
    click(recent[1]!);
    click(recent[3]!);
    expect(done).toEqual(['recent:/docs/notes.txt', 'clear-recent']);
  });

  it('says so when there are no recent documents', () => {
    const recent = items(build(false).template).find((i) => i.id === 'open-recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent[0]).toEqual({ label: 'No recent documents', enabled: false });
    expect(recent.at(-1)!.enabled).toBe(false);
  });
});
