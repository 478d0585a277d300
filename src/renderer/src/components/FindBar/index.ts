export { FindBar, type FindBarProps } from './FindBar';
