export { EditFindingModal } from './EditFindingModal';
export { FindingsPanel, type FindingsPanelProps } from './FindingsPanel';
