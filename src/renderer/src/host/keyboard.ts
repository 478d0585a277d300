import { commandForKey, commandSpec, shortcutLabel } from '../../../shared/commands';
import type { Command } from '../../../shared/ipc/contract';

/** True on macOS, where shortcuts use ⌘. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How this platform writes the Undo shortcut, for messages that offer it ("Ctrl+Z", "⌘Z"). */
export const UNDO_KEYS = shortcutLabel(commandSpec('undo'), IS_MAC) ?? 'Edit → Undo';

/** True for elements where typing happens (their own keys and undo apply). */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || (el as HTMLElement).isContentEditable) return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
}

/**
 * Turns key presses into commands from the one command table. With a native menu (Electron) the
 * menu fires the accelerators and only plain keys such as "?" are handled here; in a browser
 * every shortcut of the table is. Returns the function that stops listening.
 */
export function listenForShortcuts(options: { menuHasAccelerators: boolean }, emit: (command: Command) => void): () => void {
  const onKey = (e: KeyboardEvent): void => {
    // A control that used the key (a menu, a combobox) keeps it.
    if (e.defaultPrevented || e.isComposing) return;
    const command = commandForKey(e, { isMac: IS_MAC, inTextField: isTextField(document.activeElement), menuHasAccelerators: options.menuHasAccelerators });
    if (!command) return;
    e.preventDefault();
    emit(command);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
