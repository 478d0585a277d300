export { ViewBar, type ViewBarProps, type ViewMode } from './ViewBar';
