export { DeleteDialog, RenameDialog } from './DocumentDialogs';
export { Library, type LibraryProps } from './Library';
