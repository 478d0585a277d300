export { Library, type LibraryProps } from './Library';
