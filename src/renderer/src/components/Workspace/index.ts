export { WorkspaceMenu, type WorkspaceMenuHandle } from './WorkspaceMenu';
