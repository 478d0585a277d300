export { FindingsPanel, type FindingsPanelProps } from './FindingsPanel';
