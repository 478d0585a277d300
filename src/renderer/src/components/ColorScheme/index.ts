export { ColorSchemeMenu, useColorSchemeToggle } from './ColorSchemeMenu';
