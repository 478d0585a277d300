import { describe, expect, it } from 'vitest';
import {
  acceleratorFor,
  COMMAND_SPECS,
  commandForKey,
  comboKey,
  parseAccelerator,
  RENDERER_COMMANDS,
  shortcutLabel,
  type KeyEventLike,
} from '../../src/shared/commands';
import { COMMANDS } from '../../src/shared/ipc/contract';

/** A key press as Chromium reports it. */
function press(key: string, mods: Partial<Pick<KeyEventLike, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>> = {}, code?: string): KeyEventLike {
  const letter = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '';
  return { key, code: code ?? letter, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

const WEB = { isMac: false, inTextField: false, menuHasAccelerators: false };

describe('command table', () => {
  it.each([true, false])('never uses an accelerator or key twice (isMac=%s)', (isMac) => {
    const seen = new Map<string, string>();
    for (const spec of COMMAND_SPECS) {
      const acc = acceleratorFor(spec, isMac);
      const keys = [acc && comboKey(parseAccelerator(acc, isMac)), spec.key && `key:${spec.key}`].filter((k): k is string => !!k);
      for (const k of keys) {
        expect(seen.get(k), `${spec.id} reuses ${k}`).toBeUndefined();
        seen.set(k, spec.id);
      }
    }
    expect(seen.size).toBeGreaterThan(15);
  });

  it('has unique ids, and keeps every command the renderer handled before', () => {
    const ids = COMMAND_SPECS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(COMMANDS).toEqual(RENDERER_COMMANDS);
    for (const old of ['open', 'close-document', 'find', 'undo', 'redo']) expect(COMMANDS).toContain(old);
  });

  it('lists the menus the issue asks for', () => {
    const labels = (menu: string) => COMMAND_SPECS.filter((c) => c.menu === menu).map((c) => c.label);
    expect(labels('file')).toEqual(['Open…', 'Open Recent', 'Import backup…', 'Export findings…', 'Back up workspace…', 'Close Document']);
    expect(labels('edit')).toEqual(['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Select All', 'Find…']);
    expect(labels('view')).toEqual(['Page view', 'Text view', 'Compare…', 'Zoom In', 'Zoom Out', 'Actual Size', 'Next finding', 'Previous finding', 'Edit selected finding…', 'Dark mode', 'Full Screen']);
    expect(labels('help')).toEqual(['Keyboard shortcuts', 'Open data folder', 'About Report Workbench']);
  });

  it('parses accelerators, including "-" and "Plus" keys and per-platform ones', () => {
    expect(parseAccelerator('CmdOrCtrl+Shift+P', true)).toEqual({ ctrl: false, meta: true, shift: true, alt: false, key: 'p' });
    expect(parseAccelerator('CmdOrCtrl+Shift+P', false)).toEqual({ ctrl: true, meta: false, shift: true, alt: false, key: 'p' });
    expect(parseAccelerator('CmdOrCtrl+-', false).key).toBe('-');
    expect(parseAccelerator('CmdOrCtrl+Plus', false).key).toBe('+');
    expect(() => parseAccelerator('Hyper+K', false)).toThrow(/Unknown modifier “Hyper”/);
    const fullScreen = COMMAND_SPECS.find((c) => c.id === 'full-screen')!;
    expect(acceleratorFor(fullScreen, true)).toBe('Ctrl+Cmd+F');
    expect(acceleratorFor(fullScreen, false)).toBe('F11');
  });

  it('shows Cmd symbols on macOS and Ctrl elsewhere', () => {
    const spec = (id: string) => COMMAND_SPECS.find((c) => c.id === id)!;
    expect(shortcutLabel(spec('page-view'), true)).toBe('⇧⌘P');
    expect(shortcutLabel(spec('page-view'), false)).toBe('Ctrl+Shift+P');
    expect(shortcutLabel(spec('open'), true)).toBe('⌘O');
    expect(shortcutLabel(spec('full-screen'), true)).toBe('⌃⌘F');
    expect(shortcutLabel(spec('full-screen'), false)).toBe('F11');
    expect(shortcutLabel(spec('zoom-in'), false)).toBe('Ctrl+Plus');
    expect(shortcutLabel(spec('zoom-in'), true)).toBe('⌘+');
    expect(shortcutLabel(spec('keyboard-shortcuts'), false)).toBe('?');
    expect(shortcutLabel(spec('import-backup'), false)).toBeUndefined();
  });
});

describe('commandForKey', () => {
  it('maps every renderer accelerator back to its command in the web host', () => {
    for (const isMac of [true, false]) {
      for (const spec of COMMAND_SPECS) {
        const acc = acceleratorFor(spec, isMac);
        if (spec.handler !== 'renderer' || !acc) continue;
        const c = parseAccelerator(acc, isMac);
        const e = press(c.shift ? c.key.toUpperCase() : c.key, { ctrlKey: c.ctrl, metaKey: c.meta, shiftKey: c.shift, altKey: c.alt }, `Key${c.key.toUpperCase()}`);
        expect(commandForKey(e, { ...WEB, isMac }), `${spec.id} on ${isMac ? 'mac' : 'other'}`).toBe(spec.id);
      }
    }
  });

  it('needs the exact modifiers of the platform', () => {
    expect(commandForKey(press('o', { ctrlKey: true }), WEB)).toBe('open');
    expect(commandForKey(press('o', { metaKey: true }), WEB)).toBeUndefined();
    expect(commandForKey(press('o', { metaKey: true }), { ...WEB, isMac: true })).toBe('open');
    expect(commandForKey(press('o', { ctrlKey: true, altKey: true }), WEB)).toBeUndefined();
    expect(commandForKey(press('o'), WEB)).toBeUndefined();
    // Shift changes the key to a capital; it is still Ctrl+Shift+Z.
    expect(commandForKey(press('Z', { ctrlKey: true, shiftKey: true }), WEB)).toBe('redo');
    expect(commandForKey(press('z', { ctrlKey: true }), WEB)).toBe('undo');
  });

  it('leaves a text field its own undo/redo and typing, but not the other shortcuts', () => {
    const typing = { ...WEB, inTextField: true };
    expect(commandForKey(press('z', { ctrlKey: true }), typing)).toBeUndefined();
    expect(commandForKey(press('?', { shiftKey: true }, 'Slash'), typing)).toBeUndefined();
    expect(commandForKey(press('f', { ctrlKey: true }), typing)).toBe('find');
  });

  it('never fires a menu accelerator from the keyboard where the native menu does (Electron)', () => {
    const electron = { ...WEB, menuHasAccelerators: true };
    for (const spec of COMMAND_SPECS) {
      const acc = acceleratorFor(spec, false);
      if (!acc) continue;
      const c = parseAccelerator(acc, false);
      expect(commandForKey(press(c.key, { ctrlKey: c.ctrl, shiftKey: c.shift, altKey: c.alt }), electron)).toBeUndefined();
    }
    // "?" is not on the menu as an accelerator: the renderer keeps it in every host.
    expect(commandForKey(press('?', { shiftKey: true }, 'Slash'), electron)).toBe('keyboard-shortcuts');
    expect(commandForKey(press('?', { shiftKey: true }, 'Slash'), WEB)).toBe('keyboard-shortcuts');
  });
});
