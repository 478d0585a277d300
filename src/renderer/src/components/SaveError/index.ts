export { SaveErrorNotice, type SaveErrorNoticeProps } from './SaveErrorNotice';
