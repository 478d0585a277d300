export { CodebookDrawer, type CodebookDrawerProps } from './CodebookDrawer';
