export { SearchView, type SearchViewProps } from './SearchView';
