export { ShortcutsSheet, type ShortcutsSheetProps } from './ShortcutsSheet';
