export { FindingsTable, type FindingsTableProps } from './FindingsTable';
