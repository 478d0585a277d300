export { PageView, type PageViewProps } from './PageView';
export { displayWorker } from './pdfjs';
